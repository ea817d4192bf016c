#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Outbound HTTP(S) for the SDK: Beast over TCP or TLS (OpenSSL, certificates verified against
// the system's CAs or TransportOptions::ca_file, SNI and host name checked), one exchange per
// connection, a deadline over the whole exchange, bounded response size.
namespace latch::detail {

struct TransportOptions {
  std::chrono::milliseconds timeout{10000};
  std::string ca_file;
};

struct HttpRequest {
  std::string method = "GET";  // GET, POST
  std::string url;             // absolute http:// or https:// URL
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

// Throws latch::Error(Errc::network) when the exchange cannot complete (DNS, connect, TLS,
// timeout, oversized or malformed response). Any HTTP status is a response, not an error.
boost::asio::awaitable<HttpResponse> fetch(HttpRequest request, TransportOptions options);

// "application/x-www-form-urlencoded" encoding of `fields`.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// Runs `make()` (a coroutine) to completion on a private io_context and returns its result or
// rethrows its exception: how every blocking SDK call is its async twin.
template <class T>
T run_blocking(std::function<boost::asio::awaitable<T>()> make);

}  // namespace latch::detail

#include "http_client_inl.hpp"
