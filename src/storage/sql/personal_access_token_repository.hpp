#pragma once

#include "storage/personal_access_token_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Users' personal access tokens (the personal_access_tokens table, migration v28); a user's
// deletion removes them (ON DELETE CASCADE).
class SqlPersonalAccessTokenRepository final : public PersonalAccessTokenRepository {
 public:
  explicit SqlPersonalAccessTokenRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::PersonalAccessToken& token) override;
  Result<std::vector<model::PersonalAccessToken>> list(std::string_view user_id) override;
  Result<std::optional<model::PersonalAccessToken>> find_by_hash(
      std::string_view token_hash) override;
  Result<void> rename(std::string_view user_id, std::string_view name,
                      std::string_view new_name) override;
  Result<void> remove(std::string_view user_id, std::string_view name) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
