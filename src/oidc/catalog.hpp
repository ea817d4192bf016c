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

// One of a client's secrets as the protocol endpoints need it: its SHA-256 (so the hot path
// compares hashes and never decrypts) and its expiry.
struct ClientSecret {
  std::string name;
  std::string sha256;                      // raw bytes
  std::optional<std::int64_t> expires_at;  // epoch milliseconds; none = never
  // The secret itself, only for a client_secret_jwt client: a candidate HMAC key of its
  // assertions (RFC 7518 §3.2), which a hash cannot verify. Empty for every other client.
  std::string value;

  bool expired(std::int64_t now_ms) const { return expires_at && *expires_at <= now_ms; }
};

// An application as the protocol endpoints need it: the record plus its secrets.
struct ClientEntry {
  model::Application app;
  // Every secret of the app, expired ones too (a secret may expire while a snapshot is in use),
  // oldest first. Empty for public clients.
  std::vector<ClientSecret> secrets;

  // The HMAC key of a client_secret_jwt client at `now_ms`, as Logto picks the secret it hands
  // on (its active secret): the unexpired one named model::kDefaultSecretName, else the oldest
  // unexpired one. Empty when there is none, and for every other client.
  std::string_view hmac_key(std::int64_t now_ms) const;
};

// An immutable view of what the token endpoint needs of the configuration: applications,
// resources, what apps' roles grant them and which custom claims scripts exist. Loaded from the
// database in one transaction; rebuilt whole when the database's cache epochs change, and at once
// after this process commits a change (storage::Store::on_epoch_bump). Readers keep the snapshot
// they took.
struct CatalogSnapshot {
  std::unordered_map<std::string, ClientEntry> clients;        // by client_id
  std::unordered_map<std::string, model::Resource> resources;  // by indicator
  const model::Resource* default_resource = nullptr;
  // Origins browsers may call the token, userinfo and revocation endpoints from.
  std::unordered_set<std::string> cors_origins;
  // The names of the scopes apps' roles grant them, by app id, then resource id; sorted.
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<std::string>>>
      application_scopes;
  // The token types that have a custom claims script (jwt_customizers; oidc/custom_claims.hpp).
  std::unordered_set<std::string> customized_tokens;
  // The cache epochs this snapshot was read at, in the same transaction as the data.
  std::int64_t applications_epoch = 0;
  std::int64_t resources_epoch = 0;
  std::int64_t roles_epoch = 0;
  std::int64_t jwt_customizers_epoch = 0;

  const ClientEntry* client(std::string_view id) const;
  const model::Resource* resource(std::string_view indicator) const;
  // What app `application_id`'s roles grant it on resource `resource_id` (sorted names).
  const std::vector<std::string>& granted_scopes(std::string_view application_id,
                                                 std::string_view resource_id) const;
  bool has_customizer(std::string_view token_type) const {
    return customized_tokens.contains(std::string(token_type));
  }
};

// Reads what apps' roles grant them and which custom claims scripts exist into `into`, replacing
// what it held (part of Catalog::reload).
[[nodiscard]] Result<void> read_issuance_rules(storage::Tx& tx, CatalogSnapshot& into);

// The caches a catalog snapshot is built from, by their epoch names.
bool is_catalog_cache(std::string_view cache);

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
  // The snapshot when it is known to hold every commit made before this call: nothing has been
  // committed since it was last checked against the database (Store::commit_count), or the store
  // announces commits itself (Store::announces_commits). nullptr when it must be checked first
  // (checked()). Cheap and non-blocking: callable on an I/O thread.
  std::shared_ptr<const CatalogSnapshot> known_current(storage::Store& store) const;
  // Checks the snapshot against the database's epochs, reloading it when they moved, and
  // remembers the commit count so that known_current() need not check again until the next
  // commit. Blocks: call on the blocking pool.
  [[nodiscard]] Result<std::shared_ptr<const CatalogSnapshot>> checked(storage::Store& store);

 private:
  Result<void> reload_locked(storage::Store& store);
  // `secret` of `app` opened and hashed; Forbidden when the master key cannot open it.
  Result<ClientSecret> client_secret(const model::ApplicationSecret& secret,
                                     const model::Application& app) const;

  const crypto::SecretBox& secrets_;
  std::mutex reload_mutex_;  // one reload at a time, so snapshots are published in order
  std::atomic<std::shared_ptr<const CatalogSnapshot>> current_{
      std::make_shared<const CatalogSnapshot>()};
  // Store::commit_count() when the snapshot was last found current; -1 before the first check.
  std::atomic<std::int64_t> checked_count_{-1};
};

}  // namespace latch::oidc
