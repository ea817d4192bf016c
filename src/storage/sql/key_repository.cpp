#include "storage/sql/key_repository.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

std::string_view status_name(model::KeyStatus status) {
  return status == model::KeyStatus::Previous ? "Previous" : "Current";
}

model::SigningKey read_key(const Row& s) {
  model::SigningKey key;
  key.kid = s.text(0);
  key.alg = s.text(1);
  key.sealed_private_key = s.text(2);
  key.public_jwk_json = s.text(3);
  key.status = s.text(4) == "Previous" ? model::KeyStatus::Previous : model::KeyStatus::Current;
  key.created_at = s.int64(5);
  key.retire_at = s.int64(6);
  return key;
}

}  // namespace

Result<void> SqlKeyRepository::bump_if_changed(Result<std::int64_t> changed) {
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return ok();
  }
  return bump_epoch(conn_, kKeysEpoch);
}

Result<void> SqlKeyRepository::insert(const model::SigningKey& key) {
  return bump_if_changed(execute(conn_,
                                 "INSERT INTO signing_keys (kid, alg, sealed_private_key, "
                                 "public_jwk, status, created_at, retire_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 {key.kid, key.alg, key.sealed_private_key, key.public_jwk_json,
                                  status_name(key.status), key.created_at, key.retire_at}));
}

Result<std::vector<model::SigningKey>> SqlKeyRepository::list_all() {
  return query_all<model::SigningKey>(
      conn_,
      "SELECT kid, alg, sealed_private_key, public_jwk, status, created_at, retire_at "
      "FROM signing_keys ORDER BY created_at DESC, kid",
      {}, read_key);
}

Result<void> SqlKeyRepository::retire_current(std::string_view alg, std::int64_t retire_at) {
  return bump_if_changed(execute(conn_,
                                 "UPDATE signing_keys SET status = 'Previous', retire_at = ? "
                                 "WHERE alg = ? AND status = 'Current'",
                                 {retire_at, alg}));
}

Result<void> SqlKeyRepository::purge_retired(std::int64_t now) {
  return bump_if_changed(execute(
      conn_, "DELETE FROM signing_keys WHERE status = 'Previous' AND retire_at < ?", {now}));
}

}  // namespace latch::storage::sql
