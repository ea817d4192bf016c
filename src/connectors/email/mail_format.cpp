#include <ctime>

#include "connectors/email/smtp_client.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace latch::connectors {
namespace {

bool has_line_break(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

// Standard base64 (RFC 2045), wrapped at 76 columns.
std::string base64_lines(std::string_view data) {
  std::string b64 = crypto::base64_encode(data);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_date(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

std::string mail_address(const std::string& from) {
  auto open = from.rfind('<');
  auto close = from.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    return from.substr(open + 1, close - open - 1);
  }
  return from;
}

Result<std::string> format_mail(const std::string& from, const OutgoingMessage& message,
                                std::int64_t now_seconds) {
  if (has_line_break(from) || has_line_break(message.to) || has_line_break(message.subject)) {
    return make_error(Errc::InvalidRequest, "a mail header contains a line break");
  }
  std::string domain = mail_address(from);
  domain = domain.substr(domain.find('@') + 1);
  std::string data;
  data += "From: " + from + "\r\n";
  data += "To: <" + message.to + ">\r\n";
  data += "Subject: =?UTF-8?B?" + crypto::base64_encode(message.subject) + "?=\r\n";
  data += "Date: " + rfc5322_date(now_seconds) + "\r\n";
  data += "Message-ID: <" + crypto::random_id(24) + "@" + domain + ">\r\n";
  data += "MIME-Version: 1.0\r\n";
  data += "Content-Type: text/plain; charset=utf-8\r\n";
  data += "Content-Transfer-Encoding: base64\r\n\r\n";
  data += base64_lines(message.text);
  return data;
}

}  // namespace latch::connectors
