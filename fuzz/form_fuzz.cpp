// Form and query parsing (src/http/form.*): the bytes are a query string or an
// application/x-www-form-urlencoded body, and also one value to percent-decode and encode.
//   - a decoded value is UTF-8 without a NUL byte, and never longer than its encoding;
//   - percent_encode emits only unreserved characters and %XX, and decoding it gives the input
//     back (or refuses it when the input holds a NUL or is not UTF-8);
//   - a form that parses re-encodes (encode_form) to one that parses to the same pairs.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/form.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

bool is_encoded_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '%';
}

// The continuation bytes a lead byte announces (RFC 3629 §3), or -1 for a byte that cannot lead.
int continuation_bytes(unsigned char lead) {
  if (lead < 0x80) return 0;
  if ((lead & 0xE0) == 0xC0) return 1;
  if ((lead & 0xF0) == 0xE0) return 2;
  if ((lead & 0xF8) == 0xF0) return 3;
  return -1;
}

// UTF-8 decoded code point by code point (RFC 3629 §3): the oracle the decoder's own check, a
// byte-range grammar (§4), is held to.
bool is_utf8(std::string_view text) {
  static constexpr std::uint32_t kLeadMask[] = {0x7F, 0x1F, 0x0F, 0x07};
  static constexpr std::uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
  for (std::size_t i = 0; i < text.size();) {
    const int extra = continuation_bytes(static_cast<unsigned char>(text[i]));
    if (extra < 0 || text.size() - i <= static_cast<std::size_t>(extra)) return false;
    std::uint32_t code_point = static_cast<unsigned char>(text[i]) & kLeadMask[extra];
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < kSmallest[extra] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

void check_decode(std::string_view text, bool plus_as_space) {
  const auto decoded = http::percent_decode(text, plus_as_space);
  if (!decoded) {
    return;
  }
  FUZZ_CHECK(decoded->find('\0') == std::string::npos && is_utf8(*decoded));
  FUZZ_CHECK(decoded->size() <= text.size());
  FUZZ_CHECK(http::percent_decode(http::percent_encode(*decoded), plus_as_space) == decoded);
}

void check_encode(std::string_view text) {
  const std::string encoded = http::percent_encode(text);
  FUZZ_CHECK(std::all_of(encoded.begin(), encoded.end(), is_encoded_char));
  const bool decodable = text.find('\0') == std::string_view::npos && is_utf8(text);
  for (const bool plus_as_space : {true, false}) {
    const auto decoded = http::percent_decode(encoded, plus_as_space);
    FUZZ_CHECK(decodable ? decoded == text : !decoded);
  }
}

void check_form(std::string_view body) {
  const auto params = http::parse_form(body);
  if (!params) {
    FUZZ_CHECK(params.error().code == Errc::InvalidRequest);
    return;
  }
  for (const auto& [name, value] : params->items()) {
    FUZZ_CHECK(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos);
  }
  const auto again = http::parse_form(http::encode_form(*params));
  FUZZ_CHECK(again && again->items() == params->items());
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = latch::fuzz::as_text(data, size);
  latch::fuzz::check_decode(text, true);
  latch::fuzz::check_decode(text, false);
  latch::fuzz::check_encode(text);
  latch::fuzz::check_form(text);
  return 0;
}
