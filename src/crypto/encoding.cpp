#include "crypto/encoding.hpp"

#include <array>
#include <cstdint>

namespace latch::crypto {
namespace {

constexpr std::string_view kStandardAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xFF;

using DecodeTable = std::array<std::uint8_t, 256>;

constexpr DecodeTable make_decode_table(std::string_view alphabet) {
  DecodeTable table{};
  table.fill(kInvalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr DecodeTable kStandardTable = make_decode_table(kStandardAlphabet);
constexpr DecodeTable kUrlTable = make_decode_table(kUrlAlphabet);

// RFC 4648 §4: every 3 bytes become 4 characters; a final group of 1 or 2 bytes becomes 2 or 3
// characters, followed by "=" padding when `pad` is set.
std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    out += alphabet[(group >> 18) & 0x3F];
    out += alphabet[(group >> 12) & 0x3F];
    out += alphabet[(group >> 6) & 0x3F];
    out += alphabet[group & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) {
    return out;
  }
  const std::uint32_t group = (in[i] << 16) | (rest == 2 ? in[i + 1] << 8 : 0);
  out += alphabet[(group >> 18) & 0x3F];
  out += alphabet[(group >> 12) & 0x3F];
  if (rest == 2) {
    out += alphabet[(group >> 6) & 0x3F];
  }
  if (pad) {
    out.append(3 - rest, '=');
  }
  return out;
}

// Removes correct "=" padding (only when it completes a 4-character group); nullopt when the
// padding is wrong.
std::optional<std::string_view> strip_padding(std::string_view text) {
  const std::size_t first_pad = text.find('=');
  if (first_pad == std::string_view::npos) {
    return text;
  }
  const std::size_t pads = text.size() - first_pad;
  if (text.size() % 4 != 0 || pads > 2 || text.find_first_not_of('=', first_pad) != text.npos) {
    return std::nullopt;
  }
  return text.substr(0, first_pad);
}

// Decodes unpadded text. Rejects characters outside `table`, an impossible length (one
// character left over) and non-zero bits in the last character (RFC 4648 §3.5), so that every
// byte string has exactly one accepted encoding.
std::optional<std::string> decode(std::string_view text, const DecodeTable& table) {
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    const std::uint8_t value = table[static_cast<unsigned char>(c)];
    if (value == kInvalid) {
      return std::nullopt;
    }
    bits = (bits << 6) | value;
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += static_cast<char>((bits >> bit_count) & 0xFF);
    }
  }
  if ((bits & ((1u << bit_count) - 1)) != 0) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> decode_maybe_padded(std::string_view text, const DecodeTable& table) {
  const auto unpadded = strip_padding(text);
  if (!unpadded) {
    return std::nullopt;
  }
  return decode(*unpadded, table);
}

}  // namespace

std::string base64url_encode(std::string_view bytes) { return encode(bytes, kUrlAlphabet, false); }

std::optional<std::string> base64url_decode(std::string_view text) {
  return decode_maybe_padded(text, kUrlTable);
}

std::string base64_encode(std::string_view bytes) { return encode(bytes, kStandardAlphabet, true); }

std::optional<std::string> base64_decode(std::string_view text) {
  return decode_maybe_padded(text, kStandardTable);
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0F];
  }
  return out;
}

}  // namespace latch::crypto
