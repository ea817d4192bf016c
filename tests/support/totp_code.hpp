#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// TOTP codes computed by the tests themselves (RFC 6238 over RFC 4226, SHA-1, 6 digits, 30 s),
// independently of Latch's implementation, from the base32 secret a server shows.
namespace latch::test {

// The code for `secret` (RFC 4648 base32, case-insensitive, padding and spaces ignored) at
// `unix_seconds`; "" when the secret is not base32.
std::string totp_code(std::string_view secret, std::int64_t unix_seconds);

}  // namespace latch::test
