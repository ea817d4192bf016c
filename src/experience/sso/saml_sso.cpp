// The SAML side of SsoConnectors (Logto's SamlSsoConnector and
// routes/sso-connector/signing-key.ts): what the connector is as an SP, its metadata, and its
// signing keys.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"
#include "experience/sso/sso_connectors.hpp"
#include "saml/certificate.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;
namespace sso = connectors::sso;

std::string key_aad(std::string_view connector_id, std::string_view key_id) {
  return "sso-connector-signing-key:" + std::string(connector_id) + ":" + std::string(key_id);
}

std::int64_t millis(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Logto's signing key answer: never the private key.
json::object key_json(const storage::SamlSigningKeyRecord& key) {
  json::object out{{"id", key.id},
                   {"certificate", key.certificate},
                   {"active", key.active},
                   {"createdAt", key.created_at},
                   {"expiresAt", key.expires_at}};
  if (auto certificate = saml::Certificate::parse(key.certificate)) {
    std::string formatted = certificate->sha256_fingerprint();
    std::string unformatted = formatted;
    unformatted.erase(std::remove(unformatted.begin(), unformatted.end(), ':'), unformatted.end());
    out["fingerprints"] =
        json::object{{"sha256", {{"formatted", formatted}, {"unformatted", unformatted}}}};
  }
  return out;
}

Error connector_not_found() { return keyed_error(Errc::NotFound, "connector.not_found"); }

}  // namespace

bool SsoConnectors::is_saml(const SsoConnectorInfo& info) {
  return info.provider && info.provider->info().provider_type == "saml";
}

std::optional<storage::SamlSigningKeyRecord> SsoConnectors::active_key_record(
    std::string_view id) const {
  std::optional<storage::SamlSigningKeyRecord> active;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto keys = tx.saml_sso().signing_keys(id);
    if (!keys) return keys.error();
    for (auto& key : *keys) {
      if (key.active) active = std::move(key);
    }
    return ok();
  });
  if (!done) return std::nullopt;
  return active;
}

sso::SamlSp SsoConnectors::saml_sp(const SsoConnectorInfo& info) const {
  sso::SamlSp sp{sso::saml_sp_entity_id(endpoint_, info.record.id),
                 sso::saml_acs_url(endpoint_, info.record.id),
                 {}};
  auto record = active_key_record(info.record.id);
  if (!record) return sp;
  auto pem = secrets_.open(record->sealed_private_key, key_aad(info.record.id, record->id));
  if (!pem) return sp;
  if (auto key = saml::SigningKey::from_pem(*pem, record->certificate)) sp.signing_key = *key;
  return sp;
}

Result<SsoConnectorInfo> SsoConnectors::find_saml(std::string_view id) {
  auto info = find(id);
  if (!info) return info.error();
  if (!is_saml(*info)) return connector_not_found();
  return info;
}

Result<std::string> SsoConnectors::sp_metadata(std::string_view id) {
  auto info = find_saml(id);
  if (!info) return info.error();
  auto config = info->provider->validate(info->config);
  return sso::saml_sp_metadata(config ? *config : json::object{}, saml_sp(*info));
}

Result<json::array> SsoConnectors::signing_keys(std::string_view id) {
  auto info = find_saml(id);
  if (!info) return info.error();
  json::array out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto keys = tx.saml_sso().signing_keys(id);
    if (!keys) return keys.error();
    for (const auto& key : *keys) out.push_back(key_json(key));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<json::object> SsoConnectors::create_signing_key(std::string_view id, bool active) {
  auto info = find_saml(id);
  if (!info) return info.error();
  auto now = clock_.now();
  saml::SigningKey key = saml::generate_signing_key(
      {.common_name = "Latch SSO " + std::string(id), .not_before = now});
  storage::SamlSigningKeyRecord record{crypto::random_id(21),
                                       std::string(id),
                                       {},
                                       key.certificate().pem(),
                                       active,
                                       clock_.now_millis(),
                                       millis(key.certificate().not_after())};
  record.sealed_private_key = secrets_.seal(key.private_key_pem(), key_aad(id, record.id));
  auto done =
      store_.transact([&](storage::Tx& tx) { return tx.saml_sso().insert_signing_key(record); });
  if (!done) return done.error();
  return key_json(record);
}

Result<json::object> SsoConnectors::set_signing_key_active(std::string_view id,
                                                           std::string_view key_id, bool active) {
  auto info = find_saml(id);
  if (!info) return info.error();
  const auto* sign = info->config.if_contains("signAuthnRequest");
  const bool signing = sign && sign->is_bool() && sign->as_bool();
  std::optional<storage::SamlSigningKeyRecord> updated;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto keys = tx.saml_sso().signing_keys(id);
    if (!keys) return keys.error();
    auto it =
        std::find_if(keys->begin(), keys->end(), [&](const auto& k) { return k.id == key_id; });
    if (it == keys->end()) return keyed_error(Errc::NotFound, "entity.not_found", "signing key");
    if (it->active && !active && signing) {
      return keyed_error(Errc::InvalidRequest,
                         "single_sign_on.can_not_deactivate_signing_key_in_use");
    }
    if (it->active != active) {
      if (auto set = tx.saml_sso().set_signing_key_active(id, key_id, active); !set) return set;
    }
    updated = *it;
    updated->active = active;
    return ok();
  });
  if (!done) return done.error();
  return key_json(*updated);
}

Result<void> SsoConnectors::remove_signing_key(std::string_view id, std::string_view key_id) {
  auto info = find_saml(id);
  if (!info) return info.error();
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto keys = tx.saml_sso().signing_keys(id);
    if (!keys) return keys.error();
    auto it =
        std::find_if(keys->begin(), keys->end(), [&](const auto& k) { return k.id == key_id; });
    if (it == keys->end()) return keyed_error(Errc::NotFound, "entity.not_found", "signing key");
    if (it->active) {
      return keyed_error(Errc::InvalidRequest, "single_sign_on.can_not_delete_active_signing_key");
    }
    return tx.saml_sso().remove_signing_key(id, key_id);
  });
}

}  // namespace latch::experience

// ---- IdP-initiated SSO settings (Logto's routes/sso-connector/idp-initiated-auth-config.ts).
namespace latch::experience {
namespace {

namespace json = boost::json;

json::value text_or_null(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object config_json(const storage::IdpInitiatedAuthConfig& c) {
  boost::system::error_code ec;
  auto params = json::parse(c.auth_parameters_json, ec);
  return {{"tenantId", "default"},
          {"connectorId", c.connector_id},
          {"defaultApplicationId", c.default_application_id},
          {"redirectUri", text_or_null(c.redirect_uri)},
          {"authParameters", !ec && params.is_object() ? params : json::object{}},
          {"autoSendAuthorizationRequest", c.auto_send_authorization_request},
          {"clientIdpInitiatedAuthCallbackUri", text_or_null(c.client_callback_uri)},
          {"createdAt", c.created_at}};
}

Error invalid(std::string_view field, std::string why) {
  return with_field(
      keyed_error(Errc::InvalidRequest, "guard.invalid_input", std::string(field) + " " + why),
      std::string(field));
}

// The body's members, typed; unknown members refused.
Result<storage::IdpInitiatedAuthConfig> parse_config(std::string_view id, const json::object& b) {
  storage::IdpInitiatedAuthConfig c;
  c.connector_id = std::string(id);
  for (const auto& [key, value] : b) {
    if (key == "defaultApplicationId" || key == "redirectUri" ||
        key == "clientIdpInitiatedAuthCallbackUri") {
      if (value.is_null() && key != "defaultApplicationId") continue;
      if (!value.is_string()) return invalid(key, "must be a string");
      std::string text(value.as_string());
      if (key == "defaultApplicationId") c.default_application_id = text;
      if (key == "redirectUri") c.redirect_uri = text;
      if (key == "clientIdpInitiatedAuthCallbackUri") c.client_callback_uri = text;
    } else if (key == "autoSendAuthorizationRequest") {
      if (!value.is_bool()) return invalid(key, "must be true or false");
      c.auto_send_authorization_request = value.as_bool();
    } else if (key == "authParameters") {
      if (!value.is_object()) return invalid(key, "must be an object");
      for (const auto& [name, v] : value.as_object()) {
        if (!v.is_string())
          return invalid("authParameters." + std::string(name), "must be a string");
      }
      c.auth_parameters_json = json::serialize(value);
    } else {
      return invalid(key, "is not allowed");
    }
  }
  if (c.default_application_id.empty()) return invalid("defaultApplicationId", "is required");
  return c;
}

// Logto's createSsoConnectorIdpInitiatedAuthConfig checks against the application.
Result<void> check_application(storage::IdpInitiatedAuthConfig& c, const model::Application& app) {
  const bool traditional = app.type == model::AppType::Traditional && !app.is_third_party;
  if (c.auto_send_authorization_request) {
    if (!traditional) {
      return keyed_error(Errc::InvalidRequest,
                         "single_sign_on.idp_initiated_authentication_invalid_application_type");
    }
    if (c.redirect_uri.empty() && !app.redirect_uris.empty()) c.redirect_uri = app.redirect_uris[0];
    if (std::find(app.redirect_uris.begin(), app.redirect_uris.end(), c.redirect_uri) ==
        app.redirect_uris.end()) {
      return keyed_error(Errc::InvalidRequest,
                         "single_sign_on.idp_initiated_authentication_redirect_uri_not_registered");
    }
    return ok();
  }
  if (!traditional && app.type != model::AppType::Spa) {
    return keyed_error(Errc::InvalidRequest,
                       "single_sign_on.idp_initiated_authentication_invalid_application_type");
  }
  if (c.client_callback_uri.empty()) {
    return invalid("clientIdpInitiatedAuthCallbackUri", "is required");
  }
  return ok();
}

}  // namespace

Result<json::object> SsoConnectors::idp_initiated_config(std::string_view id) {
  auto info = find(id);
  if (!info) return info.error();
  std::optional<storage::IdpInitiatedAuthConfig> config;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.saml_sso().idp_initiated_config(id);
    if (!found) return found.error();
    config = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!config) return keyed_error(Errc::NotFound, "entity.not_found");
  return config_json(*config);
}

Result<json::object> SsoConnectors::put_idp_initiated_config(std::string_view id,
                                                             const json::object& body) {
  auto info = find(id);
  if (!info) return info.error();
  if (!is_saml(*info)) {
    return keyed_error(Errc::InvalidRequest,
                       "single_sign_on.idp_initiated_authentication_not_supported");
  }
  auto config = parse_config(id, body);
  if (!config) return config.error();
  config->created_at = clock_.now_millis();
  std::optional<storage::IdpInitiatedAuthConfig> saved;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = tx.applications().find(config->default_application_id);
    if (!app) return app.error();
    if (!*app) return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "application");
    if (auto checked = check_application(*config, **app); !checked) return checked;
    if (auto put = tx.saml_sso().put_idp_initiated_config(*config); !put) return put;
    auto found = tx.saml_sso().idp_initiated_config(id);
    if (!found) return found.error();
    saved = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  return config_json(saved ? *saved : *config);
}

Result<void> SsoConnectors::remove_idp_initiated_config(std::string_view id) {
  auto info = find(id);
  if (!info) return info.error();
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.saml_sso().remove_idp_initiated_config(id);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found");
    }
    return removed;
  });
}

}  // namespace latch::experience
