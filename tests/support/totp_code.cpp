#include "support/totp_code.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>

namespace latch::test {
namespace {

// RFC 4648 §6.
bool base32_decode(std::string_view text, std::string& out) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::uint64_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ' || c == '-') continue;
    auto pos = kAlphabet.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (pos == std::string_view::npos) return false;
    buffer = (buffer << 5) | pos;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return true;
}

}  // namespace

std::string totp_code(std::string_view secret, std::int64_t unix_seconds) {
  std::string key;
  if (!base32_decode(secret, key) || key.empty()) return "";
  std::uint64_t counter = static_cast<std::uint64_t>(unix_seconds / 30);
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message, sizeof message, mac,
       &mac_len);
  int offset = mac[mac_len - 1] & 0x0f;  // RFC 4226 §5.3 dynamic truncation
  std::uint32_t binary = ((mac[offset] & 0x7fu) << 24) | (mac[offset + 1] << 16) |
                         (mac[offset + 2] << 8) | mac[offset + 3];
  std::string code = std::to_string(binary % 1000000);
  return std::string(6 - code.size(), '0') + code;
}

}  // namespace latch::test
