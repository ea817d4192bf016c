#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "support/http_test_client.hpp"
#include "support/test_server.hpp"

namespace latch::test {

// A tiny browser for the hosted pages, over HttpTestClient: a cookie jar for the server's one
// origin, redirects followed only while they stay on the server, and HTML form submission with
// the page's hidden inputs (the CSRF token). Not thread-safe; one per simulated browser.
class BrowserSession {
 public:
  // REQUIRES: `server` outlives the session.
  explicit BrowserSession(const TestServer& server) : server_(server) {}

  // One request with the jar's cookies; Set-Cookie headers of the answer update the jar. No
  // redirect is followed. `target` is a path ("/sign-in?x=1") or a URL on the server.
  HttpResponse get(std::string_view target);
  HttpResponse post_form(std::string_view target, const http::Params& form);
  HttpResponse post_form(std::string_view target, std::string body);

  // Follows redirects while their Location is on the server (a path, or a URL under the
  // endpoint or the connect address), at most `max_hops` times. Returns the first answer that
  // is not such a redirect: a page, or a redirect that leaves for a client.
  HttpResponse follow(HttpResponse response, int max_hops = 10);
  // get(target), then follow().
  HttpResponse navigate(std::string_view target) { return follow(get(target)); }
  // Posts the first form of `page` to its action with every input the page filled in (the
  // hidden csrf among them), overridden and extended by `fields`; then follow()s.
  HttpResponse submit(const HttpResponse& page, const http::Params& fields);

  // The jar. A cookie the server deletes (empty value or Max-Age=0) leaves the jar.
  std::optional<std::string> cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { jar_[name] = value; }
  void forget_cookie(const std::string& name) { jar_.erase(name); }

  // The request target ("/path?query") of `location` when it points at the server; nullopt
  // when it leaves for somewhere else.
  std::optional<std::string> on_server(std::string_view location) const;

 private:
  Headers with_cookies(Headers headers) const;
  void store_cookies(const HttpResponse& response);
  std::string target_of(std::string_view target) const;

  const TestServer& server_;
  std::map<std::string, std::string> jar_;
};

// The value attribute of the first <input> named `name` in `html`, unescaped; nullopt when
// there is no such input.
std::optional<std::string> input_value(std::string_view html, std::string_view name);
// Every named <input> of the first form in `html` (or of the page when there is no form), in
// order, with its value; for buttons (name + value) and radio buttons nothing is added.
http::Params form_inputs(std::string_view html);
// The action attribute of the first <form> in `html`; nullopt without a form.
std::optional<std::string> form_action(std::string_view html);
// Reverses the escaping of http::Html (&amp; &lt; &gt; &quot; &#39; &#x27;).
std::string html_unescape(std::string_view text);

}  // namespace latch::test
