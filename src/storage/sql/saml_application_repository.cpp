#include "storage/sql/saml_application_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kConfigColumns =
    "SELECT application_id, attribute_mapping, entity_id, acs_url, encryption, name_id_format, "
    "sp_certificate FROM saml_application_configs";

SamlAppConfig read_config(const Row& s) {
  return SamlAppConfig{s.text(0),          s.text(1), s.optional_text(2), s.optional_text(3),
                       s.optional_text(4), s.text(5), s.optional_text(6)};
}

const std::string kSecretColumns =
    "SELECT id, application_id, sealed_private_key, certificate, created_at, expires_at, active "
    "FROM saml_application_secrets";

SamlAppSecret read_secret(const Row& s) {
  return SamlAppSecret{s.text(0),  s.text(1),  s.text(2),   s.text(3),
                       s.int64(4), s.int64(5), s.boolean(6)};
}

const std::string kSessionColumns =
    "SELECT id, application_id, saml_request_id, oidc_state, code_verifier, relay_state, "
    "acs_url, created_at, expires_at FROM saml_application_sessions";

SamlAppSession read_session(const Row& s) {
  return SamlAppSession{s.text(0),          s.text(1),  s.optional_text(2),
                        s.optional_text(3), s.text(4),  s.optional_text(5),
                        s.text(6),          s.int64(7), s.int64(8)};
}

}  // namespace

Result<void> SqlSamlApplicationRepository::insert_config(const SamlAppConfig& c) {
  return run(
      conn_,
      "INSERT INTO saml_application_configs (application_id, attribute_mapping, entity_id, "
      "acs_url, encryption, name_id_format, sp_certificate) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {c.application_id, c.attribute_mapping_json, nullable(c.entity_id), nullable(c.acs_url_json),
       nullable(c.encryption_json), c.name_id_format, nullable(c.sp_certificate)});
}

Result<void> SqlSamlApplicationRepository::update_config(const SamlAppConfig& c) {
  return execute_one(
      conn_,
      "UPDATE saml_application_configs SET attribute_mapping = ?, entity_id = ?, "
      "acs_url = ?, encryption = ?, name_id_format = ?, sp_certificate = ? "
      "WHERE application_id = ?",
      {c.attribute_mapping_json, nullable(c.entity_id), nullable(c.acs_url_json),
       nullable(c.encryption_json), c.name_id_format, nullable(c.sp_certificate), c.application_id},
      "SAML application config");
}

Result<std::optional<SamlAppConfig>> SqlSamlApplicationRepository::find_config(
    std::string_view application_id) {
  return query_one<SamlAppConfig>(conn_, kConfigColumns + " WHERE application_id = ?",
                                  {application_id}, read_config);
}

Result<void> SqlSamlApplicationRepository::insert_secret(const SamlAppSecret& s) {
  if (s.active) {
    auto cleared =
        run(conn_, "UPDATE saml_application_secrets SET active = 0 WHERE application_id = ?",
            {s.application_id});
    if (!cleared) return cleared;
  }
  return run(conn_,
             "INSERT INTO saml_application_secrets (id, application_id, sealed_private_key, "
             "certificate, created_at, expires_at, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {s.id, s.application_id, s.sealed_private_key, s.certificate, s.created_at,
              s.expires_at, std::int64_t{s.active}});
}

Result<std::vector<SamlAppSecret>> SqlSamlApplicationRepository::list_secrets(
    std::string_view application_id) {
  return query_all<SamlAppSecret>(
      conn_, kSecretColumns + " WHERE application_id = ? ORDER BY created_at, id", {application_id},
      read_secret);
}

Result<std::optional<SamlAppSecret>> SqlSamlApplicationRepository::find_secret(
    std::string_view application_id, std::string_view id) {
  return query_one<SamlAppSecret>(conn_, kSecretColumns + " WHERE application_id = ? AND id = ?",
                                  {application_id, id}, read_secret);
}

Result<std::optional<SamlAppSecret>> SqlSamlApplicationRepository::active_secret(
    std::string_view application_id) {
  return query_one<SamlAppSecret>(conn_,
                                  kSecretColumns + " WHERE application_id = ? AND active = 1",
                                  {application_id}, read_secret);
}

Result<void> SqlSamlApplicationRepository::set_secret_active(std::string_view application_id,
                                                             std::string_view id, bool active) {
  if (active) {
    auto cleared = run(conn_,
                       "UPDATE saml_application_secrets SET active = 0 WHERE application_id = ? "
                       "AND id <> ?",
                       {application_id, id});
    if (!cleared) return cleared;
  }
  return execute_one(
      conn_, "UPDATE saml_application_secrets SET active = ? WHERE application_id = ? AND id = ?",
      {std::int64_t{active}, application_id, id}, "SAML application secret");
}

Result<void> SqlSamlApplicationRepository::remove_secret(std::string_view application_id,
                                                         std::string_view id) {
  return execute_one(conn_,
                     "DELETE FROM saml_application_secrets WHERE application_id = ? AND id = ?",
                     {application_id, id}, "SAML application secret");
}

Result<void> SqlSamlApplicationRepository::insert_session(const SamlAppSession& s) {
  return run(conn_,
             "INSERT INTO saml_application_sessions (id, application_id, saml_request_id, "
             "oidc_state, code_verifier, relay_state, acs_url, created_at, expires_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {s.id, s.application_id, nullable(s.saml_request_id), nullable(s.oidc_state),
              s.code_verifier, nullable(s.relay_state), s.acs_url, s.created_at, s.expires_at});
}

Result<std::optional<SamlAppSession>> SqlSamlApplicationRepository::find_session(
    std::string_view id) {
  return query_one<SamlAppSession>(conn_, kSessionColumns + " WHERE id = ?", {id}, read_session);
}

Result<bool> SqlSamlApplicationRepository::consume_session(std::string_view id) {
  auto changed = execute(conn_,
                         "UPDATE saml_application_sessions SET oidc_state = NULL "
                         "WHERE id = ? AND oidc_state IS NOT NULL",
                         {id});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<void> SqlSamlApplicationRepository::purge_sessions(std::int64_t now) {
  return run(conn_, "DELETE FROM saml_application_sessions WHERE expires_at <= ?", {now});
}

}  // namespace latch::storage::sql
