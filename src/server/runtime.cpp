#include "server/runtime.hpp"

#include "crypto/hash.hpp"
#include "server/master_key.hpp"
#include "storage/migrations/migration.hpp"

namespace latch::server {

Result<std::unique_ptr<Runtime>> open_runtime(const Config& config) {
  auto runtime = std::make_unique<Runtime>();
  runtime->config = config;
  auto key = load_master_key(config);
  if (!key) return key.error();
  runtime->csrf_key = crypto::hmac_sha256(*key, "latch:csrf");
  runtime->token_key = crypto::hmac_sha256(*key, "latch:refresh-successor");
  runtime->cookie_key = crypto::hmac_sha256(*key, "latch:session-cookie");
  runtime->mfa_key = crypto::hmac_sha256(*key, "latch:mfa-codes");
  runtime->secrets = std::make_unique<crypto::SecretBox>(std::move(*key));
  auto store = storage::open_store(config.database,
                                   storage::StoreOptions{.pool_size = config.database_pool_size,
                                                         .pool_timeout = std::chrono::milliseconds(
                                                             config.database_pool_timeout_ms)});
  if (!store) return store.error();
  runtime->store = std::move(*store);
  if (auto migrated = runtime->store->migrate(runtime->clock); !migrated) return migrated.error();
  // A database migrated by a newer Latch may hold data this binary would misread.
  auto version = runtime->store->schema_version();
  if (!version) return version.error();
  if (*version > storage::migrations::latest_version()) {
    return make_error(Errc::Unavailable, "the database is at schema version " +
                                             std::to_string(*version) +
                                             ", newer than this Latch understands (" +
                                             std::to_string(storage::migrations::latest_version()) +
                                             "); run a newer Latch");
  }
  return runtime;
}

}  // namespace latch::server
