#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/jwk.hpp"
#include "http/revalidation.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// The signing keys in memory: one current key per algorithm, plus every key still published.
struct KeySnapshot {
  std::map<crypto::JwsAlg, crypto::SigningKeyPair> current;
  std::map<std::string, crypto::VerifyKey, std::less<>> published;  // by kid
  // {"keys": [...]} of every published key, newest first; its ETag and gzip form made once.
  http::PreparedDocument jwks;

  // The current key for `alg`; nullptr when there is none.
  const crypto::SigningKeyPair* signer(crypto::JwsAlg alg) const;
  const crypto::VerifyKey* verifier(std::string_view kid) const;
};

// Thread-safe holder of the current KeySnapshot (lock-free reads).
class KeyStore {
 public:
  explicit KeyStore(const crypto::SecretBox& secrets) : secrets_(secrets) {}

  std::shared_ptr<const KeySnapshot> snapshot() const {
    return current_.load(std::memory_order_acquire);
  }
  // Loads every key not yet retired at `now` from the database. Forbidden when a private key
  // cannot be decrypted (wrong master key).
  [[nodiscard]] Result<void> reload(storage::Store& store, std::int64_t now);

 private:
  const crypto::SecretBox& secrets_;
  std::atomic<std::shared_ptr<const KeySnapshot>> current_{std::make_shared<const KeySnapshot>()};
};

// Key lifecycle, run by `serve` at start and by `latch keys rotate`.
class KeyService {
 public:
  KeyService(storage::Store& store, const crypto::SecretBox& secrets)
      : store_(store), secrets_(secrets) {}

  // Creates a current key for every algorithm that has none. Returns the kids created.
  [[nodiscard]] Result<std::vector<std::string>> ensure_keys(std::int64_t now);
  // A new current key for `alg`; the old one stays published until `now + keep_seconds` (the
  // longest lifetime of a token it signed), then drops out of the JWKS. Returns the new kid.
  [[nodiscard]] Result<std::string> rotate(crypto::JwsAlg alg, std::int64_t now,
                                           std::int64_t keep_seconds);

 private:
  Result<void> insert_new(storage::Tx& tx, crypto::JwsAlg alg, std::int64_t now,
                          std::string& kid_out);
  storage::Store& store_;
  const crypto::SecretBox& secrets_;
};

inline constexpr crypto::JwsAlg kAllAlgs[] = {crypto::JwsAlg::ES256, crypto::JwsAlg::ES384,
                                              crypto::JwsAlg::RS256, crypto::JwsAlg::EdDSA};

}  // namespace latch::oidc
