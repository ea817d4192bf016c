#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/router.hpp"

namespace latch::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  unsigned short port = 3001;                // 0 = an ephemeral port (see Server::listen)
  unsigned threads = 0;                      // I/O threads; 0 = one per core
  std::size_t header_limit = 16 * 1024;      // larger headers get 431
  std::size_t body_limit = 64 * 1024;        // larger bodies get 413
  std::chrono::seconds request_timeout{30};  // to receive one whole request, idle included
  std::chrono::seconds shutdown_grace{10};   // in-flight requests get this long to finish
};

// The HTTP/1.1 server: one io_context per I/O thread, each with its own SO_REUSEPORT acceptor,
// one coroutine per connection, keep-alive. Malformed requests get 400, oversized headers 431,
// oversized bodies 413; a handler that throws gets 500 and a log line.
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
  ServerOptions options_;
  const Router& router_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stopping_{false};
};

}  // namespace latch::http
