#include "support/browser_helpers.hpp"

#include <utility>

namespace latch::sdk_test {

bool is_redirect(unsigned status) { return status >= 300 && status < 400; }

std::string html_unescape(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
      {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out.push_back(c);
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::string_view first_form(std::string_view html) {
  auto start = html.find("<form");
  if (start == std::string_view::npos) {
    return {};
  }
  auto end = html.find("</form>", start);
  return html.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

Headers form_body(const Headers& inputs, const Headers& fields) {
  Headers body;
  for (const auto& [name, value] : inputs) {
    bool overridden = false;
    for (const auto& field : fields) {
      overridden = overridden || field.first == name;
    }
    if (!overridden) {
      body.emplace_back(name, value);
    }
  }
  body.insert(body.end(), fields.begin(), fields.end());
  return body;
}

std::string cookie_header(const std::map<std::string, std::string>& jar) {
  std::string cookies;
  for (const auto& [name, value] : jar) {
    cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
  }
  return cookies;
}

}  // namespace latch::sdk_test
