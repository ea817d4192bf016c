#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

// Cryptographically secure randomness (OpenSSL RAND_bytes). Thread-safe. A failure of the system
// RNG is a logged abort: nothing can be issued safely without it.
namespace latch::crypto {

std::string random_bytes(std::size_t n);
// base64url (no padding) of `bytes` random bytes: codes, refresh tokens, session ids.
std::string random_token(std::size_t bytes = 32);
// `length` characters drawn uniformly (rejection sampling) from [0-9a-z]: Logto-style ids.
std::string random_id(std::size_t length = 21);
// `length` (at least 10) characters of [0-9a-z] that sort by `millis` first (its 9 base-36
// digits, zero-padded; good until the year 5188), then random ones. For ids of append-mostly
// tables (the audit log): a random id puts each insert at a random place in the primary-key
// index, a time-ordered one at its end.
std::string time_ordered_id(std::int64_t millis, std::size_t length = 21);
// `length` characters drawn uniformly from [0-9A-Za-z]: client secrets.
std::string random_alnum(std::size_t length = 32);

}  // namespace latch::crypto
