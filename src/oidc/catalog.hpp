#pragma once

#include <atomic>
#include <memory>
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
  // resource id -> scope names granted to this app (client credentials, Granted resources)
  std::unordered_map<std::string, std::vector<std::string>> grants;
};

// An immutable view of applications and resources, loaded from the database. Rebuilt whole when
// the database's cache epochs change; readers keep the snapshot they took.
struct CatalogSnapshot {
  std::unordered_map<std::string, ClientEntry> clients;        // by client_id
  std::unordered_map<std::string, model::Resource> resources;  // by indicator
  const model::Resource* default_resource = nullptr;
  // Origins browsers may call the token, userinfo and revocation endpoints from.
  std::unordered_set<std::string> cors_origins;

  const ClientEntry* client(std::string_view id) const;
  const model::Resource* resource(std::string_view indicator) const;
};

// "scheme://host[:port]" of an absolute URL, lower-cased scheme and host; "" when not a URL.
std::string origin_of(std::string_view url);

// Holds the current snapshot. Thread-safe: snapshot() is lock-free for readers; reload() may run
// concurrently with them.
class Catalog {
 public:
  explicit Catalog(const crypto::SecretBox& secrets) : secrets_(secrets) {}

  std::shared_ptr<const CatalogSnapshot> snapshot() const {
    return current_.load(std::memory_order_acquire);
  }
  // Loads everything from `store` and swaps the snapshot in. Blocks on the database.
  // Forbidden when a client secret cannot be decrypted (wrong master key).
  [[nodiscard]] Result<void> reload(storage::Store& store);

 private:
  const crypto::SecretBox& secrets_;
  std::atomic<std::shared_ptr<const CatalogSnapshot>> current_{
      std::make_shared<const CatalogSnapshot>()};
};

}  // namespace latch::oidc
