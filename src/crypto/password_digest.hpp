#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"

// Password digests made elsewhere: the ones Logto accepts on POST /api/users (passwordDigest with
// passwordAlgorithm, Logto's UsersPasswordEncryptionMethod) and those importers bring. Latch
// verifies them at sign-in and then replaces them with its own Argon2id (crypto/password.hpp).
namespace latch::crypto {

// How a digest was made, as Logto names it (the wire and stored spelling is name_of()):
//   Argon2i, Argon2id, Argon2d  a PHC string, "$argon2id$v=19$m=..,t=..,p=..$salt$hash"; the
//                               string's own prefix decides the variant, as in Logto
//   Bcrypt                      a modular-crypt string, "$2a$", "$2b$" or "$2y$", cost 04..16
//   SHA1, SHA256, MD5           the hex of the unsalted hash of the password (either case)
//   Legacy                      a JSON tuple [algorithm, [args], digest] (legacy_password.hpp)
enum class PasswordAlgorithm { Argon2i, Argon2id, Argon2d, Bcrypt, Sha1, Sha256, Md5, Legacy };

// The algorithm Logto's name stands for ("Argon2i", "Bcrypt", "SHA256", "MD5", "Legacy", exact
// case); nullopt for any other text.
std::optional<PasswordAlgorithm> password_algorithm_named(std::string_view name);
std::string_view name_of(PasswordAlgorithm algorithm);

// Limits that keep one verification within seconds and 128 MiB, whoever supplied the digest.
inline constexpr std::size_t kMaxDigestSize = 4096;
inline constexpr unsigned kMaxBcryptCost = 16;
inline constexpr unsigned kMaxArgon2MemoryKib = 128 * 1024;
inline constexpr unsigned kMaxArgon2Iterations = 32;
inline constexpr unsigned kMaxArgon2Parallelism = 16;
inline constexpr std::uint64_t kMaxPbkdf2Work = 10'000'000;  // iterations × output blocks
inline constexpr std::uint64_t kMaxScryptMemory = 128ull * 1024 * 1024;  // 128 · N · r bytes
inline constexpr unsigned kMaxScryptParallelism = 16;

// Checks that `digest` has the form `algorithm` makes, so that a digest is refused when it is
// stored, never found unusable at sign-in. The unsalted hex methods (MD5, SHA1, SHA256) carry no
// parameters and accept any text, as Logto does; such a digest that is not hex of the method's
// size verifies no password. InvalidRequest keyed:
//   password.invalid_digest                   not a bcrypt or Argon2 string
//   password.digest_cost_too_high             cost parameters above the limits above
//   password.invalid_legacy_password_format   a Legacy digest that is not the tuple it must be
//   password.unsupported_legacy_hash_algorithm  a Legacy algorithm Latch cannot compute
// The detail (log only) says what is wrong. Cheap: computes no hash.
[[nodiscard]] Result<void> check_password_digest(PasswordAlgorithm algorithm,
                                                 std::string_view digest);

// True when `password` is the one `digest` was made from. False, never an error, for a digest
// check_password_digest refuses. Comparisons take constant time. Slow methods (Argon2, bcrypt,
// PBKDF2, scrypt) take a slot of the password limiter (crypto/password.hpp): call from the
// hashing pool, never inside a transaction. Thread-safe.
bool verify_password_digest(std::string_view password, PasswordAlgorithm algorithm,
                            std::string_view digest);

// Whether a failed verification against such a digest must be followed by
// verify_password_dummy, so that it takes as long as a failed Argon2 verification: the fast
// methods (SHA1, SHA256, MD5, Legacy), as Logto's rejectInvalidCredentials decides.
bool needs_decoy_on_failure(PasswordAlgorithm algorithm);

// Whether a digest that just verified should be replaced by hash_password's: anything but an
// Argon2id string made with Latch's parameters (PasswordParams{}).
bool needs_rehash(PasswordAlgorithm algorithm, std::string_view digest);

}  // namespace latch::crypto
