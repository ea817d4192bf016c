#include "support/client_browser.hpp"

#include <strings.h>

#include <stdexcept>

#include "support/browser_helpers.hpp"

namespace latch::sdk_test {
namespace {

// The value of attribute `name` (double-quoted, as Latch renders) inside one tag's text.
std::string attribute(std::string_view tag, std::string_view name) {
  std::string needle = " " + std::string(name) + "=\"";
  auto at = tag.find(needle);
  if (at == std::string_view::npos) {
    return {};
  }
  at += needle.size();
  return html_unescape(tag.substr(at, tag.find('"', at) - at));
}

// name → value of the form's inputs (submit buttons, radios and checkboxes left out).
Headers form_inputs(std::string_view form) {
  Headers out;
  for (auto at = form.find("<input"); at != std::string_view::npos;
       at = form.find("<input", at + 1)) {
    auto tag = form.substr(at, form.find('>', at) - at);
    auto type = attribute(tag, "type");
    auto name = attribute(tag, "name");
    if (name.empty() || type == "submit" || type == "radio" || type == "checkbox") {
      continue;
    }
    out.emplace_back(name, attribute(tag, "value"));
  }
  return out;
}

}  // namespace

std::string input_value(std::string_view html, std::string_view name) {
  for (const auto& [key, value] : form_inputs(html)) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

Response HostedBrowser::open(const std::string& url) {
  std::string target = on_server(url);
  if (target.empty()) {
    throw std::runtime_error("not a URL of the server: " + url);
  }
  return follow(get(target));
}

Response HostedBrowser::submit(const Response& page, const Headers& fields) {
  std::string_view form = first_form(page.body);
  Headers body = form_body(form_inputs(form), fields);
  std::string action = attribute(form.substr(0, form.find('>')), "action");
  Request request{.method = "POST",
                  .target = action.empty() ? last_path_ : action,
                  .headers = with_cookies({{"Content-Type", "application/x-www-form-urlencoded"}}),
                  .body = form_encode(body)};
  Response response = server_.request(request);
  keep_cookies(response);
  return follow(std::move(response));
}

std::string HostedBrowser::sign_in(const std::string& authorization_url,
                                   const std::string& identifier, const std::string& password) {
  Response page = open(authorization_url);
  if (page.status != 200 || input_value(page.body, "csrf").empty()) {
    throw std::runtime_error("no sign-in form at " + last_path_ + ": " + page.body);
  }
  Response done = submit(page, {{"identifier", identifier}, {"password", password}});
  if (!is_redirect(done.status)) {
    throw std::runtime_error("sign-in stopped at " + last_path_ + " (" +
                             std::to_string(done.status) + "): " + done.body);
  }
  return done.header("Location");
}

Response HostedBrowser::get(const std::string& target) {
  last_path_ = target.substr(0, target.find('?'));
  Response response =
      server_.request({.method = "GET", .target = target, .headers = with_cookies({}), .body = {}});
  keep_cookies(response);
  return response;
}

Response HostedBrowser::follow(Response response) {
  for (int hop = 0; hop < 20 && is_redirect(response.status); ++hop) {
    std::string next = on_server(response.header("Location"));
    if (next.empty()) {
      break;
    }
    response = get(next);
  }
  return response;
}

std::string HostedBrowser::on_server(std::string_view location) const {
  if (location.starts_with("/") && !location.starts_with("//")) {
    return std::string(location);
  }
  for (const std::string& origin :
       {server_.endpoint(), "http://127.0.0.1:" + std::to_string(server_.port())}) {
    if (location.starts_with(origin)) {
      auto rest = location.substr(origin.size());
      if (rest.empty() || rest.starts_with("/") || rest.starts_with("?")) {
        return "/" + std::string(rest.starts_with("/") ? rest.substr(1) : rest);
      }
    }
  }
  return {};
}

Headers HostedBrowser::with_cookies(Headers headers) const {
  if (std::string cookies = cookie_header(jar_); !cookies.empty()) {
    headers.emplace_back("Cookie", std::move(cookies));
  }
  return headers;
}

void HostedBrowser::keep_cookies(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name.size() != 10 || strncasecmp(name.c_str(), "set-cookie", 10) != 0) {
      continue;
    }
    std::string_view pair = std::string_view(value).substr(0, value.find(';'));
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      continue;
    }
    std::string key(pair.substr(0, eq));
    std::string cookie(pair.substr(eq + 1));
    bool deleted = cookie.empty() || value.find("Max-Age=0") != std::string::npos;
    if (deleted) {
      jar_.erase(key);
    } else {
      jar_[key] = cookie;
    }
  }
}

}  // namespace latch::sdk_test
