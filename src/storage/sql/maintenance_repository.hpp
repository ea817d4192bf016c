#pragma once

#include "storage/maintenance_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlSetupTokenRepository final : public SetupTokenRepository {
 public:
  explicit SqlSetupTokenRepository(Connection& conn) : conn_(conn) {}
  Result<void> add(std::string_view token_hash, std::int64_t expires_at) override;
  Result<bool> valid(std::string_view token_hash, std::int64_t now) override;
  Result<void> clear() override;

 private:
  Connection& conn_;
};

class SqlMaintenanceRepository final : public MaintenanceRepository {
 public:
  explicit SqlMaintenanceRepository(Connection& conn) : conn_(conn) {}
  Result<PurgeCounts> purge_expired(std::int64_t now, std::int64_t failures_before,
                                    std::int64_t batch) override;
  Result<bool> claim_run(std::string_view name, std::int64_t now, std::int64_t interval) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
