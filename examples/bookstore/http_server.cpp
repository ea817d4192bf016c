#include "http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <exception>
#include <iostream>

namespace bookstore {
namespace {

namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kTimeout = std::chrono::seconds(30);

Response server_error(const Request& req) {
  Response res{http::status::internal_server_error, req.version()};
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.body() = "The bookstore failed to answer this request.\n";
  res.keep_alive(false);
  return res;
}

}  // namespace

struct HttpServer::Connection {
  beast::tcp_stream stream;
  bool busy = false;
};

HttpServer::HttpServer(asio::io_context& ctx, const tcp::endpoint& endpoint, Handler handler)
    : ctx_(ctx), acceptor_(ctx, endpoint), handler_(std::move(handler)) {
  port_ = acceptor_.local_endpoint().port();
}

void HttpServer::start() { asio::co_spawn(ctx_, accept_loop(), asio::detached); }

void HttpServer::stop(std::function<void()> stopped) {
  stopping_ = true;
  stopped_ = std::move(stopped);
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (Connection* conn : connections_) {
    if (!conn->busy) {
      conn->stream.socket().close(ec);  // wakes its pending read
    }
  }
  if (connections_.empty()) {
    asio::post(ctx_, stopped_);
  }
}

asio::awaitable<void> HttpServer::accept_loop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (ec) {
      if (!acceptor_.is_open()) {
        co_return;
      }
      continue;
    }
    asio::co_spawn(ctx_, serve(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> HttpServer::serve(tcp::socket socket) {
  Connection conn{beast::tcp_stream(std::move(socket))};
  connections_.push_back(&conn);
  auto self = std::prev(connections_.end());
  beast::flat_buffer buffer;
  while (!stopping_) {
    conn.busy = false;
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    conn.stream.expires_after(kTimeout);
    auto [ec, n] = co_await http::async_read(conn.stream, buffer, parser, kTuple);
    if (ec) {
      break;
    }
    conn.busy = true;
    Request req = parser.release();
    Response res;
    try {
      res = co_await handler_(req);
    } catch (const std::exception& e) {
      std::cerr << "bookstore: " << req.target() << " failed: " << e.what() << "\n";
      res = server_error(req);
    }
    res.version(req.version());
    res.keep_alive(req.keep_alive() && res.keep_alive() && !stopping_);
    res.set(http::field::server, "bookstore");
    res.prepare_payload();
    if (req.method() == http::verb::head) {
      res.body().clear();  // RFC 9110 §9.3.2: GET's headers, no content
    }
    conn.stream.expires_after(kTimeout);
    auto [wec, written] = co_await http::async_write(conn.stream, res, kTuple);
    if (wec || !res.keep_alive()) {
      break;
    }
  }
  connections_.erase(self);
  boost::system::error_code ec;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (stopping_ && connections_.empty() && stopped_) {
    stopped_();
  }
}

}  // namespace bookstore
