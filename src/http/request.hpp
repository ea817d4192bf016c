#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latch::http {

namespace bhttp = boost::beast::http;

// Decoded name/value pairs of a query string or an application/x-www-form-urlencoded body, in
// order. Names may repeat.
class Params {
 public:
  Params() = default;
  explicit Params(std::vector<std::pair<std::string, std::string>> items)
      : items_(std::move(items)) {}
  // Params{{"response_type", "code"}, {"client_id", id}}: pairs in the order written.
  Params(std::initializer_list<std::pair<std::string, std::string>> items) : items_(items) {}

  // The first value of `name`, if present.
  std::optional<std::string_view> get(std::string_view name) const;
  // The first value of `name` or "" when absent.
  std::string_view value(std::string_view name) const;
  std::vector<std::string_view> all(std::string_view name) const;
  std::size_t count(std::string_view name) const;
  bool empty() const { return items_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  void add(std::string name, std::string value) {
    items_.emplace_back(std::move(name), std::move(value));
  }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// An incoming request, parsed. Owned by the connection for the duration of one exchange.
struct Request {
  bhttp::request<bhttp::string_body> message;
  std::string path;  // the path as sent (still percent-encoded), without the query
  Params query;      // decoded query parameters
  std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router
  // The client's address: the socket's peer, or, when that is a trusted proxy, the client its
  // forwarding header names (http/client_address.hpp). Limits, the lockout and the audit log
  // use it.
  std::string remote_address;
  std::string id;  // request id for logs

  bhttp::verb method() const { return message.method(); }
  std::string_view header(bhttp::field field) const;
  std::string_view header(std::string_view name) const;
  const std::string& body() const { return message.body(); }
  // The media type of Content-Type, lower-cased, without parameters ("application/json").
  std::string media_type() const;
  // The Content-Type's `charset` parameter, unquoted (RFC 9110 §8.3.2); "" when it has none.
  std::string charset() const;
  // The value of a path parameter (":id" in the route) or "".
  std::string_view param(std::string_view name) const;
  // The value of a cookie or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
};

}  // namespace latch::http
