#include "storage/sql/sso_repositories.hpp"

#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kConnectorColumns =
    "SELECT id, provider_name, connector_name, sealed_config, domains, branding, sync_profile, "
    "enable_token_storage, created_at FROM sso_connectors";

SsoConnectorRecord read_connector(const Row& s) {
  return SsoConnectorRecord{s.text(0), s.text(1),       s.text(2),       s.text(3), s.text(4),
                            s.text(5), s.int64(6) != 0, s.int64(7) != 0, s.int64(8)};
}

constexpr Relation kJit{"organization_jit_sso_connectors", "organization_id", "sso_connector_id"};

const std::string kIdentityColumns =
    "SELECT id, user_id, issuer, identity_id, detail, sso_connector_id, created_at, updated_at "
    "FROM user_sso_identities";

UserSsoIdentity read_identity(const Row& s) {
  return UserSsoIdentity{s.text(0), s.text(1), s.text(2),  s.text(3),
                         s.text(4), s.text(5), s.int64(6), s.int64(7)};
}

std::string first_text(const Row& row) { return row.text(0); }

}  // namespace

Result<void> SqlSsoConnectorRepository::insert(const SsoConnectorRecord& r) {
  return run(
      conn_,
      "INSERT INTO sso_connectors (id, provider_name, connector_name, sealed_config, "
      "domains, branding, sync_profile, enable_token_storage, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.provider_name, r.connector_name, r.sealed_config, r.domains_json, r.branding_json,
       std::int64_t{r.sync_profile}, std::int64_t{r.enable_token_storage}, r.created_at});
}

Result<void> SqlSsoConnectorRepository::update(const SsoConnectorRecord& r) {
  return execute_one(conn_,
                     "UPDATE sso_connectors SET connector_name = ?, sealed_config = ?, "
                     "domains = ?, branding = ?, sync_profile = ?, enable_token_storage = ? "
                     "WHERE id = ?",
                     {r.connector_name, r.sealed_config, r.domains_json, r.branding_json,
                      std::int64_t{r.sync_profile}, std::int64_t{r.enable_token_storage}, r.id},
                     "SSO connector");
}

Result<std::optional<SsoConnectorRecord>> SqlSsoConnectorRepository::find(std::string_view id) {
  return query_one<SsoConnectorRecord>(conn_, kConnectorColumns + " WHERE id = ?", {id},
                                       read_connector);
}

Result<std::optional<SsoConnectorRecord>> SqlSsoConnectorRepository::find_by_name(
    std::string_view connector_name) {
  return query_one<SsoConnectorRecord>(conn_, kConnectorColumns + " WHERE connector_name = ?",
                                       {connector_name}, read_connector);
}

Result<std::vector<SsoConnectorRecord>> SqlSsoConnectorRepository::list_all() {
  return query_all<SsoConnectorRecord>(conn_, kConnectorColumns + " ORDER BY created_at, id", {},
                                       read_connector);
}

Result<void> SqlSsoConnectorRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM sso_connectors WHERE id = ?", {id}, "SSO connector");
}

Result<std::vector<std::string>> SqlSsoConnectorRepository::jit_connector_ids(
    std::string_view organization_id) {
  return query_all<std::string>(conn_,
                                "SELECT c.id FROM organization_jit_sso_connectors j "
                                "JOIN sso_connectors c ON c.id = j.sso_connector_id "
                                "WHERE j.organization_id = ? ORDER BY c.created_at, c.id",
                                {organization_id}, first_text);
}

Result<std::vector<std::string>> SqlSsoConnectorRepository::jit_organization_ids(
    std::string_view connector_id) {
  return query_all<std::string>(conn_,
                                "SELECT organization_id FROM organization_jit_sso_connectors "
                                "WHERE sso_connector_id = ? ORDER BY organization_id",
                                {connector_id}, first_text);
}

Result<void> SqlSsoConnectorRepository::add_jit(std::string_view organization_id,
                                                const std::vector<std::string>& connector_ids) {
  if (auto found = require_row(conn_, "organizations", organization_id, "organization"); !found) {
    return found;
  }
  return add_relations(conn_, kJit, organization_id, connector_ids);
}

Result<void> SqlSsoConnectorRepository::replace_jit(std::string_view organization_id,
                                                    const std::vector<std::string>& connector_ids) {
  if (auto found = require_row(conn_, "organizations", organization_id, "organization"); !found) {
    return found;
  }
  return replace_relations(conn_, kJit, organization_id, connector_ids);
}

Result<void> SqlSsoConnectorRepository::remove_jit(std::string_view organization_id,
                                                   std::string_view connector_id) {
  return remove_relation(conn_, kJit, organization_id, connector_id, "JIT SSO connector");
}

Result<void> SqlUserSsoIdentityRepository::insert(const UserSsoIdentity& i) {
  return run(conn_,
             "INSERT INTO user_sso_identities (id, user_id, issuer, identity_id, detail, "
             "sso_connector_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {i.id, i.user_id, i.issuer, i.identity_id, i.detail_json, i.sso_connector_id,
              i.created_at, i.updated_at});
}

Result<std::optional<UserSsoIdentity>> SqlUserSsoIdentityRepository::find(
    std::string_view issuer, std::string_view identity_id) {
  return query_one<UserSsoIdentity>(conn_,
                                    kIdentityColumns + " WHERE issuer = ? AND identity_id = ?",
                                    {issuer, identity_id}, read_identity);
}

Result<std::vector<UserSsoIdentity>> SqlUserSsoIdentityRepository::list_for_user(
    std::string_view user_id) {
  return query_all<UserSsoIdentity>(conn_,
                                    kIdentityColumns + " WHERE user_id = ? ORDER BY created_at, id",
                                    {user_id}, read_identity);
}

Result<void> SqlUserSsoIdentityRepository::update_detail(std::string_view id,
                                                         std::string_view detail_json,
                                                         std::int64_t updated_at) {
  return execute_one(conn_,
                     "UPDATE user_sso_identities SET detail = ?, updated_at = ? WHERE id = ?",
                     {detail_json, updated_at, id}, "SSO identity");
}

Result<void> SqlUserSsoIdentityRepository::remove(std::string_view user_id,
                                                  std::string_view connector_id) {
  auto removed = execute(conn_,
                         "DELETE FROM user_sso_identities WHERE user_id = ? AND "
                         "sso_connector_id = ?",
                         {user_id, connector_id});
  if (!removed) return removed.error();
  if (*removed == 0) return make_error(Errc::NotFound, "SSO identity not found");
  return ok();
}

}  // namespace latch::storage::sql
