#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Signing keys. Every write that changes a row bumps the "keys" epoch. The schema allows one
// Current key per alg: insert a new Current key after retire_current(), or get Conflict.
class SqlKeyRepository final : public KeyRepository {
 public:
  explicit SqlKeyRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::SigningKey& key) override;
  Result<std::vector<model::SigningKey>> list_all() override;  // then by kid
  Result<void> retire_current(std::string_view alg, std::int64_t retire_at) override;
  Result<void> purge_retired(std::int64_t now) override;

 private:
  Result<void> bump_if_changed(Result<std::int64_t> changed);

  Connection& conn_;
};

}  // namespace latch::storage::sql
