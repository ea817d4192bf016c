#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

// Server-rendered HTML that is escaped by construction. Markup comes from three places only:
// element and attribute names, which are literals checked when compiled; text and attribute
// values, which are always escaped; and Html::trusted_markup, the one door for markup written
// elsewhere (each call site says why its argument is safe: `grep -rn trusted_markup src`).
// Everything here is a value type: not thread-safe to mutate, safe to copy across threads.
namespace latch::http {

struct Attr;

namespace html_detail {

// Lower-case ASCII letters, digits and '-', starting with a letter: the names these pages use.
consteval bool valid(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// HTML Living Standard §13.1.2: elements with no content and no end tag.
consteval bool is_void(std::string_view tag) {
  for (std::string_view v : {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                             "meta", "source", "track", "wbr"}) {
    if (tag == v) return true;
  }
  return false;
}

// Called only when a check fails: not a constant expression, so the build stops there.
void invalid_name(const char* why);

// Appends ` name="value"` (the value escaped) or ` name` to a start tag being built.
void append_attribute(std::string& start_tag, const Attr& attr);

}  // namespace html_detail

// The name of an attribute: a literal, checked when compiled. A std::string does not convert.
// Event handlers (on*) and style are refused too: the pages' CSP runs no inline script or style.
class AttrName {
 public:
  consteval AttrName(const char* name) : name_(name) {
    if (!html_detail::valid(name_)) html_detail::invalid_name("not an attribute name");
    if (name_.starts_with("on")) html_detail::invalid_name("an event handler: no inline script");
    if (name_ == "style") html_detail::invalid_name("inline style: use the stylesheet");
  }
  constexpr std::string_view view() const { return name_; }

 private:
  std::string_view name_;
};

// The tag of an element with content (p, form, button): a literal, checked when compiled.
class Tag {
 public:
  consteval Tag(const char* name) : name_(name) {
    if (!html_detail::valid(name_)) html_detail::invalid_name("not a tag name");
    if (html_detail::is_void(name_)) html_detail::invalid_name("a void element: use VoidElement");
  }
  constexpr std::string_view view() const { return name_; }

 private:
  std::string_view name_;
};

// The tag of a void element (input, img, link, meta, source): a literal, checked when compiled.
class VoidTag {
 public:
  consteval VoidTag(const char* name) : name_(name) {
    if (!html_detail::is_void(name_)) html_detail::invalid_name("not a void element: use Element");
  }
  constexpr std::string_view view() const { return name_; }

 private:
  std::string_view name_;
};

// name="value" with the value escaped, or a boolean attribute (name only: `required`).
struct Attr {
  Attr(AttrName n) : name(n) {}
  Attr(AttrName n, std::string_view v) : name(n), value(v), has_value(true) {}
  AttrName name;
  std::string_view value;
  bool has_value = false;
};
using Attrs = std::initializer_list<Attr>;

// A fragment of HTML: a sequence of escaped text, elements and trusted markup.
class Html {
 public:
  Html() = default;  // the empty fragment
  // `text` as character data: & < > " ' become references; other bytes (UTF-8) stay as they are.
  static Html text(std::string_view text);
  // `markup` as it is, unescaped. The only way to turn a string into markup: use it for literals
  // and constant snippets only, never for anything a person, a request or the configuration can
  // set, and say at the call site why the argument is safe.
  static Html trusted_markup(std::string_view markup);
  // `<!doctype html>` followed by `root` (the html element).
  static Html document(const Html& root);

  Html& operator+=(const Html& more);
  bool empty() const { return markup_.empty(); }
  // The serialized markup.
  const std::string& str() const& { return markup_; }
  std::string str() && { return std::move(markup_); }

 private:
  friend class Element;
  friend class VoidElement;
  explicit Html(std::string markup) : markup_(std::move(markup)) {}
  std::string markup_;
};

Html operator+(Html first, const Html& second);

// The attribute methods both element builders share (CRTP: each returns the builder itself).
template <class Self>
class StartTag {
 public:
  // name="value", the value escaped.
  Self& attr(AttrName name, std::string_view value) { return add({name, value}); }
  // A boolean attribute, present: `disabled`.
  Self& flag(AttrName name) { return add({name}); }
  Self& attrs(Attrs list) {
    for (const Attr& a : list) add(a);
    return static_cast<Self&>(*this);
  }

 protected:
  // Only checked names open a tag.
  StartTag(Tag tag, Attrs list) : start_("<" + std::string(tag.view())) { attrs(list); }
  StartTag(VoidTag tag, Attrs list) : start_("<" + std::string(tag.view())) { attrs(list); }
  std::string start_;  // "<tag a=\"b\"", without the closing '>'

 private:
  Self& add(const Attr& a) {
    html_detail::append_attribute(start_, a);
    return static_cast<Self&>(*this);
  }
};

// An element with content: Element("p", {{"class", "error"}}).text(message).
class Element : public StartTag<Element> {
 public:
  explicit Element(Tag tag, Attrs list = {});
  // Appends an escaped text node.
  Element& text(std::string_view text);
  // Appends child content.
  Element& add(const Html& child);
  operator Html() const;  // <tag ...>content</tag>

 private:
  std::string_view tag_;
  Html content_;
};

// A void element, which has attributes only: VoidElement("input", {{"type", "hidden"}}).
class VoidElement : public StartTag<VoidElement> {
 public:
  explicit VoidElement(VoidTag tag, Attrs list = {}) : StartTag(tag, list) {}
  operator Html() const;  // <tag ...>
};

}  // namespace latch::http
