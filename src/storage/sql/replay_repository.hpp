#pragma once

#include "storage/replay_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlReplayRepository final : public ReplayRepository {
 public:
  explicit SqlReplayRepository(Connection& conn) : conn_(conn) {}
  Result<bool> record_once(std::string_view scope, std::string_view id, std::int64_t now,
                           std::int64_t expires_at) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
