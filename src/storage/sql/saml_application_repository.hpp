#pragma once

#include "storage/saml_application_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlSamlApplicationRepository final : public SamlApplicationRepository {
 public:
  explicit SqlSamlApplicationRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert_config(const SamlAppConfig& config) override;
  Result<void> update_config(const SamlAppConfig& config) override;
  Result<std::optional<SamlAppConfig>> find_config(std::string_view application_id) override;
  Result<void> insert_secret(const SamlAppSecret& secret) override;
  Result<std::vector<SamlAppSecret>> list_secrets(std::string_view application_id) override;
  Result<std::optional<SamlAppSecret>> find_secret(std::string_view application_id,
                                                   std::string_view id) override;
  Result<std::optional<SamlAppSecret>> active_secret(std::string_view application_id) override;
  Result<void> set_secret_active(std::string_view application_id, std::string_view id,
                                 bool active) override;
  Result<void> remove_secret(std::string_view application_id, std::string_view id) override;
  Result<void> insert_session(const SamlAppSession& session) override;
  Result<std::optional<SamlAppSession>> find_session(std::string_view id) override;
  Result<bool> consume_session(std::string_view id) override;
  Result<void> purge_sessions(std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
