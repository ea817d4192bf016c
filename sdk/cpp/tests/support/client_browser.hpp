#pragma once

#include <map>
#include <string>
#include <string_view>

#include "support/latch_server.hpp"

// A cookie-keeping "browser" for Latch's hosted sign-in pages in the Client tests: it follows
// redirects while they stay on the server and stops at the first one that leaves it (the app's
// redirect URI), which nothing needs to serve.
namespace latch::sdk_test {

class HostedBrowser {
 public:
  explicit HostedBrowser(const LatchServer& server) : server_(server) {}

  // GET `url` (absolute on the server, or a target), following on-server redirects. The
  // returned response is a page (2xx/4xx) or a redirect off the server.
  Response open(const std::string& url);
  // Submits the first form of `page` with its inputs overridden by `fields`; follows redirects.
  Response submit(const Response& page, const Headers& fields);

  // Opens `authorization_url` and signs in with the password form; returns the URL the server
  // finally sends the browser to (the app's callback with ?code=&state=&iss=). Throws
  // std::runtime_error with the page when the flow does not get there.
  std::string sign_in(const std::string& authorization_url, const std::string& identifier,
                      const std::string& password);

  // The path of the last on-server page `open` reached ("/sign-in", "/register").
  const std::string& last_path() const { return last_path_; }

 private:
  Response get(const std::string& target);
  Response follow(Response response);
  std::string on_server(std::string_view location) const;  // "" when it leaves the server
  Headers with_cookies(Headers headers) const;
  void keep_cookies(const Response& response);

  const LatchServer& server_;
  std::map<std::string, std::string> jar_;
  std::string last_path_;
};

// The value attribute of <input name="`name`"> in `html`, or "" (HTML entities decoded).
std::string input_value(std::string_view html, std::string_view name);

}  // namespace latch::sdk_test
