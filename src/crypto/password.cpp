#include "crypto/password.hpp"

#include <argon2.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <thread>

#include "crypto/random.hpp"

namespace latch::crypto {
namespace {

constexpr std::size_t kSaltSize = 16;
constexpr std::size_t kHashSize = 32;

// The Argon2 variant named by a PHC string's prefix (RFC 9106 §3.1 defines the three).
std::optional<argon2_type> phc_type(std::string_view phc) {
  if (phc.starts_with("$argon2id$")) {
    return Argon2_id;
  }
  if (phc.starts_with("$argon2i$")) {
    return Argon2_i;
  }
  if (phc.starts_with("$argon2d$")) {
    return Argon2_d;
  }
  return std::nullopt;
}

bool fits_u32(std::string_view s) { return s.size() <= UINT32_MAX; }

Limiter& slots() {
  static Limiter limiter(std::max(1u, std::thread::hardware_concurrency()));
  return limiter;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, const PasswordParams& params) {
  if (!fits_u32(password)) {
    return make_error(Errc::InvalidRequest, "password too long");
  }
  const std::string salt = random_bytes(kSaltSize);
  const std::size_t encoded_size = argon2_encodedlen(
      params.iterations, params.memory_kib, params.parallelism, static_cast<uint32_t>(kSaltSize),
      static_cast<uint32_t>(kHashSize), Argon2_id);
  std::string encoded(encoded_size, '\0');
  LimiterSlot slot(slots());
  const int rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashSize, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return make_error(Errc::Internal, "password hashing failed", argon2_error_message(rc));
  }
  encoded.resize(encoded.find('\0'));  // argon2_encodedlen counts the terminator
  return encoded;
}

bool verify_password(std::string_view password, std::string_view phc) {
  const auto type = phc_type(phc);
  if (!type || !fits_u32(password) || phc.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(phc);  // argon2_verify reads a C string
  LimiterSlot slot(slots());
  return argon2_verify(terminated.c_str(), password.data(), password.size(), *type) == ARGON2_OK;
}

const std::string& dummy_password_hash() {
  // Made once with the default parameters, so a verification against it costs what one against
  // a stored hash costs. Magic statics make the first use thread-safe.
  static const std::string dummy = [] {
    auto made = hash_password(random_token(), PasswordParams{});
    if (!made) {
      spdlog::critical("crypto: cannot make the dummy password hash: {}", made.error().detail);
      std::abort();
    }
    return std::move(*made);
  }();
  return dummy;
}

void verify_password_dummy(std::string_view password) {
  static_cast<void>(verify_password(password, dummy_password_hash()));
}

void set_password_concurrency(unsigned n) { slots().set_capacity(std::max(1u, n)); }

Limiter& password_slots() { return slots(); }

}  // namespace latch::crypto
