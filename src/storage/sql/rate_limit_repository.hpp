#pragma once

#include "storage/rate_limit_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlRateLimitRepository final : public RateLimitRepository {
 public:
  explicit SqlRateLimitRepository(Connection& conn) : conn_(conn) {}
  Result<std::int64_t> add(std::string_view key, std::int64_t window_start,
                           std::int64_t window_end) override;
  Result<void> purge_ended(std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
