#include "http/cookies.hpp"

namespace latch::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 6265 §4.1.1 cookie-octet: printable ASCII but for '"', ',', ';' and '\\'.
bool is_cookie_octet(char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
         (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

}  // namespace

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      continue;
    }
    if (trim(pair.substr(0, eq)) == name) {
      std::string_view value = trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      // Latch's cookies hold ids and tokens only: anything else was not set by this server.
      for (char c : value) {
        if (!is_cookie_octet(c)) return std::nullopt;
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& opts) {
  std::string out;
  out.reserve(name.size() + value.size() + 64);
  out.append(name).append("=").append(value).append("; Path=").append(opts.path);
  if (opts.max_age) {
    out.append("; Max-Age=").append(std::to_string(opts.max_age->count()));
  }
  if (opts.http_only) out.append("; HttpOnly");
  if (opts.secure) out.append("; Secure");
  if (!opts.same_site.empty()) out.append("; SameSite=").append(opts.same_site);
  return out;
}

std::string clear_cookie(std::string_view name, const CookieOptions& opts) {
  CookieOptions expired = opts;
  expired.max_age = std::chrono::seconds(0);
  return set_cookie(name, "", expired);
}

}  // namespace latch::http
