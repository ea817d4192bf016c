#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"

namespace latch::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  unsigned short port = 3001;            // 0 = an ephemeral port (see Server::listen)
  unsigned threads = 0;                  // I/O threads; 0 = one per core
  std::size_t header_limit = 16 * 1024;  // larger headers get 431
  std::size_t body_limit = 64 * 1024;    // larger bodies get 413
  // A new connection has header_timeout to send a whole request header, a kept-alive one
  // keep_alive_timeout of idleness before its next request starts, then header_timeout for
  // the header; the body then has request_timeout.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds keep_alive_timeout{15};
  std::chrono::seconds request_timeout{30};
  // Under pressure (open connections past half of max_connections, until they fall to a
  // quarter) these replace the two above, and connections already idle or reading a header for
  // longer are closed.
  std::chrono::milliseconds pressure_idle_timeout{1000};
  std::chrono::milliseconds pressure_header_timeout{3000};
  // At most this many connections in all (0 = connection_cap() of the descriptor limit, which
  // the constructor then raises to its hard limit) and per
  // client address (0 = no cap; trusted proxies are exempt). Over either, a new connection is
  // closed at once.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_address = 256;
  ClientAddressPolicy client_address;       // Request::remote_address behind trusted proxies
  std::string strict_transport_security;    // the HSTS header on every response; "" = none
  std::chrono::seconds shutdown_grace{10};  // in-flight requests get this long to finish
};

// The HTTP/1.1 server: one io_context per I/O thread, each with its own SO_REUSEPORT acceptor,
// one coroutine per connection, keep-alive. Malformed requests get 400, oversized headers 431,
// oversized bodies 413, ambiguous framing 400 or 501 and a closed connection (framing.hpp); a
// handler that throws gets 500 and a log line. Connections are capped (ServerOptions); when
// accept() runs out of descriptors the acceptor pauses 100 ms instead of spinning, with a log
// line at most every 10 s.
class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every acceptor. Returns the bound port (useful with port 0). Call once, before run().
  [[nodiscard]] Result<unsigned short> listen();
  // Serves until stop() has drained every connection. Blocks the calling thread, which becomes
  // the first I/O thread.
  void run();
  // Graceful shutdown: stops accepting, closes idle connections, lets in-flight requests finish
  // (up to shutdown_grace), then run() returns. Thread-safe and idempotent.
  void stop();

 private:
  struct Worker;
  struct Shared;
  ServerOptions options_;
  std::unique_ptr<Shared> shared_;
  const Router& router_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stopping_{false};
};

}  // namespace latch::http
