#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <string>

#include "connectors/email/smtp_client.hpp"
#include "crypto/encoding.hpp"

namespace latch::connectors {

struct Envelope {
  const SmtpSettings& settings;
  const std::string& data;
  const std::string& to;
};

// The command/reply exchange of RFC 5321 §4.2 over `Stream` (plain TCP or TLS). `tcp` is the
// underlying stream whose deadline bounds every operation.
template <class Stream>
class SmtpDialog {
 public:
  SmtpDialog(Stream& stream, boost::beast::tcp_stream& tcp, std::chrono::seconds timeout)
      : stream_(stream), tcp_(tcp), timeout_(timeout) {}

  // Sends `line` (CRLF added; empty: send nothing, just read) and reads the reply. Unavailable
  // when the code is not `expect` (a 2xx/3xx first digit match when expect < 10).
  boost::asio::awaitable<Result<std::string>> command(std::string line, int expect) {
    namespace asio = boost::asio;
    tcp_.expires_after(timeout_);
    if (!line.empty()) {
      line += "\r\n";
      auto [wec, n] = co_await asio::async_write(stream_, asio::buffer(line),
                                                 asio::as_tuple(asio::use_awaitable));
      if (wec) co_return make_error(Errc::Unavailable, "SMTP write failed", wec.message());
    }
    std::string reply;
    for (;;) {
      auto [rec, n] = co_await asio::async_read_until(stream_, asio::dynamic_buffer(buffer_),
                                                      "\r\n", asio::as_tuple(asio::use_awaitable));
      if (rec) co_return make_error(Errc::Unavailable, "SMTP read failed", rec.message());
      std::string one = buffer_.substr(0, n);
      buffer_.erase(0, n);
      reply += one;
      if (one.size() < 4 || one[3] != '-') break;
    }
    int code = reply.size() >= 3 ? std::atoi(reply.substr(0, 3).c_str()) : 0;
    bool good = expect < 10 ? code / 100 == expect : code == expect;
    if (!good) {
      co_return make_error(Errc::Unavailable, "the SMTP server refused the message",
                           "SMTP reply: " + reply.substr(0, 200));
    }
    co_return reply;
  }

  // Reads the greeting and sends EHLO; returns the capabilities.
  boost::asio::awaitable<Result<std::string>> greet() {
    if (auto r = co_await command("", 220); !r) co_return r.error();
    co_return co_await command("EHLO latch", 250);
  }

  // After TLS: (greeting when `greeting`), EHLO, then the rest.
  boost::asio::awaitable<Result<void>> run(const Envelope& e, bool greeting) {
    if (greeting) {
      if (auto r = co_await command("", 220); !r) co_return r.error();
    }
    auto caps = co_await command("EHLO latch", 250);
    if (!caps) co_return caps.error();
    co_return co_await finish(e, *caps);
  }

  boost::asio::awaitable<Result<void>> finish(const Envelope& e, const std::string& caps) {
    if (!e.settings.username.empty()) {
      if (auto r = co_await authenticate(e.settings, caps); !r) co_return r;
    }
    std::string from = mail_address(e.settings.from);
    if (auto r = co_await command("MAIL FROM:<" + from + ">", 250); !r) co_return r.error();
    if (auto r = co_await command("RCPT TO:<" + e.to + ">", 2); !r) co_return r.error();
    if (auto r = co_await command("DATA", 354); !r) co_return r.error();
    if (auto r = co_await command(e.data + ".", 250); !r) co_return r.error();
    (void)co_await command("QUIT", 221);
    co_return ok();
  }

 private:
  boost::asio::awaitable<Result<void>> authenticate(const SmtpSettings& s,
                                                    const std::string& caps) {
    if (caps.find("PLAIN") != std::string::npos) {
      std::string token = std::string(1, '\0') + s.username + std::string(1, '\0') + s.password;
      auto r = co_await command("AUTH PLAIN " + crypto::base64_encode(token), 235);
      if (!r) co_return r.error();
      co_return ok();
    }
    if (auto r = co_await command("AUTH LOGIN", 334); !r) co_return r.error();
    if (auto r = co_await command(crypto::base64_encode(s.username), 334); !r) co_return r.error();
    if (auto r = co_await command(crypto::base64_encode(s.password), 235); !r) co_return r.error();
    co_return ok();
  }

  Stream& stream_;
  boost::beast::tcp_stream& tcp_;
  std::chrono::seconds timeout_;
  std::string buffer_;
};

}  // namespace latch::connectors
