#pragma once

#include "storage/account_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// verification_records and account_centers (migration v12).
class SqlVerificationRecordRepository final : public VerificationRecordRepository {
 public:
  explicit SqlVerificationRecordRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const VerificationRecord& record) override;
  Result<std::optional<VerificationRecord>> find(std::string_view id) override;
  Result<void> update(const VerificationRecord& record) override;
  Result<int> add_attempt(std::string_view id) override;
  Result<std::int64_t> count_since(std::string_view type, std::string_view identifier,
                                   std::int64_t since) override;

 private:
  Connection& conn_;
};

class SqlAccountCenterRepository final : public AccountCenterRepository {
 public:
  explicit SqlAccountCenterRepository(Connection& conn) : conn_(conn) {}

  Result<std::optional<std::string>> find() override;
  Result<void> put(std::string_view json, std::int64_t now_ms) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
