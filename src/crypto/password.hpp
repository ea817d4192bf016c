#pragma once

#include <string>
#include <string_view>

#include "core/limiter.hpp"
#include "core/result.hpp"

namespace latch::crypto {

// Argon2id (RFC 9106), encoded as a PHC string ("$argon2id$v=19$m=...,t=...,p=...$salt$hash").
struct PasswordParams {
  unsigned memory_kib = 19456;  // OWASP 2023 minimum for Argon2id: m=19 MiB, t=2, p=1
  unsigned iterations = 2;
  unsigned parallelism = 1;
};

// Every hash and verification below takes one slot of a process-wide limiter while Argon2 runs,
// so that at most N run at once however many threads call (each holds memory_kib of memory:
// 200 concurrent sign-ins must not take 19 MiB each). N is the number of cores until
// set_password_concurrency says otherwise. A caller waits for its slot: call these from the
// hashing pool (http::Lane::Hashing), not from the database pool, and never inside a
// transaction.

// Slow on purpose (tens of ms), and may wait for a slot.
[[nodiscard]] Result<std::string> hash_password(std::string_view password,
                                                const PasswordParams& params = {});
// True when `password` matches `phc`. Accepts argon2id, argon2i and argon2d PHC strings.
// False (never an error) for a malformed hash.
bool verify_password(std::string_view password, std::string_view phc);
// Spends the same time as verify_password against a real hash, so that an unknown user and a
// wrong password are indistinguishable by timing (it takes a slot the same way).
void verify_password_dummy(std::string_view password);
// The hash verify_password_dummy verifies against: made on first use with the default
// parameters, from a random secret no one knows. Exposed so that tests can check its cost.
const std::string& dummy_password_hash();

// How many hashes and verifications may run at once (at least 1). Thread-safe; waiting callers
// proceed as soon as the new bound allows.
void set_password_concurrency(unsigned n);
// The limiter itself, to observe (in_use, peak, reset_peak).
Limiter& password_slots();

}  // namespace latch::crypto
