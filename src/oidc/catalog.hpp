#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/application.hpp"
#include "model/resource.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// An application as the protocol endpoints need it: the record plus the SHA-256 of its secret
// (so the hot path compares hashes and never decrypts).
struct ClientEntry {
  model::Application app;
  std::string secret_sha256;  // raw bytes; empty for public clients
  // The secret itself, only for a client_secret_jwt client: the HMAC key of its assertions
  // (RFC 7518 §3.2), which a hash cannot verify. Empty for every other client.
  std::string hmac_secret;
};

// An immutable view of applications and resources, loaded from the database. Rebuilt whole when
// the database's cache epochs change; readers keep the snapshot they took.
struct CatalogSnapshot {
  std::unordered_map<std::string, ClientEntry> clients;        // by client_id
  std::unordered_map<std::string, model::Resource> resources;  // by indicator
  const model::Resource* default_resource = nullptr;
  // Origins browsers may call the token, userinfo and revocation endpoints from.
  std::unordered_set<std::string> cors_origins;
  // The cache epochs this snapshot was read at, in the same transaction as the data.
  std::int64_t applications_epoch = 0;
  std::int64_t resources_epoch = 0;

  const ClientEntry* client(std::string_view id) const;
  const model::Resource* resource(std::string_view indicator) const;
};

// "scheme://host[:port]" of an absolute URL, lower-cased scheme and host; "" when not a URL.
std::string origin_of(std::string_view url);

// True when `error` is a refusal that an out-of-date snapshot could explain (an unknown client,
// resource or scope, a secret rotated a moment ago): the caller reads through to the database
// (Catalog::newer_than) before refusing.
bool stale_catalog_may_explain(const Error& error);

// Holds the current snapshot. Thread-safe: snapshot() is lock-free for readers; reload() and
// newer_than() may run concurrently with them and with each other.
//
// The snapshot is refreshed by the cache refresher when the database's epochs change, which
// takes up to its polling interval on SQLite. A request must never be refused for data committed
// before it arrived, so an endpoint that misses in the snapshot calls newer_than(), which reads
// the epochs from the database and reloads at once when they moved.
class Catalog {
 public:
  explicit Catalog(const crypto::SecretBox& secrets) : secrets_(secrets) {}

  std::shared_ptr<const CatalogSnapshot> snapshot() const {
    return current_.load(std::memory_order_acquire);
  }
  // Loads everything from `store` and swaps the snapshot in. Blocks on the database.
  // Forbidden when a client secret cannot be decrypted (wrong master key).
  [[nodiscard]] Result<void> reload(storage::Store& store);
  // A snapshot newer than `seen` when the database holds one (reloading it if no other caller
  // has yet), nullptr when `seen` is as new as the database. Blocks: one small query, plus the
  // reload when something changed. Call on the blocking pool.
  [[nodiscard]] Result<std::shared_ptr<const CatalogSnapshot>> newer_than(
      storage::Store& store, const CatalogSnapshot& seen);

 private:
  Result<void> reload_locked(storage::Store& store);

  const crypto::SecretBox& secrets_;
  std::mutex reload_mutex_;  // one reload at a time, so snapshots are published in order
  std::atomic<std::shared_ptr<const CatalogSnapshot>> current_{
      std::make_shared<const CatalogSnapshot>()};
};

}  // namespace latch::oidc
