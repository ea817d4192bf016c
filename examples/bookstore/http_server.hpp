#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <list>

namespace bookstore {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using Handler = std::function<asio::awaitable<Response>(const Request&)>;

// A small HTTP/1.1 server in the style of Beast's awaitable examples: one coroutine per
// connection, a time limit on every read and write, a body limit, and a graceful stop (idle
// connections close at once, busy ones after their answer). Runs on one io_context thread.
class HttpServer {
 public:
  // REQUIRES: `ctx` and `handler` outlive the server. Throws boost::system::system_error when
  // it cannot listen.
  HttpServer(asio::io_context& ctx, const asio::ip::tcp::endpoint& endpoint, Handler handler);

  unsigned short port() const { return port_; }
  void start();
  // Stops accepting and closes connections once they are idle; calls `stopped` when the last
  // one has closed.
  void stop(std::function<void()> stopped);

 private:
  struct Connection;
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(asio::ip::tcp::socket socket);

  asio::io_context& ctx_;
  asio::ip::tcp::acceptor acceptor_;
  Handler handler_;
  unsigned short port_ = 0;
  bool stopping_ = false;
  std::function<void()> stopped_;
  std::list<Connection*> connections_;
};

}  // namespace bookstore
