#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Authorization codes, stored by hash.
class SqlCodeRepository final : public CodeRepository {
 public:
  explicit SqlCodeRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the grant, client or user does not exist; Conflict when the hash exists.
  Result<void> insert(const model::AuthorizationCode& c) override;
  Result<std::optional<model::AuthorizationCode>> find(std::string_view code_hash) override;
  // See consume_once() in storage/sql/consume.hpp.
  Result<model::Consumed<model::AuthorizationCode>> consume(std::string_view code_hash,
                                                            std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
