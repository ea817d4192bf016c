#pragma once

#include "storage/postgres/connection.hpp"
#include "storage/repositories.hpp"

namespace latch::storage::postgres {

// Signing keys. Every write that changes a row bumps the "keys" epoch. The schema allows one
// Current key per alg: insert a new Current key after retire_current(), or get Conflict.
class PostgresKeyRepository final : public KeyRepository {
 public:
  explicit PostgresKeyRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::SigningKey& key) override;
  Result<std::vector<model::SigningKey>> list_all() override;  // then by kid
  Result<void> retire_current(std::string_view alg, std::int64_t retire_at) override;
  Result<void> purge_retired(std::int64_t now) override;

 private:
  Result<void> bump_if_changed(Result<std::int64_t> changed);

  Connection& conn_;
};

}  // namespace latch::storage::postgres
