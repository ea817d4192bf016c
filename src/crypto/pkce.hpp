#pragma once

#include <string_view>

namespace latch::crypto {

// RFC 7636 §4.1: 43–128 characters of [A-Za-z0-9-._~].
bool is_valid_code_verifier(std::string_view verifier);
// RFC 7636 §4.2: a challenge is base64url(SHA-256) = 43 characters of the base64url alphabet.
bool is_valid_code_challenge(std::string_view challenge);
// Whether `text` has the form of an unpadded base64url SHA-256 digest (43 characters of the
// base64url alphabet): an S256 challenge, a JWK SHA-256 thumbprint (RFC 7638, RFC 9449 §10).
bool is_base64url_sha256(std::string_view text);
// RFC 7636 §4.6: BASE64URL(SHA256(verifier)) == challenge, compared in constant time.
bool verify_s256(std::string_view verifier, std::string_view challenge);

}  // namespace latch::crypto
