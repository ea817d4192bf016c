// Cookies (src/http/cookies.*). Input: a cookie name on the first line, a Cookie header after it.
//   - find_cookie never returns a value holding ';' (pairs are split there);
//   - a cookie written by set_cookie with an RFC 6265 §4.1.1 name and value is found again, with
//     that value, at the front of any Cookie header;
//   - Set-Cookie values carry the attributes asked for, and clear_cookie expires the cookie.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/cookies.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

// RFC 6265 §4.1.1 cookie-name = token (RFC 2616 §2.2).
bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F &&
         std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

// RFC 6265 §4.1.1 cookie-octet.
bool is_cookie_octet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

void check_lookup(std::string_view header, std::string_view name) {
  const auto found = http::find_cookie(header, name);
  if (found) {
    FUZZ_CHECK(found->find(';') == std::string::npos);
    FUZZ_CHECK(found->size() <= header.size());
  }
}

void check_round_trip(std::string_view name, std::string_view value, std::string_view rest) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char) ||
      !std::all_of(value.begin(), value.end(), is_cookie_octet)) {
    return;
  }
  const http::CookieOptions options{
      .path = "/", .secure = true, .max_age = std::chrono::seconds(60)};
  const std::string set = http::set_cookie(name, value, options);
  FUZZ_CHECK(set.find("; Secure") != std::string::npos &&
             set.find("; HttpOnly") != std::string::npos);
  FUZZ_CHECK(set.find("; Max-Age=60") != std::string::npos);
  // The browser sends back name=value, the part of Set-Cookie before the first attribute.
  const std::string header = set.substr(0, set.find(';')) + "; " + std::string(rest);
  FUZZ_CHECK(http::find_cookie(header, name) == value);
  const std::string cleared = http::clear_cookie(name, options);
  FUZZ_CHECK(cleared.rfind(std::string(name) + "=;", 0) == 0);
  FUZZ_CHECK(cleared.find("; Max-Age=0") != std::string::npos);
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto fields = latch::fuzz::split_fields(latch::fuzz::as_text(data, size), 2);
  latch::fuzz::check_lookup(fields[1], fields[0]);
  // The header's first pair, when it has one, as the name and value of a cookie to write.
  const std::string_view first = fields[1].substr(0, fields[1].find(';'));
  const std::size_t eq = first.find('=');
  if (eq != std::string_view::npos) {
    latch::fuzz::check_round_trip(first.substr(0, eq), first.substr(eq + 1), fields[1]);
  }
  latch::fuzz::check_round_trip(fields[0], fields[1].substr(0, fields[1].find(';')), fields[1]);
  return 0;
}
