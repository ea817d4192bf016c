#include "oidc/key_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace latch::oidc {

const crypto::SigningKeyPair* KeySnapshot::signer(crypto::JwsAlg alg) const {
  auto it = current.find(alg);
  return it == current.end() ? nullptr : &it->second;
}

const crypto::VerifyKey* KeySnapshot::verifier(std::string_view kid) const {
  auto it = published.find(kid);
  return it == published.end() ? nullptr : &it->second;
}

Result<void> KeyStore::reload(storage::Store& store, std::int64_t now) {
  std::vector<model::SigningKey> keys;
  auto loaded = store.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.keys().list_all();
    if (!all) return all.error();
    keys = std::move(*all);
    return ok();
  });
  if (!loaded) return loaded.error();

  auto next = std::make_shared<KeySnapshot>();
  boost::json::array jwks;
  for (const auto& key : keys) {
    if (key.status == model::KeyStatus::Previous && key.retire_at <= now) continue;
    boost::system::error_code ec;
    boost::json::value jwk = boost::json::parse(key.public_jwk_json, ec);
    if (ec || !jwk.is_object()) {
      return make_error(Errc::Internal, "stored public key " + key.kid + " is not a JWK");
    }
    auto verify = crypto::VerifyKey::from_jwk(jwk.as_object());
    if (!verify) return verify.error();
    next->published.emplace(key.kid, std::move(*verify));
    jwks.push_back(std::move(jwk));
    auto alg = crypto::parse_alg(key.alg);
    if (key.status != model::KeyStatus::Current || !alg || next->current.count(*alg)) continue;
    auto pem = secrets_.open(key.sealed_private_key, key.kid);
    if (!pem) {
      return make_error(Errc::Forbidden, "cannot decrypt signing key " + key.kid +
                                             ": the master key does not match this database");
    }
    auto pair = crypto::SigningKeyPair::from_pem(*alg, *pem);
    if (!pair) return pair.error();
    next->current.emplace(*alg, std::move(*pair));
  }
  next->jwks = http::prepare_document(
      boost::json::serialize(boost::json::object{{"keys", std::move(jwks)}}));
  current_.store(std::move(next), std::memory_order_release);
  return ok();
}

Result<void> KeyService::insert_new(storage::Tx& tx, crypto::JwsAlg alg, std::int64_t now,
                                    std::string& kid_out) {
  auto pair = crypto::SigningKeyPair::generate(alg);
  model::SigningKey key;
  key.kid = pair.kid();
  key.alg = std::string(crypto::alg_name(alg));
  key.sealed_private_key = secrets_.seal(pair.private_pem(), key.kid);
  key.public_jwk_json = boost::json::serialize(pair.public_jwk());
  key.status = model::KeyStatus::Current;
  key.created_at = now;
  kid_out = key.kid;
  return tx.keys().insert(key);
}

Result<std::vector<std::string>> KeyService::ensure_keys(std::int64_t now) {
  std::vector<std::string> created;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    created.clear();
    // Nodes starting together on an empty database: the first creates the keys, the others
    // then find them.
    if (auto locked = tx.lock("signing-keys"); !locked) return locked;
    auto all = tx.keys().list_all();
    if (!all) return all.error();
    for (crypto::JwsAlg alg : kAllAlgs) {
      bool has_current = false;
      for (const auto& key : *all) {
        has_current |= key.status == model::KeyStatus::Current && key.alg == crypto::alg_name(alg);
      }
      if (has_current) continue;
      std::string kid;
      if (auto r = insert_new(tx, alg, now, kid); !r) return r.error();
      created.push_back(kid);
    }
    return ok();
  });
  if (!done) return done.error();
  return created;
}

Result<std::string> KeyService::rotate(crypto::JwsAlg alg, std::int64_t now,
                                       std::int64_t keep_seconds) {
  std::string kid;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto locked = tx.lock("signing-keys"); !locked) return locked;
    if (auto r = tx.keys().purge_retired(now); !r) return r.error();
    if (auto r = tx.keys().retire_current(crypto::alg_name(alg), now + keep_seconds); !r) {
      return r.error();
    }
    return insert_new(tx, alg, now, kid);
  });
  if (!done) return done.error();
  return kid;
}

}  // namespace latch::oidc
