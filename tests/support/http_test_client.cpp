#include "support/http_test_client.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>

#include "crypto/encoding.hpp"

namespace latch::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

// Runs the operation started on `ctx` to completion and throws when it failed.
void finish(asio::io_context& ctx, const boost::system::error_code& ec, const char* what) {
  ctx.restart();
  ctx.run();
  if (ec) throw boost::system::system_error(ec, what);
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return {};
}

bool HttpResponse::has_header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return true;
  }
  return false;
}

boost::json::value HttpResponse::json() const {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  return ec ? boost::json::value() : value;
}

HttpResponse to_test_response(bhttp::response<bhttp::string_body>&& response) {
  HttpResponse out;
  out.status = response.result_int();
  for (const auto& field : response) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.keep_alive = response.keep_alive();
  out.body = std::move(response.body());
  return out;
}

HttpConnection::HttpConnection(std::string host, unsigned short port,
                               std::chrono::milliseconds timeout)
    : host_(std::move(host)), timeout_(timeout), stream_(ctx_) {
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address(host_), port);
  boost::system::error_code ec;
  stream_.expires_after(timeout_);
  stream_.async_connect(endpoint, [&](boost::system::error_code e) { ec = e; });
  finish(ctx_, ec, "connect");
}

HttpResponse HttpConnection::request(bhttp::verb method, std::string_view target, std::string body,
                                     const Headers& headers) {
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, host_);
  for (const auto& [name, value] : headers) req.insert(name, value);
  if (!body.empty() || method == bhttp::verb::post) {
    req.body() = std::move(body);
    req.prepare_payload();
  }
  boost::system::error_code ec;
  stream_.expires_after(timeout_);
  bhttp::async_write(stream_, req, [&](boost::system::error_code e, std::size_t) { ec = e; });
  finish(ctx_, ec, "write");
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  parser.skip(method == bhttp::verb::head);
  stream_.expires_after(timeout_);
  bhttp::async_read(stream_, buffer_, parser,
                    [&](boost::system::error_code e, std::size_t) { ec = e; });
  finish(ctx_, ec, "read");
  return to_test_response(parser.release());
}

void HttpConnection::close() {
  boost::system::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

HttpResponse HttpTestClient::get(std::string_view target, const Headers& headers) const {
  return request(bhttp::verb::get, target, {}, headers);
}

HttpResponse HttpTestClient::post(std::string_view target, std::string body,
                                  const Headers& headers) const {
  return request(bhttp::verb::post, target, std::move(body), headers);
}

HttpResponse HttpTestClient::post_form(std::string_view target, std::string body,
                                       const Headers& headers) const {
  Headers all = headers;
  bool typed = std::any_of(all.begin(), all.end(),
                           [](const auto& h) { return beast::iequals(h.first, "Content-Type"); });
  if (!typed) all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return request(bhttp::verb::post, target, std::move(body), all);
}

HttpResponse HttpTestClient::request(bhttp::verb method, std::string_view target, std::string body,
                                     const Headers& headers) const {
  HttpConnection connection(host_, port_);
  return connection.request(method, target, std::move(body), headers);
}

std::string basic_auth(std::string_view id, std::string_view secret) {
  return "Basic " + crypto::base64_encode(std::string(id) + ":" + std::string(secret));
}

}  // namespace latch::test
