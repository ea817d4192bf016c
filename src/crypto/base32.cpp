// RFC 4648 §6 base32, declared in crypto/totp.hpp: authenticator apps take TOTP secrets in it.

#include <array>

#include "crypto/totp.hpp"

namespace latch::crypto {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kInvalid);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    const auto upper = static_cast<unsigned char>(kAlphabet[i]);
    table[upper] = static_cast<std::uint8_t>(i);
    if (upper >= 'A' && upper <= 'Z') {
      table[upper - 'A' + 'a'] = static_cast<std::uint8_t>(i);
    }
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecodeTable = make_decode_table();

// The 5-bit symbols of `text` with spaces dropped and the trailing '=' padding cut; nullopt
// when a character is outside the alphabet or anything but padding follows an '='.
std::optional<std::vector<std::uint8_t>> symbols_of(std::string_view text) {
  std::vector<std::uint8_t> symbols;
  symbols.reserve(text.size());
  bool padding = false;
  for (const char c : text) {
    if (c == ' ') {
      continue;
    }
    if (c == '=') {
      padding = true;
      continue;
    }
    const std::uint8_t value = kDecodeTable[static_cast<unsigned char>(c)];
    if (padding || value == kInvalid) {
      return std::nullopt;
    }
    symbols.push_back(value);
  }
  return symbols;
}

}  // namespace

// RFC 4648 §6: every 5 bytes become 8 characters; a final partial group is zero-filled to a
// whole character and left unpadded.
std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> bits) & 0x1F];
    }
  }
  if (bits > 0) {
    out += kAlphabet[(buffer << (5 - bits)) & 0x1F];
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  const auto symbols = symbols_of(text);
  if (!symbols) {
    return std::nullopt;
  }
  // A final group of 1, 2, 3 or 4 bytes ends in 2, 4, 5 or 7 characters; 1, 3 and 6 never occur.
  const std::size_t rest = symbols->size() % 8;
  if (rest == 1 || rest == 3 || rest == 6) {
    return std::nullopt;
  }
  std::vector<std::uint8_t> out;
  out.reserve(symbols->size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t symbol : *symbols) {
    buffer = (buffer << 5) | symbol;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace latch::crypto
