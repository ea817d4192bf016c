#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <list>
#include <optional>

#include "http/form.hpp"

namespace latch::http {
namespace {

namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

Response error_response(bhttp::status status, std::string_view message) {
  Response res = json_response(
      status, boost::json::object{{"error", "invalid_request"}, {"error_description", message}});
  res.keep_alive(false);
  return res;
}

void add_security_headers(Response& res) {
  res.set("X-Content-Type-Options", "nosniff");
  if (res.find("X-Frame-Options") == res.end()) {
    res.set("X-Frame-Options", "DENY");
  }
  if (res.find("Referrer-Policy") == res.end()) {
    res.set("Referrer-Policy", "no-referrer");
  }
}

std::string next_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  return std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

// Fills path and query from the request target; false when the target is not origin-form or
// its encoding is malformed.
bool parse_target(Request& req) {
  std::string_view target = req.message.target();
  if (target.empty() || target.front() != '/') {
    return false;
  }
  std::size_t q = target.find('?');
  // Routing uses the path as sent: "/oidc%2Fjwks" is not "/oidc/jwks" (no path confusion
  // behind proxies that filter by path). The router decodes path parameters.
  std::string_view path = target.substr(0, q);
  if (!percent_decode(path, false)) {
    return false;
  }
  req.path = std::string(path);
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    auto params = parse_form(query);
    if (!params) {
      return false;
    }
    req.query = std::move(*params);
  }
  return true;
}

}  // namespace

struct Server::Worker {
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    bool busy = false;
  };

  Worker(Server& server) : server_(server), acceptor_(ctx_) {}

  Result<unsigned short> bind(const tcp::endpoint& endpoint) {
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) {
      int one = 1;
      ::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
      acceptor_.bind(endpoint, ec);
    }
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return make_error(Errc::Unavailable, "cannot listen on " + endpoint.address().to_string() +
                                               ":" + std::to_string(endpoint.port()) + ": " +
                                               ec.message());
    }
    return acceptor_.local_endpoint().port();
  }

  void start() { asio::co_spawn(ctx_, accept_loop(), asio::detached); }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
      if (ec) {
        if (!acceptor_.is_open()) co_return;
        continue;  // EMFILE and friends: keep serving the open connections
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(ctx_, serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string remote;
    boost::system::error_code ec;
    auto endpoint = stream.socket().remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
    connections_.push_back({&stream, false});
    auto self = std::prev(connections_.end());
    beast::flat_buffer buffer;
    while (!server_.stopping_.load(std::memory_order_relaxed)) {
      self->busy = false;
      bool keep_going = co_await exchange(stream, buffer, remote, *self);
      if (!keep_going) break;
    }
    connections_.erase(self);
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (connections_.empty() && grace_) grace_->cancel();
  }

  // One request and its response. False when the connection must close.
  asio::awaitable<bool> exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                 const std::string& remote, Connection& conn) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(server_.options_.header_limit));
    parser.body_limit(server_.options_.body_limit);
    stream.expires_after(server_.options_.request_timeout);
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    if (ec) {
      co_await answer_read_error(stream, ec);
      co_return false;
    }
    conn.busy = true;
    Request req;
    req.message = parser.release();
    req.remote_address = remote;
    req.id = next_request_id();
    Response res = co_await handle(req);
    // RFC 9110 §9.3.2: HEAD gets the GET headers (Content-Length included) and no content.
    if (req.method() == bhttp::verb::head) res.body().clear();
    res.keep_alive(req.message.keep_alive() && res.keep_alive() &&
                   !server_.stopping_.load(std::memory_order_relaxed));
    add_security_headers(res);
    stream.expires_after(server_.options_.request_timeout);
    auto [wec, written] = co_await bhttp::async_write(stream, res, kTuple);
    co_return !wec && res.keep_alive();
  }

  asio::awaitable<Response> handle(Request& req) {
    if (!parse_target(req)) {
      co_return error_response(bhttp::status::bad_request, "malformed request target");
    }
    try {
      Response res = co_await server_.router_.dispatch(req);
      res.version(11);
      co_return res;
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", req.id,
                    std::string(bhttp::to_string(req.method())), req.path, e.what());
    }
    Response res = json_response(
        bhttp::status::internal_server_error,
        boost::json::object{{"error", "server_error"},
                            {"error_description", "the server failed to answer the request"}});
    co_return res;
  }

  asio::awaitable<void> answer_read_error(beast::tcp_stream& stream,
                                          const boost::system::error_code& ec) {
    Response res;
    if (ec == bhttp::error::header_limit) {
      res = error_response(bhttp::status::request_header_fields_too_large, "headers too large");
    } else if (ec == bhttp::error::body_limit) {
      res = error_response(bhttp::status::payload_too_large, "request body too large");
    } else if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
               ec == beast::error::timeout || ec == asio::error::operation_aborted ||
               ec == asio::error::connection_reset || ec == bhttp::error::partial_message) {
      co_return;
    } else {
      res = error_response(bhttp::status::bad_request, "malformed HTTP request");
    }
    add_security_headers(res);
    stream.expires_after(std::chrono::seconds(5));
    co_await bhttp::async_write(stream, res, kTuple);
  }

  // Runs on this worker's thread. A connection still busy after the grace period is cut off.
  void begin_shutdown() {
    boost::system::error_code ec;
    acceptor_.close(ec);
    for (auto& conn : connections_) {
      if (!conn.busy) conn.stream->socket().cancel(ec);
    }
    if (connections_.empty()) return;
    grace_.emplace(ctx_, server_.options_.shutdown_grace);
    grace_->async_wait([this](boost::system::error_code wait_ec) {
      if (!wait_ec) ctx_.stop();
    });
  }

  Server& server_;
  asio::io_context ctx_{1};
  tcp::acceptor acceptor_;
  std::list<Connection> connections_;
  std::optional<asio::steady_timer> grace_;
  std::thread thread_;
};

Server::Server(ServerOptions options, const Router& router)
    : options_(std::move(options)), router_(router) {
  unsigned n = options_.threads ? options_.threads : std::thread::hardware_concurrency();
  for (unsigned i = 0; i < std::max(1u, n); ++i) {
    workers_.push_back(std::make_unique<Worker>(*this));
  }
}

Server::~Server() {
  stop();
  for (auto& worker : workers_) {
    if (worker->thread_.joinable()) worker->thread_.join();
  }
}

Result<unsigned short> Server::listen() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.address, ec);
  if (ec) {
    return make_error(Errc::InvalidRequest, "invalid listen address " + options_.address);
  }
  tcp::endpoint endpoint(address, options_.port);
  for (auto& worker : workers_) {
    auto port = worker->bind(endpoint);
    if (!port) return port.error();
    endpoint.port(*port);  // with port 0, every worker shares the first one's port
  }
  return endpoint.port();
}

void Server::run() {
  for (auto& worker : workers_) worker->start();
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    Worker* w = workers_[i].get();
    w->thread_ = std::thread([w] { w->ctx_.run(); });
  }
  workers_[0]->ctx_.run();
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    if (workers_[i]->thread_.joinable()) workers_[i]->thread_.join();
  }
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  for (auto& worker : workers_) {
    Worker* w = worker.get();
    asio::post(w->ctx_, [w] { w->begin_shutdown(); });
  }
}

}  // namespace latch::http
