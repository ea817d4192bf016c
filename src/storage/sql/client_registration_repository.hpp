#pragma once

#include "storage/client_registration_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlClientRegistrationRepository final : public ClientRegistrationRepository {
 public:
  explicit SqlClientRegistrationRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert_initial_token(const model::InitialAccessToken& token) override;
  Result<std::optional<model::InitialAccessToken>> spend_initial_token(std::string_view token_hash,
                                                                       std::int64_t now) override;
  Result<std::vector<model::InitialAccessToken>> list_initial_tokens() override;
  Result<void> remove_initial_token(std::string_view id) override;
  Result<void> insert(const model::ClientRegistration& r) override;
  Result<std::optional<model::ClientRegistration>> find(std::string_view client_id) override;
  Result<void> update(const model::ClientRegistration& r) override;
  Result<std::vector<std::string>> registered_among(const std::vector<std::string>& ids) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
