#pragma once

// One-time passwords for authenticator apps: HOTP (RFC 4226) and TOTP (RFC 6238) with SHA-1,
// 6 digits and a 30 s period, the parameters every authenticator app supports; the base32 their
// secrets are written in (RFC 4648 §6); and the otpauth:// URI their QR codes carry. Pure
// functions, thread-safe.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace latch::crypto {

// RFC 4648 §6 base32, upper case, no padding.
std::string base32_encode(std::span<const std::uint8_t> bytes);
// Case-insensitive; ignores spaces and trailing '='; nullopt for any other character (an '='
// followed by anything but '=' included) and for a length no encoder produces (1, 3 or 6
// characters left over after the last group of 8).
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// A new TOTP secret: 20 random bytes (crypto/random.hpp), base32 (32 chars).
std::string generate_totp_secret();

// RFC 4226 §5.3 HOTP value, zero-padded to `digits`.
// REQUIRES: 1 <= digits <= 9 (a 31-bit dynamic truncation has at most 10 decimal digits, and the
// tenth is not uniformly distributed).
std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits = 6);

inline constexpr std::int64_t kTotpPeriod = 30;  // RFC 6238 §5.2 recommends 30 s
inline constexpr int kTotpDigits = 6;

// The time step (unix_seconds / 30) whose code equals `code`, trying now, then -1 and +1 steps
// (`window` steps each side); nullopt when none matches, when `code` is not exactly 6 digits or
// when the secret does not decode. Comparison in constant time. The caller refuses a step it has
// already accepted (replay) -- so return the matched step, not a bool.
// RFC 6238 §5.2: the window absorbs clock drift and typing time. Steps before the epoch are never
// tried. REQUIRES: 0 <= window <= 10.
std::optional<std::int64_t> totp_match(std::string_view secret_base32, std::string_view code,
                                       std::int64_t unix_seconds, int window = 1);

// otpauth://totp/<issuer>:<account>?secret=..&issuer=..&algorithm=SHA1&digits=6&period=30
// (label and values percent-encoded; Google Authenticator's Key Uri Format). Every byte but the
// RFC 3986 §2.3 unreserved characters is percent-encoded, the ':' inside an issuer or account
// included, so the label always splits at the one literal ':'.
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace latch::crypto
