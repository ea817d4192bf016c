#include "saml/binding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.hpp"
#include "saml/keys.hpp"

namespace latch::saml {
namespace {

constexpr std::string_view kXml = "<samlp:AuthnRequest ID=\"_1\">a+b/c=d</samlp:AuthnRequest>";

TEST(BindingTest, RedirectRoundTripsMessageAndRelayState) {
  const std::string query = redirect_query(MessageParam::Request, kXml, "a b&c=d/é");
  EXPECT_EQ(query.rfind("SAMLRequest=", 0), 0u);
  EXPECT_EQ(query.find_first_of("+/ "), std::string::npos);  // everything escaped
  auto message = decode_redirect(query);
  ASSERT_TRUE(message) << message.error().detail;
  EXPECT_EQ(message->param, MessageParam::Request);
  EXPECT_EQ(message->xml, kXml);
  EXPECT_EQ(message->relay_state, "a b&c=d/é");
  EXPECT_FALSE(message->is_signed);
}

TEST(BindingTest, RedirectDecodesResponsesWithoutRelayState) {
  auto message = decode_redirect(redirect_query(MessageParam::Response, kXml));
  ASSERT_TRUE(message);
  EXPECT_EQ(message->param, MessageParam::Response);
  EXPECT_EQ(message->relay_state, std::nullopt);
}

TEST(BindingTest, RedirectUrlAppendsToAnExistingQuery) {
  EXPECT_EQ(redirect_url("https://idp.test/sso", "SAMLRequest=x"),
            "https://idp.test/sso?SAMLRequest=x");
  EXPECT_EQ(redirect_url("https://idp.test/sso?tenant=1", "SAMLRequest=x"),
            "https://idp.test/sso?tenant=1&SAMLRequest=x");
}

std::string error_key(const Result<RedirectMessage>& result) {
  return result ? "(decoded)" : result.error().key;
}

TEST(BindingTest, RedirectRefusesBadInput) {
  EXPECT_EQ(error_key(decode_redirect("")), keys::kBadEncoding);
  EXPECT_EQ(error_key(decode_redirect("RelayState=x")), keys::kBadEncoding);
  EXPECT_EQ(error_key(decode_redirect("SAMLRequest=a&SAMLResponse=b")), keys::kBadEncoding);
  EXPECT_EQ(error_key(decode_redirect("SAMLRequest=a&SAMLRequest=b")), keys::kBadEncoding);
  EXPECT_EQ(error_key(decode_redirect("SAMLRequest=%zz")), keys::kBadEncoding);
  EXPECT_EQ(error_key(decode_redirect("SAMLRequest=!!!!")), keys::kBadEncoding);
  // Valid base64 of bytes that are not DEFLATE data.
  EXPECT_EQ(error_key(decode_redirect("SAMLRequest=" + crypto::base64_encode("\xff\xff\xff"))),
            keys::kBadEncoding);
}

TEST(BindingTest, RedirectStopsInflatingAtTheLimit) {
  const std::string big(1'000'000, 'a');  // DEFLATEs to about a kilobyte
  const std::string query = redirect_query(MessageParam::Request, big);
  EXPECT_LT(query.size(), 4000u);
  const auto result = decode_redirect(query, {.max_inflated = 64 * 1024});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kTooLarge);
  EXPECT_EQ(result.error().code, Errc::PayloadTooLarge);
}

TEST(BindingTest, RedirectRefusesAnOversizedQuery) {
  const auto result = decode_redirect("SAMLRequest=" + std::string(300, 'A'), {.max_encoded = 100});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().key, keys::kTooLarge);
}

TEST(BindingTest, PostRoundTripsAndIgnoresLineBreaks) {
  std::string encoded = post_encode(kXml);
  encoded.insert(8, "\r\n");
  auto xml = post_decode(encoded);
  ASSERT_TRUE(xml);
  EXPECT_EQ(*xml, kXml);
}

TEST(BindingTest, PostRefusesBadBase64AndOversizedValues) {
  const auto bad = post_decode("not*base64");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, keys::kBadEncoding);
  const auto big = post_decode(post_encode(std::string(1000, 'x')), {.max_inflated = 100});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().key, keys::kTooLarge);
}

TEST(BindingTest, PostFormEscapesEveryValueAndLoadsTheScriptFromAFile) {
  const std::string html = post_form_html({.action = "https://sp.test/acs?a=1&b=\"2\"",
                                           .param = MessageParam::Response,
                                           .xml = std::string(kXml),
                                           .relay_state = "<script>alert(1)</script>",
                                           .script_src = "/assets/saml-post.js"});
  EXPECT_NE(html.find("action=\"https://sp.test/acs?a=1&amp;b=&quot;2&quot;\""), std::string::npos);
  EXPECT_NE(html.find("name=\"SAMLResponse\" value=\"" + post_encode(kXml) + "\""),
            std::string::npos);
  EXPECT_NE(html.find("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos);
  EXPECT_NE(html.find("<noscript>"), std::string::npos);
  EXPECT_NE(html.find("<script src=\"/assets/saml-post.js\"></script>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);  // no inline script
}

TEST(BindingTest, PostFormWithoutScriptIsAPlainButton) {
  const std::string html = post_form_html({.action = "https://sp.test/acs", .xml = "<x/>"});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<noscript>"), std::string::npos);
  EXPECT_NE(html.find("<button type=\"submit\">"), std::string::npos);
  EXPECT_EQ(html.find("RelayState"), std::string::npos);
}

}  // namespace
}  // namespace latch::saml
