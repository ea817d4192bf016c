#pragma once

#include "storage/sql/connection.hpp"
#include "storage/sso_repositories.hpp"

namespace latch::storage::sql {

class SqlSsoConnectorRepository final : public SsoConnectorRepository {
 public:
  explicit SqlSsoConnectorRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const SsoConnectorRecord& record) override;
  Result<void> update(const SsoConnectorRecord& record) override;
  Result<std::optional<SsoConnectorRecord>> find(std::string_view id) override;
  Result<std::optional<SsoConnectorRecord>> find_by_name(std::string_view connector_name) override;
  Result<std::vector<SsoConnectorRecord>> list_all() override;
  Result<void> remove(std::string_view id) override;
  Result<std::vector<std::string>> jit_connector_ids(std::string_view organization_id) override;
  Result<std::vector<std::string>> jit_organization_ids(std::string_view connector_id) override;
  Result<void> add_jit(std::string_view organization_id,
                       const std::vector<std::string>& connector_ids) override;
  Result<void> replace_jit(std::string_view organization_id,
                           const std::vector<std::string>& connector_ids) override;
  Result<void> remove_jit(std::string_view organization_id, std::string_view connector_id) override;

 private:
  Connection& conn_;
};

class SqlUserSsoIdentityRepository final : public UserSsoIdentityRepository {
 public:
  explicit SqlUserSsoIdentityRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const UserSsoIdentity& identity) override;
  Result<std::optional<UserSsoIdentity>> find(std::string_view issuer,
                                              std::string_view identity_id) override;
  Result<std::vector<UserSsoIdentity>> list_for_user(std::string_view user_id) override;
  Result<void> update_detail(std::string_view id, std::string_view detail_json,
                             std::int64_t updated_at) override;
  Result<void> remove(std::string_view user_id, std::string_view connector_id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
