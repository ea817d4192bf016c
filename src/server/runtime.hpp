#pragma once

#include <memory>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "storage/store.hpp"

namespace latch::server {

// What every command needs: configuration, clock, the opened (and migrated) database and the
// master key. Created once per process.
struct Runtime {
  Config config;
  SystemClock clock;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<crypto::SecretBox> secrets;
  std::string csrf_key;    // HMAC key for form tokens, derived from the master key
  std::string token_key;   // HMAC key for derived token values (refresh token successors)
  std::string cookie_key;  // HMAC key for the session cookie's signature
  std::string mfa_key;     // HMAC key for stored backup codes and trusted-device tokens
};

// Opens the database named by the configuration, applies pending migrations, loads or creates
// the master key.
[[nodiscard]] Result<std::unique_ptr<Runtime>> open_runtime(const Config& config);

}  // namespace latch::server
