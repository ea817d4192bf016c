#include "fakes/smtp/fake_smtp_server.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <regex>
#include <stdexcept>

#include "crypto/encoding.hpp"
#include "support/subprocess.hpp"

namespace latch::test {

namespace asio = boost::asio;
using asio::ip::tcp;

std::string CapturedMail::text() const {
  auto body_at = data.find("\r\n\r\n");
  std::string b64;
  for (char c : data.substr(body_at == std::string::npos ? 0 : body_at + 4)) {
    if (c != '\r' && c != '\n') b64.push_back(c);
  }
  return crypto::base64_decode(b64).value_or("");
}

std::string CapturedMail::subject() const {
  std::smatch m;
  if (!std::regex_search(data, m, std::regex("Subject: =\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="))) {
    return "";
  }
  return crypto::base64_decode(m.str(1)).value_or("");
}

std::string CapturedMail::code() const {
  auto body = text();
  std::smatch m;
  return std::regex_search(body, m, std::regex("[0-9]{6}")) ? m.str() : "";
}

FakeSmtpServer::FakeSmtpServer(bool starttls)
    : starttls_(starttls), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  if (starttls_) {
    // A throw-away certificate for 127.0.0.1, made by Debian's openssl.
    auto made = run_process(
        {.argv = {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                  "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout",
                  (dir_.path() / "key.pem").string(), "-out", ca_file()},
         .env = {"PATH=/usr/bin:/bin"}},
        std::chrono::seconds(30));
    if (made.exit_code != 0) throw std::runtime_error("openssl req failed: " + made.err);
  }
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] { serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
  stopping_ = true;
  boost::system::error_code ec;
  asio::io_context wake_io;
  tcp::socket wake(wake_io);  // unblocks accept()
  wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  thread_.join();
}

void FakeSmtpServer::serve() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec || stopping_) return;
    session(std::move(socket));
  }
}

void FakeSmtpServer::session(tcp::socket socket) {
  boost::system::error_code ec;
  std::string buffer;
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls;
  auto write = [&](const std::string& text) {
    if (tls) {
      asio::write(*tls, asio::buffer(text), ec);
    } else {
      asio::write(socket, asio::buffer(text), ec);
    }
  };
  auto say = [&](const std::string& line) { write(line + "\r\n"); };
  auto read_line = [&]() -> std::string {
    auto n = tls ? asio::read_until(*tls, asio::dynamic_buffer(buffer), "\r\n", ec)
                 : asio::read_until(socket, asio::dynamic_buffer(buffer), "\r\n", ec);
    if (ec) return "QUIT";
    std::string line = buffer.substr(0, n - 2);
    buffer.erase(0, n);
    return line;
  };
  CapturedMail mail;
  say("220 fake-smtp ready");
  while (!ec) {
    std::string line = read_line();
    std::string verb = line.substr(0, line.find(' '));
    if (verb == "EHLO") {
      say("250-fake-smtp");
      if (starttls_ && !tls) say("250-STARTTLS");
      say("250 AUTH PLAIN LOGIN");
    } else if (verb == "STARTTLS" && starttls_ && !tls) {
      say("220 go ahead");
      ctx.use_certificate_chain_file(ca_file());
      ctx.use_private_key_file((dir_.path() / "key.pem").string(), asio::ssl::context::pem);
      tls = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket, ctx);
      buffer.clear();
      tls->handshake(asio::ssl::stream_base::server, ec);
      mail.tls = !ec;
    } else if (verb == "AUTH" && starttls_ && !tls) {
      say("530 5.7.0 Must issue a STARTTLS command first");
    } else if (verb == "AUTH") {
      mail.auth = crypto::base64_decode(line.substr(11)).value_or("");
      say("235 ok");
    } else if (verb == "MAIL") {
      mail.from = line.substr(10);
      say("250 ok");
    } else if (verb == "RCPT") {
      mail.to = line.substr(8);
      say("250 ok");
    } else if (verb == "DATA") {
      say("354 go ahead");
      for (std::string l = read_line(); l != "." && !ec; l = read_line()) mail.data += l + "\r\n";
      {
        std::lock_guard lock(mutex_);
        messages_.push_back(mail);
      }
      say("250 queued");
    } else if (verb == "QUIT") {
      say("221 bye");
      return;
    } else {
      say("502 not implemented");
    }
  }
}

std::vector<CapturedMail> FakeSmtpServer::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

CapturedMail FakeSmtpServer::wait_for(std::size_t n) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    auto all = messages();
    if (all.size() >= n) return all.back();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("no mail arrived at the fake SMTP server");
}

}  // namespace latch::test
