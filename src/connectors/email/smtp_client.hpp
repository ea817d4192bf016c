#pragma once

#include <chrono>
#include <string>

#include "connectors/message.hpp"
#include "core/clock.hpp"

namespace latch::connectors {

struct SmtpSettings {
  std::string host;
  unsigned short port = 587;
  std::string security = "starttls";  // starttls (required), tls (implicit, port 465), none
  std::string username;               // empty: no AUTH
  std::string password;
  std::string from;                  // "Latch <no-reply@example.com>" or an address
  bool verify_certificate = true;    // off only for test servers with self-signed certificates
  std::string ca_file;               // extra trusted CA (PEM); empty: the system store
  std::chrono::seconds timeout{15};  // per network operation
};

// An SMTP client (RFC 5321) on Boost.Asio: EHLO, STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN
// or LOGIN (RFC 4954), one message as UTF-8 text/plain, base64. Talks only to `settings.host`.
// The message's Date header is read from `clock`, which must outlive the sender.
class SmtpSender final : public MessageSender {
 public:
  SmtpSender(SmtpSettings settings, const Clock& clock)
      : settings_(std::move(settings)), clock_(clock) {}
  Result<void> send(const OutgoingMessage& message) const override;

 private:
  SmtpSettings settings_;
  const Clock& clock_;
};

// The DATA section for `message` (headers and base64 body, CRLF line ends, no final dot).
// InvalidRequest when an address or the subject contains a line break.
[[nodiscard]] Result<std::string> format_mail(const std::string& from,
                                              const OutgoingMessage& message,
                                              std::int64_t now_seconds);

// The bare address of "Name <addr>" or "addr".
std::string mail_address(const std::string& from);

}  // namespace latch::connectors
