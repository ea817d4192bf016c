#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latch::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A response as the test sees it.
struct HttpResponse {
  unsigned status = 0;
  Headers headers;  // in the order received
  std::string body;
  bool keep_alive = false;  // the server left the connection open

  // The first value of header `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // The body parsed as JSON; null when it is not JSON.
  boost::json::value json() const;
};

HttpResponse to_test_response(
    boost::beast::http::response<boost::beast::http::string_body>&& response);

// One HTTP/1.1 connection to 127.0.0.1-style literal addresses; requests reuse it (keep-alive).
// Every operation times out after `timeout`. Throws boost::system::system_error on I/O errors,
// including a connection the server has closed. Not thread-safe.
class HttpConnection {
 public:
  HttpConnection(std::string host, unsigned short port,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends one request (Host, and Content-Length for POST or a body, are added) and reads the
  // response. `headers` are added as given (a name may repeat), Content-Type included.
  HttpResponse request(boost::beast::http::verb method, std::string_view target,
                       std::string body = {}, const Headers& headers = {});
  void close();

 private:
  std::string host_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context ctx_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// Convenience: a new connection per request, so one failing exchange does not affect the next.
class HttpTestClient {
 public:
  HttpTestClient(std::string host, unsigned short port) : host_(std::move(host)), port_(port) {}

  HttpResponse get(std::string_view target, const Headers& headers = {}) const;
  HttpResponse post(std::string_view target, std::string body, const Headers& headers = {}) const;
  // POST with Content-Type application/x-www-form-urlencoded unless `headers` set another.
  HttpResponse post_form(std::string_view target, std::string body,
                         const Headers& headers = {}) const;
  HttpResponse request(boost::beast::http::verb method, std::string_view target,
                       std::string body = {}, const Headers& headers = {}) const;

  const std::string& host() const { return host_; }
  unsigned short port() const { return port_; }

 private:
  std::string host_;
  unsigned short port_;
};

// "Basic base64(id:secret)" (RFC 7617; the parts are sent as given, not form-encoded).
std::string basic_auth(std::string_view id, std::string_view secret);

}  // namespace latch::test
