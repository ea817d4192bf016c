#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto {

// Argon2id (RFC 9106), encoded as a PHC string ("$argon2id$v=19$m=...,t=...,p=...$salt$hash").
struct PasswordParams {
  unsigned memory_kib = 19456;  // OWASP 2023 minimum for Argon2id: m=19 MiB, t=2, p=1
  unsigned iterations = 2;
  unsigned parallelism = 1;
};

// Slow on purpose (tens of ms): run it on the blocking pool.
[[nodiscard]] Result<std::string> hash_password(std::string_view password,
                                                const PasswordParams& params = {});
// True when `password` matches `phc`. Accepts argon2id, argon2i and argon2d PHC strings.
// False (never an error) for a malformed hash.
bool verify_password(std::string_view password, std::string_view phc);
// Spends the same time as verify_password against a real hash, so that an unknown user and a
// wrong password are indistinguishable by timing.
void verify_password_dummy(std::string_view password);

}  // namespace latch::crypto
