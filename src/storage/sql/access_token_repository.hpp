#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Opaque access tokens, stored by hash.
class SqlAccessTokenRepository final : public AccessTokenRepository {
 public:
  explicit SqlAccessTokenRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the grant, client or user does not exist; Conflict when the hash exists.
  Result<void> insert(const model::OpaqueAccessToken& t) override;
  Result<std::optional<model::OpaqueAccessToken>> find(std::string_view token_hash) override;
  Result<void> remove(std::string_view token_hash) override;  // succeeds when absent

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
