#pragma once

#include <string>
#include <vector>

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Whole tables through plain SELECT * / INSERT, the same on every database.
class SqlDumpRepository final : public DumpRepository {
 public:
  explicit SqlDumpRepository(Connection& conn) : conn_(conn) {}

  const std::vector<std::string>& tables() const override;
  Result<void> read_all(DumpVisitor& visitor) override;
  Result<bool> in_use() override;
  Result<void> clear_all() override;
  Result<void> insert_row(std::string_view table, const std::vector<std::string>& columns,
                          const std::vector<CellValue>& cells) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
