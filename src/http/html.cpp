#include "http/html.hpp"

namespace latch::http {
namespace {

// HTML Living Standard §13.1.4 (text) and §13.1.2.3 (quoted attribute values): & < > " ' as
// character references. The one escaping function: every value reaches markup through it.
void append_escaped(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
}

}  // namespace

namespace html_detail {

void append_attribute(std::string& start_tag, const Attr& attr) {
  start_tag += ' ';
  start_tag += attr.name.view();
  if (!attr.has_value) return;
  start_tag += "=\"";
  append_escaped(start_tag, attr.value);
  start_tag += '"';
}

}  // namespace html_detail

Html Html::text(std::string_view text) {
  Html out;
  append_escaped(out.markup_, text);
  return out;
}

Html Html::trusted_markup(std::string_view markup) { return Html(std::string(markup)); }

Html Html::document(const Html& root) { return Html("<!doctype html>" + root.markup_); }

Html& Html::operator+=(const Html& more) {
  markup_ += more.markup_;
  return *this;
}

Html operator+(Html first, const Html& second) {
  first += second;
  return first;
}

Element::Element(Tag tag, Attrs list) : StartTag(tag, list), tag_(tag.view()) {}

Element& Element::text(std::string_view text) {
  append_escaped(content_.markup_, text);
  return *this;
}

Element& Element::add(const Html& child) {
  content_ += child;
  return *this;
}

Element::operator Html() const {
  std::string markup;
  markup.reserve(start_.size() + content_.markup_.size() + 2 * tag_.size() + 4);
  markup += start_;
  markup += '>';
  markup += content_.markup_;
  markup += "</";
  markup += tag_;
  markup += '>';
  return Html(std::move(markup));
}

VoidElement::operator Html() const { return Html(start_ + ">"); }

}  // namespace latch::http
