#pragma once

// Internals of http::Server, shared by server.cpp (listening, admission, back-off, sweeping,
// shutdown) and server_connection.cpp (one connection's requests). Include nowhere else.

#include <spdlog/spdlog.h>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <list>
#include <optional>
#include <string>
#include <thread>

#include "http/connection_limits.hpp"
#include "http/request_reader.hpp"
#include "http/server.hpp"

namespace latch::http {

using SteadyClock = std::chrono::steady_clock;

// Lets a repeated warning through at most once per period and counts what it held back.
// Thread-safe.
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::seconds period) : period_(period) {}
  // When a line may be written now: how many were held back since the last one.
  std::optional<std::uint64_t> allow();

 private:
  const SteadyClock::duration period_;
  std::atomic<SteadyClock::duration> next_{SteadyClock::duration::zero()};
  std::atomic<std::uint64_t> held_{0};
};

// What every worker shares: the connection table and the throttled warnings.
struct Server::Shared {
  explicit Shared(ConnectionCaps caps) : table(caps) {}
  ConnectionTable table;
  LogThrottle accept_failures{std::chrono::seconds(10)};
  LogThrottle refusals{std::chrono::seconds(10)};
};

// One I/O thread: its io_context, its SO_REUSEPORT acceptor and the connections it serves. Every
// member runs on the worker's own thread, except bind() (before run()).
struct Server::Worker {
  using tcp = asio::ip::tcp;

  // Idle: waiting for a request's first byte; Header, Body: reading them; Busy: handling it.
  enum class Phase { Idle, Header, Body, Busy };
  struct Connection {
    boost::beast::tcp_stream* stream = nullptr;
    Phase phase = Phase::Idle;
    SteadyClock::time_point since;  // when the phase began
    void enter(Phase next) {
      phase = next;
      since = SteadyClock::now();
    }
  };

  explicit Worker(Server& server) : server_(server), acceptor_(ctx_) {}

  // server.cpp
  Result<unsigned short> bind(const tcp::endpoint& endpoint);
  void start();
  asio::awaitable<void> accept_loop();
  // Out of descriptors: waits before the next accept() instead of spinning.
  asio::awaitable<void> back_off(const boost::system::error_code& ec);
  // Starts serving `socket`, or closes it at once when a connection cap refuses it.
  void admit(tcp::socket socket);
  void log_refusal(ConnectionTable::Refusal refusal, const std::string& key);
  // Under pressure, closes connections idle or reading a header for longer than the pressure
  // timeouts allow.
  asio::awaitable<void> sweep_loop();
  // Stops accepting and closes idle connections; busy ones get the grace period.
  void begin_shutdown();

  // server_connection.cpp
  // Serves requests until the connection closes; `ticket` holds its place in the table.
  asio::awaitable<void> serve(tcp::socket socket, std::string peer, ConnectionTable::Ticket ticket);
  // One request and its response. False when the connection must close.
  asio::awaitable<bool> exchange(boost::beast::tcp_stream& stream,
                                 boost::beast::flat_buffer& buffer, const std::string& peer,
                                 Connection& conn, bool first);
  // Reads the header (obs-fold refused), checks its framing, then reads the body. False, after
  // answering what deserves an answer, when the connection must close.
  asio::awaitable<bool> read_request(boost::beast::tcp_stream& stream,
                                     boost::beast::flat_buffer& buffer, RequestParser& parser,
                                     Connection& conn);
  asio::awaitable<bool> respond(boost::beast::tcp_stream& stream, Request& req);
  asio::awaitable<Response> handle(Request& req);
  asio::awaitable<void> answer_read_error(boost::beast::tcp_stream& stream,
                                          const boost::system::error_code& ec);
  // Writes `res` within 5 s; the caller then closes the connection.
  asio::awaitable<void> answer_and_close(boost::beast::tcp_stream& stream, Response res);
  // How long a connection may wait for a request's first byte (a new one: the header timeout).
  SteadyClock::duration idle_timeout(bool first);
  SteadyClock::duration header_timeout();

  const ServerOptions& options() const { return server_.options_; }
  ConnectionTable& table() { return server_.shared_->table; }
  bool stopping() const { return server_.stopping_.load(std::memory_order_relaxed); }

  Server& server_;
  asio::io_context ctx_{1};
  tcp::acceptor acceptor_;
  asio::steady_timer back_off_{ctx_};
  asio::steady_timer sweep_{ctx_};
  std::list<Connection> connections_;
  std::optional<asio::steady_timer> grace_;
  std::thread thread_;
};

}  // namespace latch::http
