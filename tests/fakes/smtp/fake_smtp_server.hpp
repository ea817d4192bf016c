#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace latch::test {

// A captured message: envelope and the DATA section as sent.
struct CapturedMail {
  std::string from, to, data;
  std::string auth;  // decoded AUTH PLAIN "\0user\0pass" when the client authenticated
  bool tls = false;  // the message came over STARTTLS
  // The first run of 6 digits in the base64-decoded body.
  std::string code() const;
  // The base64-decoded body, and the decoded Subject (=?UTF-8?B?...?=) header.
  std::string text() const;
  std::string subject() const;
};

// A small SMTP server on 127.0.0.1 and an ephemeral port for tests: EHLO (offers AUTH PLAIN
// LOGIN), AUTH PLAIN, MAIL, RCPT, DATA, QUIT. With `starttls` it offers STARTTLS with a fresh
// self-signed certificate for 127.0.0.1 (ca_file() is its PEM) and, like a real submission
// server, refuses AUTH before TLS. Captures every message. Thread-safe.
class FakeSmtpServer {
 public:
  explicit FakeSmtpServer(bool starttls = false);
  ~FakeSmtpServer();
  unsigned short port() const { return port_; }
  // The certificate to trust (starttls only).
  std::string ca_file() const { return (dir_.path() / "cert.pem").string(); }
  std::vector<CapturedMail> messages() const;
  // Waits up to 5 s for at least `n` messages; the last one (throws when none arrived).
  CapturedMail wait_for(std::size_t n) const;

 private:
  void serve();
  void session(boost::asio::ip::tcp::socket socket);
  TempDir dir_;
  bool starttls_ = false;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  std::vector<CapturedMail> messages_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace latch::test
