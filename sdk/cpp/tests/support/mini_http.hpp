#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A minimal blocking HTTP/1.1 client for the SDK tests, independent of the SDK's own transport:
// one exchange per connection to 127.0.0.1, no redirects followed, bounded by a timeout.
namespace latch::sdk_test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  unsigned status = 0;
  Headers headers;
  std::string body;
  // The first header named `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

struct Request {
  std::string method = "GET";
  std::string target;  // "/path?query"
  Headers headers;
  std::string body;
};

// Throws std::runtime_error when the exchange fails or takes longer than `timeout`.
Response send(unsigned short port, const Request& request,
              std::chrono::milliseconds timeout = std::chrono::seconds(10));

// application/x-www-form-urlencoded encoding and decoding.
std::string form_encode(const Headers& fields);
std::string url_decode(std::string_view text);
// The value of `name` in the query of `url` (decoded), or "".
std::string query_param(std::string_view url, std::string_view name);

}  // namespace latch::sdk_test
