#pragma once

#include <string>
#include <string_view>

namespace latch::crypto {

std::string sha256(std::string_view data);                             // 32 raw bytes
std::string sha384(std::string_view data);                             // 48 raw bytes
std::string sha512(std::string_view data);                             // 64 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes
std::string hmac_sha384(std::string_view key, std::string_view data);  // 48 raw bytes
std::string hmac_sha512(std::string_view key, std::string_view data);  // 64 raw bytes
// 20 raw bytes. Only for HOTP/TOTP (RFC 4226 §5.2 fixes SHA-1); nothing else should use SHA-1.
std::string hmac_sha1(std::string_view key, std::string_view data);
// base64url(sha256(secret)): how codes, tokens and session ids are stored.
std::string token_hash(std::string_view secret);
// Compares in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace latch::crypto
