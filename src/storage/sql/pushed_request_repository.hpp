#pragma once

#include "storage/pushed_request_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlPushedRequestRepository final : public PushedRequestRepository {
 public:
  explicit SqlPushedRequestRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const PushedRequest& request) override;
  Result<model::Consumed<PushedRequest>> consume(std::string_view request_uri_hash,
                                                 std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
