#pragma once

#include "storage/jwt_customizer_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlJwtCustomizerRepository final : public JwtCustomizerRepository {
 public:
  explicit SqlJwtCustomizerRepository(Connection& conn) : conn_(conn) {}
  Result<std::optional<StoredJwtCustomizer>> find(std::string_view token_type) override;
  Result<std::vector<StoredJwtCustomizer>> list() override;
  Result<void> put(const StoredJwtCustomizer& customizer) override;
  Result<void> remove(std::string_view token_type) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
