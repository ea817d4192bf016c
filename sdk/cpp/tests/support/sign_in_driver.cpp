#include "support/sign_in_driver.hpp"

#include <boost/beast/core/string.hpp>
#include <stdexcept>

#include "support/browser_helpers.hpp"

namespace latch::sdk_test {

std::optional<std::string> html_attribute(std::string_view tag, std::string_view name) {
  tag = tag.substr(0, tag.find('>'));
  for (char quote : {'"', '\''}) {
    std::string needle = " " + std::string(name) + "=" + quote;
    if (auto at = tag.find(needle); at != std::string_view::npos) {
      auto begin = at + needle.size();
      auto end = tag.find(quote, begin);
      return html_unescape(tag.substr(begin, end - begin));
    }
  }
  return std::nullopt;
}

Headers form_inputs(std::string_view html) {
  Headers out;
  std::string_view form = first_form(html);
  for (auto at = form.find("<input"); at != std::string_view::npos;
       at = form.find("<input", at + 1)) {
    std::string_view tag = form.substr(at);
    auto name = html_attribute(tag, "name");
    std::string type = html_attribute(tag, "type").value_or("text");
    if (!name || type == "submit" || type == "radio" || type == "checkbox") {
      continue;
    }
    out.emplace_back(*name, html_attribute(tag, "value").value_or(""));
  }
  return out;
}

std::optional<std::string> form_action(std::string_view html) {
  std::string_view form = first_form(html);
  if (form.empty()) {
    return std::nullopt;
  }
  return html_attribute(form, "action").value_or("");
}

std::optional<std::string> Browser::on_server(std::string_view url) const {
  if (url.empty()) {
    return std::nullopt;
  }
  if (url.front() == '/' && (url.size() == 1 || url[1] != '/')) {
    return std::string(url);
  }
  const std::string origins[] = {server_.endpoint(),
                                 "http://127.0.0.1:" + std::to_string(server_.port()),
                                 "http://localhost:" + std::to_string(server_.port())};
  for (const std::string& origin : origins) {
    if (url.substr(0, origin.size()) != origin) {
      continue;
    }
    std::string_view rest = url.substr(origin.size());
    if (rest.empty()) {
      return std::string("/");
    }
    if (rest.front() == '/' || rest.front() == '?') {
      return std::string(rest);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Browser::cookie(const std::string& name) const {
  auto it = jar_.find(name);
  return it == jar_.end() ? std::nullopt : std::optional(it->second);
}

void Browser::store_cookies(const Response& response) {
  for (const auto& [key, value] : response.headers) {
    if (!boost::beast::iequals(key, "Set-Cookie")) {
      continue;
    }
    std::string_view pair = std::string_view(value).substr(0, value.find(';'));
    auto eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string val(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (val.empty() || value.find("Max-Age=0") != std::string::npos) {
      jar_.erase(name);
    } else {
      jar_[name] = val;
    }
  }
}

std::string Browser::target_of(std::string_view url) const {
  auto target = on_server(url);
  if (!target) {
    throw std::runtime_error("not on the server: " + std::string(url));
  }
  return *target;
}

Response Browser::exchange(Request request) {
  if (std::string cookies = cookie_header(jar_); !cookies.empty()) {
    request.headers.emplace_back("Cookie", std::move(cookies));
  }
  Response res = server_.request(request);
  store_cookies(res);
  return res;
}

Response Browser::get(std::string_view url) { return exchange({.target = target_of(url)}); }

Response Browser::post_form(std::string_view url, const Headers& fields) {
  return exchange({.method = "POST",
                   .target = target_of(url),
                   .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                               {"Origin", server_.endpoint()}},
                   .body = form_encode(fields)});
}

Response Browser::follow(Response response) {
  for (int hop = 0; hop < 10 && is_redirect(response.status); ++hop) {
    auto next = on_server(response.header("Location"));
    if (!next) {
      break;
    }
    response = get(*next);
  }
  return response;
}

Response Browser::submit(const Response& page, const Headers& fields) {
  Headers body = form_body(form_inputs(page.body), fields);
  return follow(post_form(form_action(page.body).value_or(""), body));
}

std::string sign_in_at_hosted_page(Browser& browser, const std::string& authorization_url,
                                   const std::string& identifier, const std::string& password) {
  Response page = browser.follow(browser.get(authorization_url));
  for (int step = 0; step < 4; ++step) {
    if (is_redirect(page.status)) {
      return page.header("Location");
    }
    if (page.status != 200 || !form_action(page.body)) {
      break;
    }
    Headers fields;
    if (html_attribute(page.body.substr(page.body.find("<form")), "action") &&
        page.body.find("name=\"password\"") != std::string::npos) {
      fields = {{"identifier", identifier}, {"password", password}};
    }
    page = browser.submit(page, fields);
  }
  throw std::runtime_error("the hosted sign-in got stuck: status " + std::to_string(page.status) +
                           " Location " + page.header("Location") + "\n" + page.body);
}

std::string create_user(const LatchServer& server, const std::string& username,
                        const std::string& password, const std::string& email) {
  std::vector<std::string> args = {"user",   "create",     "--username",
                                   username, "--password", password};
  if (!email.empty()) {
    args.insert(args.end(), {"--email", email});
  }
  args.push_back("--json");
  return std::string(server.cli_json(args).at("id").as_string());
}

WebApp create_web_app(const LatchServer& server, const std::string& redirect_uri,
                      const std::string& post_logout_redirect_uri) {
  std::vector<std::string> args = {"app", "create",         "--name",
                                   "Web", "--redirect-uri", redirect_uri};
  if (!post_logout_redirect_uri.empty()) {
    args.insert(args.end(), {"--post-logout-redirect-uri", post_logout_redirect_uri});
  }
  args.push_back("--json");
  auto app = server.cli_json(args);
  return {.id = std::string(app.at("id").as_string()),
          .secret = std::string(app.at("secret").as_string())};
}

}  // namespace latch::sdk_test
