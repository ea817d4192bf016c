#include "storage/sql/saml_sso_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kRelayColumns =
    "SELECT relay_state, sso_connector_id, redirect_uri, state, response, expires_at "
    "FROM saml_sso_relays";

SamlRelay read_relay(const Row& s) {
  return SamlRelay{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5)};
}

const std::string kKeyColumns =
    "SELECT id, sso_connector_id, sealed_private_key, certificate, active, created_at, expires_at "
    "FROM saml_sso_connector_signing_keys";

SamlSigningKeyRecord read_key(const Row& s) {
  return SamlSigningKeyRecord{s.text(0),       s.text(1),  s.text(2), s.text(3),
                              s.int64(4) != 0, s.int64(5), s.int64(6)};
}

const std::string kConfigColumns =
    "SELECT sso_connector_id, default_application_id, redirect_uri, auth_parameters, "
    "auto_send_authorization_request, client_idp_initiated_auth_callback_uri, created_at "
    "FROM sso_connector_idp_initiated_auth_configs";

IdpInitiatedAuthConfig read_config(const Row& s) {
  return IdpInitiatedAuthConfig{s.text(0),       s.text(1), s.text(2), s.text(3),
                                s.int64(4) != 0, s.text(5), s.int64(6)};
}

IdpInitiatedSession read_session(const Row& s) {
  return IdpInitiatedSession{s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4)};
}

}  // namespace

Result<void> SqlSamlSsoRepository::insert_relay(const SamlRelay& r) {
  return run(conn_,
             "INSERT INTO saml_sso_relays (relay_state, sso_connector_id, redirect_uri, state, "
             "response, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
             {r.relay_state, r.connector_id, r.redirect_uri, r.state, r.response, r.expires_at});
}

Result<std::optional<SamlRelay>> SqlSamlSsoRepository::find_relay(std::string_view relay_state,
                                                                  std::string_view connector_id,
                                                                  std::int64_t now) {
  return query_one<SamlRelay>(
      conn_, kRelayColumns + " WHERE relay_state = ? AND sso_connector_id = ? AND expires_at > ?",
      {relay_state, connector_id, now}, read_relay);
}

Result<std::optional<SamlRelay>> SqlSamlSsoRepository::attach_response(
    std::string_view relay_state, std::string_view connector_id, std::string_view response,
    std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE saml_sso_relays SET response = ? WHERE relay_state = ? AND "
                         "sso_connector_id = ? AND response = '' AND expires_at > ?",
                         {response, relay_state, connector_id, now});
  if (!changed) return changed.error();
  if (*changed == 0) return std::optional<SamlRelay>{};
  return find_relay(relay_state, connector_id, now);
}

Result<std::optional<SamlRelay>> SqlSamlSsoRepository::take_relay(std::string_view relay_state,
                                                                  std::string_view connector_id,
                                                                  std::int64_t now) {
  auto found = find_relay(relay_state, connector_id, now);
  if (!found || !*found) return found;
  auto removed = execute(conn_, "DELETE FROM saml_sso_relays WHERE relay_state = ?", {relay_state});
  if (!removed) return removed.error();
  if (*removed == 0) return std::optional<SamlRelay>{};  // another node took it first
  return found;
}

Result<bool> SqlSamlSsoRepository::record_assertion(std::string_view connector_id,
                                                    std::string_view assertion_id,
                                                    std::int64_t expires_at) {
  auto added = execute(conn_,
                       "INSERT INTO saml_sso_assertions (sso_connector_id, assertion_id, "
                       "expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       {connector_id, assertion_id, expires_at});
  if (!added) return added.error();
  return *added == 1;
}

Result<void> SqlSamlSsoRepository::purge_expired(std::int64_t now) {
  for (std::string_view table :
       {"saml_sso_relays", "saml_sso_assertions", "idp_initiated_saml_sso_sessions"}) {
    std::string sql = "DELETE FROM " + std::string(table) + " WHERE expires_at <= ?";
    if (auto purged = run(conn_, sql, {now}); !purged) return purged;
  }
  return ok();
}

Result<std::vector<SamlSigningKeyRecord>> SqlSamlSsoRepository::signing_keys(
    std::string_view connector_id) {
  return query_all<SamlSigningKeyRecord>(
      conn_, kKeyColumns + " WHERE sso_connector_id = ? ORDER BY created_at, id", {connector_id},
      read_key);
}

Result<void> SqlSamlSsoRepository::insert_signing_key(const SamlSigningKeyRecord& k) {
  if (k.active) {
    if (auto off = run(conn_,
                       "UPDATE saml_sso_connector_signing_keys SET active = 0 "
                       "WHERE sso_connector_id = ?",
                       {k.connector_id});
        !off) {
      return off;
    }
  }
  return run(conn_,
             "INSERT INTO saml_sso_connector_signing_keys (id, sso_connector_id, "
             "sealed_private_key, certificate, active, created_at, expires_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             {k.id, k.connector_id, k.sealed_private_key, k.certificate, std::int64_t{k.active},
              k.created_at, k.expires_at});
}

Result<void> SqlSamlSsoRepository::set_signing_key_active(std::string_view connector_id,
                                                          std::string_view id, bool active) {
  if (active) {
    if (auto off = run(conn_,
                       "UPDATE saml_sso_connector_signing_keys SET active = 0 "
                       "WHERE sso_connector_id = ? AND id <> ?",
                       {connector_id, id});
        !off) {
      return off;
    }
  }
  return execute_one(conn_,
                     "UPDATE saml_sso_connector_signing_keys SET active = ? "
                     "WHERE sso_connector_id = ? AND id = ?",
                     {std::int64_t{active}, connector_id, id}, "signing key");
}

Result<void> SqlSamlSsoRepository::remove_signing_key(std::string_view connector_id,
                                                      std::string_view id) {
  return execute_one(conn_,
                     "DELETE FROM saml_sso_connector_signing_keys WHERE sso_connector_id = ? AND "
                     "id = ?",
                     {connector_id, id}, "signing key");
}

Result<std::optional<IdpInitiatedAuthConfig>> SqlSamlSsoRepository::idp_initiated_config(
    std::string_view connector_id) {
  return query_one<IdpInitiatedAuthConfig>(conn_, kConfigColumns + " WHERE sso_connector_id = ?",
                                           {connector_id}, read_config);
}

Result<void> SqlSamlSsoRepository::put_idp_initiated_config(const IdpInitiatedAuthConfig& c) {
  return run(
      conn_,
      "INSERT INTO sso_connector_idp_initiated_auth_configs (sso_connector_id, "
      "default_application_id, redirect_uri, auth_parameters, "
      "auto_send_authorization_request, client_idp_initiated_auth_callback_uri, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sso_connector_id) DO UPDATE "
      "SET default_application_id = excluded.default_application_id, "
      "redirect_uri = excluded.redirect_uri, auth_parameters = excluded.auth_parameters, "
      "auto_send_authorization_request = excluded.auto_send_authorization_request, "
      "client_idp_initiated_auth_callback_uri = "
      "excluded.client_idp_initiated_auth_callback_uri",
      {c.connector_id, c.default_application_id, c.redirect_uri, c.auth_parameters_json,
       std::int64_t{c.auto_send_authorization_request}, c.client_callback_uri, c.created_at});
}

Result<void> SqlSamlSsoRepository::remove_idp_initiated_config(std::string_view connector_id) {
  return execute_one(conn_,
                     "DELETE FROM sso_connector_idp_initiated_auth_configs "
                     "WHERE sso_connector_id = ?",
                     {connector_id}, "IdP-initiated auth config");
}

Result<void> SqlSamlSsoRepository::insert_idp_initiated_session(const IdpInitiatedSession& s) {
  return run(conn_,
             "INSERT INTO idp_initiated_saml_sso_sessions (id, sso_connector_id, "
             "assertion_content, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
             {s.id, s.connector_id, s.assertion_json, s.created_at, s.expires_at});
}

Result<std::optional<IdpInitiatedSession>> SqlSamlSsoRepository::take_idp_initiated_session(
    std::string_view id, std::int64_t now) {
  auto found = query_one<IdpInitiatedSession>(
      conn_,
      "SELECT id, sso_connector_id, assertion_content, created_at, expires_at FROM "
      "idp_initiated_saml_sso_sessions WHERE id = ? AND expires_at > ?",
      {id, now}, read_session);
  if (!found || !*found) return found;
  auto removed = execute(conn_, "DELETE FROM idp_initiated_saml_sso_sessions WHERE id = ?", {id});
  if (!removed) return removed.error();
  if (*removed == 0) return std::optional<IdpInitiatedSession>{};
  return found;
}

}  // namespace latch::storage::sql
