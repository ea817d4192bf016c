#pragma once

#include "storage/postgres/connection.hpp"
#include "storage/repositories.hpp"

namespace latch::storage::postgres {

// Authorization codes, stored by hash.
class PostgresCodeRepository final : public CodeRepository {
 public:
  explicit PostgresCodeRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the grant, client or user does not exist; Conflict when the hash exists.
  Result<void> insert(const model::AuthorizationCode& c) override;
  // See consume_once() in storage/postgres/consume.hpp.
  Result<model::Consumed<model::AuthorizationCode>> consume(std::string_view code_hash,
                                                            std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::postgres
