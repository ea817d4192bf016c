#pragma once

// Internal to the crypto module: the per-format pieces verify_password_digest and
// check_password_digest dispatch to (crypto/password_digest.hpp), and what they share.

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::crypto::detail {

// InvalidRequest keyed password.invalid_digest, password.digest_cost_too_high,
// password.invalid_legacy_password_format; `detail` is for the log.
Error invalid_digest(std::string detail);
Error digest_too_costly(std::string detail);
Error invalid_legacy(std::string detail);

// The bytes `hex` spells (either case); nullopt unless it is hex of even length.
std::optional<std::string> hex_decode(std::string_view hex);
// `text` as a plain decimal number in [min, max]; nullopt for signs, spaces, other characters,
// leading zeros and anything out of range.
std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t min,
                                           std::uint64_t max);

// The digest OpenSSL knows by `name`, found as Node's crypto.createHash finds it (fetched, or by
// an alias such as "RSA-SHA256"); null when there is none.
using MdPtr = std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)>;
MdPtr fetch_md(const std::string& name);

// Argon2 PHC strings: the format and the limits of password_digest.hpp.
[[nodiscard]] Result<void> check_argon2(std::string_view phc);
// bcrypt ($2a$, $2b$, $2y$) through libxcrypt.
[[nodiscard]] Result<void> check_bcrypt(std::string_view digest);
bool verify_bcrypt(std::string_view password, std::string_view digest);

// Logto's Legacy tuple, parsed: [algorithm, args, digest].
struct LegacyTuple {
  std::string algorithm;
  std::vector<std::string> args;
  std::string digest;
};
[[nodiscard]] Result<void> check_legacy(std::string_view text);
bool verify_legacy(std::string_view password, std::string_view text);

// The key-derivation forms of Legacy (legacy_kdf.cpp). check_* validate a parsed tuple as
// check_password_digest does; derive_* compute the bytes the tuple's digest must encode
// (nullopt when the computation fails); expected_* decode the tuple's digest.
[[nodiscard]] Result<void> check_pbkdf2(const LegacyTuple& t);
std::optional<std::string> derive_pbkdf2(const LegacyTuple& t, std::string_view password);
[[nodiscard]] Result<void> check_scrypt(const LegacyTuple& t);
std::optional<std::string> derive_scrypt(const LegacyTuple& t, std::string_view password);
[[nodiscard]] Result<void> check_firebase_scrypt(const LegacyTuple& t);
std::optional<std::string> derive_firebase_scrypt(const LegacyTuple& t, std::string_view password);
std::optional<std::string> expected_firebase_scrypt(const LegacyTuple& t);

}  // namespace latch::crypto::detail
