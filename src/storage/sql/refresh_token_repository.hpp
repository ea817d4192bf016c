#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Refresh tokens, stored by hash.
class SqlRefreshTokenRepository final : public RefreshTokenRepository {
 public:
  explicit SqlRefreshTokenRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the grant, client or user does not exist; Conflict when the hash exists.
  Result<void> insert(const model::RefreshToken& t) override;
  Result<std::optional<model::RefreshToken>> find(std::string_view token_hash) override;
  // See consume_once() in storage/sql/consume.hpp.
  Result<model::Consumed<model::RefreshToken>> consume(std::string_view token_hash,
                                                       std::int64_t now) override;
  Result<void> remove(std::string_view token_hash) override;  // succeeds when absent

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
