#pragma once

#include <string_view>

namespace latch::crypto {

// RFC 7636 §4.1: 43–128 characters of [A-Za-z0-9-._~].
bool is_valid_code_verifier(std::string_view verifier);
// RFC 7636 §4.2: a challenge is base64url(SHA-256) = 43 characters of the base64url alphabet.
bool is_valid_code_challenge(std::string_view challenge);
// RFC 7636 §4.6: BASE64URL(SHA256(verifier)) == challenge, compared in constant time.
bool verify_s256(std::string_view verifier, std::string_view challenge);

}  // namespace latch::crypto
