#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace latch::test {

// A provider that never answers: it listens on 127.0.0.1 and an ephemeral port, accepts every
// TCP connection, reads nothing and says nothing, and keeps the connection open until
// close_all() or its destructor. Point a connector's URLs at base_url() to make every call to
// it hang until the caller's deadline. Thread-safe.
class SilentProvider {
 public:
  SilentProvider();
  ~SilentProvider();
  SilentProvider(const SilentProvider&) = delete;
  SilentProvider& operator=(const SilentProvider&) = delete;

  unsigned short port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Connections accepted so far.
  std::size_t accepted() const;
  // Waits until at least `n` connections were accepted; false when `timeout` passes first.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const;
  // Closes every connection held now: each caller sees its provider hang up.
  void close_all();

 private:
  void accept_next();

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::vector<boost::asio::ip::tcp::socket> held_;  // touched on the io thread only
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::size_t accepted_ = 0;
  std::thread thread_;
};

}  // namespace latch::test
