#include "http/html.hpp"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

namespace latch::http {
namespace {

// Only the builder makes markup: a string is never markup, a name, or a tag.
static_assert(!std::is_constructible_v<Html, std::string>);
static_assert(!std::is_constructible_v<Html, const char*>);
static_assert(!std::is_convertible_v<std::string, AttrName>);
static_assert(!std::is_convertible_v<std::string, Tag>);
static_assert(!std::is_convertible_v<std::string_view, VoidTag>);

constexpr const char* kScript = "<script>alert(1)</script>";
constexpr const char* kBreakout = "\"><img src=x onerror=alert(1)>";

TEST(HtmlTest, TextEscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(Html::text("a & b < c > d \" e ' f").str(), "a &amp; b &lt; c &gt; d &quot; e &#39; f");
}

TEST(HtmlTest, TextKeepsNonAsciiAsItIs) {
  EXPECT_EQ(Html::text("café 日本語 😀").str(), "café 日本語 😀");
}

TEST(HtmlTest, TextEscapesAnEntityItself) { EXPECT_EQ(Html::text("&lt;").str(), "&amp;lt;"); }

TEST(HtmlTest, HostileTextStaysText) {
  EXPECT_EQ(Html(Element("p").text(kScript)).str(), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

TEST(HtmlTest, AttributeValuesAreEscaped) {
  Html input = VoidElement("input", {{"name", "q"}, {"value", kBreakout}});
  EXPECT_EQ(input.str(),
            "<input name=\"q\" value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">");
}

TEST(HtmlTest, AttributeValuesEscapeApostrophesAndAmpersands) {
  Html link = Element("a", {{"href", "/x?a=1&b='2'"}}).text("go");
  EXPECT_EQ(link.str(), "<a href=\"/x?a=1&amp;b=&#39;2&#39;\">go</a>");
}

TEST(HtmlTest, AttributeValuesKeepNonAscii) {
  Html img = VoidElement("img", {{"alt", "ロゴ é"}});
  EXPECT_EQ(img.str(), "<img alt=\"ロゴ é\">");
}

TEST(HtmlTest, BooleanAttributesHaveNoValue) {
  Html input = VoidElement("input", {{"type", "text"}, {"required"}}).flag("autofocus");
  EXPECT_EQ(input.str(), "<input type=\"text\" required autofocus>");
}

TEST(HtmlTest, AttributesKeepTheirOrder) {
  Element button("button", {{"type", "submit"}});
  button.attr("class", "secondary").attrs({{"name", "action"}, {"value", "code"}});
  EXPECT_EQ(
      Html(button.text("Go")).str(),
      "<button type=\"submit\" class=\"secondary\" name=\"action\" value=\"code\">Go</button>");
}

TEST(HtmlTest, ElementsNest) {
  Element list("ul", {{"class", "scopes"}});
  list.add(Element("li").text("a<b")).add(Element("li").text("c"));
  Html form = Element("form", {{"method", "post"}}).add(list).add(VoidElement("br"));
  EXPECT_EQ(form.str(),
            "<form method=\"post\"><ul class=\"scopes\"><li>a&lt;b</li><li>c</li></ul><br></form>");
}

TEST(HtmlTest, VoidElementsHaveNoEndTag) {
  EXPECT_EQ(Html(VoidElement("meta", {{"charset", "utf-8"}})).str(), "<meta charset=\"utf-8\">");
}

TEST(HtmlTest, EmptyElementsHaveAnEndTag) { EXPECT_EQ(Html(Element("p")).str(), "<p></p>"); }

TEST(HtmlTest, FragmentsConcatenateWithoutReescaping) {
  Html joined = Html::text("<") + Element("b").text(">") + Html::text("&");
  EXPECT_EQ(joined.str(), "&lt;<b>&gt;</b>&amp;");
}

TEST(HtmlTest, TheEmptyFragmentAddsNothing) {
  Html empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ((Html::text("a") + empty).str(), "a");
  EXPECT_FALSE(Html::text("a").empty());
}

TEST(HtmlTest, TrustedMarkupIsKeptAsItIs) {
  Html svg = Html::trusted_markup("<svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg>");
  Html span = Element("span", {{"class", "logo"}}).add(svg);
  EXPECT_EQ(span.str(),
            "<span class=\"logo\"><svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg></span>");
}

TEST(HtmlTest, DocumentStartsWithTheDoctype) {
  Html page = Html::document(Element("html", {{"lang", "ja"}}).add(Element("body")));
  EXPECT_EQ(page.str(), "<!doctype html><html lang=\"ja\"><body></body></html>");
}

TEST(HtmlTest, NamesMayHoldDashes) {
  Html p = Element("p", {{"aria-describedby", "pw-hint"}}).text("x");
  EXPECT_EQ(p.str(), "<p aria-describedby=\"pw-hint\">x</p>");
}

}  // namespace
}  // namespace latch::http
