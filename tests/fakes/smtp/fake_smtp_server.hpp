#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace latch::test {

// A captured message: envelope and the DATA section as sent.
struct CapturedMail {
  std::string from, to, data;
  std::string auth;  // decoded AUTH PLAIN "\0user\0pass" when the client authenticated
  // The first run of 6 digits in the base64-decoded body.
  std::string code() const;
};

// A small SMTP server on 127.0.0.1 and an ephemeral port for tests: EHLO (offers AUTH PLAIN
// LOGIN), AUTH PLAIN, MAIL, RCPT, DATA, QUIT; no TLS. Captures every message. Thread-safe.
class FakeSmtpServer {
 public:
  FakeSmtpServer();
  ~FakeSmtpServer();
  unsigned short port() const { return port_; }
  std::vector<CapturedMail> messages() const;
  // Waits up to 5 s for at least `n` messages; the last one (throws when none arrived).
  CapturedMail wait_for(std::size_t n) const;

 private:
  void serve();
  void session(boost::asio::ip::tcp::socket socket);
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  std::vector<CapturedMail> messages_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace latch::test
