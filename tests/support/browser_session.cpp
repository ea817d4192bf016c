#include "support/browser_session.hpp"

#include <boost/beast/core/string.hpp>
#include <cctype>
#include <vector>

#include "http/form.hpp"

namespace latch::test {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

bool is_redirect(unsigned status) { return status >= 300 && status < 400 && status != 304; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The attributes of the tag whose text (after "<name") is `tag`: name="v", name='v', name=v or
// a bare name.
Attributes parse_attributes(std::string_view tag) {
  Attributes out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
  };
  while (i < tag.size()) {
    skip_space();
    std::size_t start = i;
    while (i < tag.size() && tag[i] != '=' && tag[i] != '/' &&
           !std::isspace(static_cast<unsigned char>(tag[i]))) {
      ++i;
    }
    std::string name = lower(tag.substr(start, i - start));
    if (name.empty()) {
      ++i;
      continue;
    }
    skip_space();
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      skip_space();
      char quote = i < tag.size() && (tag[i] == '"' || tag[i] == '\'') ? tag[i++] : ' ';
      std::size_t end = quote == ' ' ? tag.find_first_of(" \t\r\n", i) : tag.find(quote, i);
      if (end == std::string_view::npos) end = tag.size();
      value = html_unescape(tag.substr(i, end - i));
      i = end + 1;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::optional<std::string> attribute(const Attributes& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// The attribute lists of every <`tag` ...> in `html`, in order.
std::vector<Attributes> tags(std::string_view html, std::string_view tag) {
  std::vector<Attributes> out;
  std::string haystack = lower(html);
  std::string opening = "<" + std::string(tag);
  for (std::size_t at = haystack.find(opening); at != std::string::npos;
       at = haystack.find(opening, at + 1)) {
    std::size_t begin = at + opening.size();
    if (begin < html.size() && !std::isspace(static_cast<unsigned char>(html[begin])) &&
        html[begin] != '>') {
      continue;  // <inputs>, <formation>: another element
    }
    std::size_t end = html.find('>', begin);
    if (end == std::string_view::npos) break;
    out.push_back(parse_attributes(html.substr(begin, end - begin)));
  }
  return out;
}

// The part of `html` inside its first <form>…</form>, or all of it without a form.
std::string_view first_form(std::string_view html) {
  std::string haystack = lower(html);
  std::size_t open = haystack.find("<form");
  if (open == std::string::npos) return html;
  std::size_t close = haystack.find("</form>", open);
  return html.substr(open, close == std::string::npos ? std::string_view::npos : close - open);
}

// "name=value" and its attributes from one Set-Cookie header value.
struct SetCookie {
  std::string name;
  std::string value;
  bool deleted = false;
};

std::optional<SetCookie> parse_set_cookie(std::string_view header) {
  std::size_t semi = header.find(';');
  std::string_view pair = header.substr(0, semi);
  std::size_t eq = pair.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  SetCookie out{std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1))};
  out.deleted = out.value.empty();
  std::string attributes = lower(semi == std::string_view::npos ? "" : header.substr(semi));
  if (attributes.find("max-age=0") != std::string::npos) out.deleted = true;
  return out;
}

}  // namespace

HttpResponse BrowserSession::get(std::string_view target) {
  HttpResponse res = server_.client().get(target_of(target), with_cookies({}));
  store_cookies(res);
  return res;
}

HttpResponse BrowserSession::post_form(std::string_view target, const http::Params& form) {
  return post_form(target, http::encode_form(form));
}

HttpResponse BrowserSession::post_form(std::string_view target, std::string body) {
  HttpResponse res =
      server_.client().post_form(target_of(target), std::move(body), with_cookies({}));
  store_cookies(res);
  return res;
}

HttpResponse BrowserSession::follow(HttpResponse response, int max_hops) {
  for (int hop = 0; hop < max_hops && is_redirect(response.status); ++hop) {
    auto next = on_server(response.header("Location"));
    if (!next) break;
    response = get(*next);
  }
  return response;
}

HttpResponse BrowserSession::submit(const HttpResponse& page, const http::Params& fields) {
  std::string_view form = first_form(page.body);
  http::Params body;
  http::Params filled = form_inputs(form);
  for (const auto& [name, value] : filled.items()) {
    if (!fields.get(name)) body.add(name, value);
  }
  for (const auto& [name, value] : fields.items()) body.add(name, value);
  std::string action = form_action(form).value_or("");
  return follow(post_form(action, body));
}

std::optional<std::string> BrowserSession::cookie(const std::string& name) const {
  auto it = jar_.find(name);
  if (it == jar_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> BrowserSession::on_server(std::string_view location) const {
  if (location.empty()) return std::nullopt;
  if (location.front() == '/' && (location.size() == 1 || location[1] != '/')) {
    return std::string(location);
  }
  for (const std::string& origin : {server_.endpoint(), server_.base_url()}) {
    if (location.substr(0, origin.size()) != origin) continue;
    std::string_view rest = location.substr(origin.size());
    if (rest.empty()) return std::string("/");
    if (rest.front() == '/' || rest.front() == '?') return std::string(rest);
  }
  return std::nullopt;
}

Headers BrowserSession::with_cookies(Headers headers) const {
  std::string cookies;
  for (const auto& [name, value] : jar_) {
    if (!cookies.empty()) cookies += "; ";
    cookies += name + "=" + value;
  }
  if (!cookies.empty()) headers.emplace_back("Cookie", std::move(cookies));
  return headers;
}

void BrowserSession::store_cookies(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (!boost::beast::iequals(name, "Set-Cookie")) continue;
    auto cookie = parse_set_cookie(value);
    if (!cookie) continue;
    if (cookie->deleted) {
      jar_.erase(cookie->name);
    } else {
      jar_[cookie->name] = cookie->value;
    }
  }
}

std::string BrowserSession::target_of(std::string_view target) const {
  auto path = on_server(target);
  return path ? *path : std::string(target);
}

std::optional<std::string> input_value(std::string_view html, std::string_view name) {
  for (const auto& input : tags(html, "input")) {
    if (attribute(input, "name") == name) return attribute(input, "value").value_or("");
  }
  return std::nullopt;
}

http::Params form_inputs(std::string_view html) {
  http::Params out;
  for (const auto& input : tags(first_form(html), "input")) {
    auto name = attribute(input, "name");
    std::string type = lower(attribute(input, "type").value_or("text"));
    if (!name || type == "submit" || type == "radio" || type == "checkbox") continue;
    out.add(*name, attribute(input, "value").value_or(""));
  }
  return out;
}

std::optional<std::string> form_action(std::string_view html) {
  auto forms = tags(html, "form");
  if (forms.empty()) return std::nullopt;
  return attribute(forms.front(), "action").value_or("");
}

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
    if (!replaced) out.push_back(text[i++]);
  }
  return out;
}

}  // namespace latch::test
