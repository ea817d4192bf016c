#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "support/latch_server.hpp"

// A tiny browser for Latch's hosted pages: what a user does between the SDK's sign_in() URL and
// the app's callback. Not thread-safe; one per simulated visitor.
namespace latch::sdk_test {

class Browser {
 public:
  // REQUIRES: `server` outlives the browser.
  explicit Browser(const LatchServer& server) : server_(server) {}

  // One request with the jar's cookies (Set-Cookie updates the jar); no redirect followed.
  // `url` is a path or a URL on the server.
  Response get(std::string_view url);
  Response post_form(std::string_view url, const Headers& fields);
  // Follows redirects while they stay on the server (at most 10); returns the first answer that
  // is not such a redirect (a page, or a redirect that leaves for an app).
  Response follow(Response response);
  // Posts the first form of `page` to its action with the page's inputs (hidden csrf among
  // them), overridden by `fields`; then follow()s.
  Response submit(const Response& page, const Headers& fields);

  // The path and query of `url` when it points at the server.
  std::optional<std::string> on_server(std::string_view url) const;
  std::optional<std::string> cookie(const std::string& name) const;

 private:
  // The path and query of `url`; throws std::runtime_error when it is not on the server.
  std::string target_of(std::string_view url) const;
  // Sends `request` with the jar's cookies and keeps the cookies of the response.
  Response exchange(Request request);
  void store_cookies(const Response& response);

  const LatchServer& server_;
  std::map<std::string, std::string> jar_;
};

// Signs in at the hosted pages from the SDK's authorization URL: the sign-in form with
// `identifier` and `password`, then any further form (consent) submitted as is. Returns the
// URL the server sends the browser to outside itself (the app's redirect URI with ?code=&state=,
// or ?error=). Throws std::runtime_error (with the page) when it gets stuck.
std::string sign_in_at_hosted_page(Browser& browser, const std::string& authorization_url,
                                   const std::string& identifier, const std::string& password);

// A user with a username and password (`latch user create`); returns its id.
std::string create_user(const LatchServer& server, const std::string& username,
                        const std::string& password, const std::string& email = {});

// A traditional web app with `redirect_uri` (and `post_logout_redirect_uri` when not empty).
struct WebApp {
  std::string id, secret;
};
WebApp create_web_app(const LatchServer& server, const std::string& redirect_uri,
                      const std::string& post_logout_redirect_uri = {});

// HTML: the value of attribute `name` in the tag starting at `tag` (unescaped), and the inputs
// of the first form (name, value) in order.
std::optional<std::string> html_attribute(std::string_view tag, std::string_view name);
Headers form_inputs(std::string_view html);
std::optional<std::string> form_action(std::string_view html);

}  // namespace latch::sdk_test
