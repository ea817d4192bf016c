#include "crypto/pkce.hpp"

#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace latch::crypto {
namespace {

constexpr std::size_t kMinVerifierLength = 43;
constexpr std::size_t kMaxVerifierLength = 128;
constexpr std::size_t kS256ChallengeLength = 43;  // base64url of 32 bytes, unpadded

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// RFC 7636 §4.1: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

bool is_base64url_char(char c) { return is_alnum(c) || c == '-' || c == '_'; }

}  // namespace

bool is_valid_code_verifier(std::string_view verifier) {
  return verifier.size() >= kMinVerifierLength && verifier.size() <= kMaxVerifierLength &&
         std::all_of(verifier.begin(), verifier.end(), is_unreserved);
}

bool is_base64url_sha256(std::string_view text) {
  return text.size() == kS256ChallengeLength &&
         std::all_of(text.begin(), text.end(), is_base64url_char);
}

bool is_valid_code_challenge(std::string_view challenge) { return is_base64url_sha256(challenge); }

bool verify_s256(std::string_view verifier, std::string_view challenge) {
  if (!is_valid_code_verifier(verifier)) {
    return false;
  }
  // RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge
  return constant_time_equal(base64url_encode(sha256(verifier)), challenge);
}

}  // namespace latch::crypto
