#include "management/saml_application_service.hpp"

#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "crypto/random.hpp"
#include "management/application_service.hpp"
#include "management/saml_app_rules.hpp"
#include "saml/certificate.hpp"
#include "saml/messages.hpp"
#include "saml/metadata.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

constexpr int kFirstSecretYears = 3;  // Logto's default lifetime of the first secret

Error not_found() { return keyed_error(Errc::NotFound, "entity.not_found"); }

Error saml_only() { return keyed_error(Errc::Conflict, "application.saml.saml_application_only"); }

Result<void> check_name(const std::optional<std::string>& name, bool required) {
  if (!name) {
    if (!required) return ok();
    return with_field(make_error(Errc::InvalidRequest, "name is required"), "name");
  }
  if (name->empty() || name->size() > 256) {
    return with_field(make_error(Errc::InvalidRequest, "name must be 1 to 256 characters"), "name");
  }
  return ok();
}

void apply_app(const SamlAppChange& change, model::Application& app) {
  if (change.name) app.name = *change.name;
  if (change.description) app.description = *change.description;
  if (change.custom_data) app.custom_data_json = json::serialize(*change.custom_data);
}

SamlSecretView view_of(storage::SamlAppSecret secret) {
  auto certificate = saml::Certificate::parse(secret.certificate);
  std::string fingerprint = certificate ? certificate->sha256_fingerprint() : std::string();
  return {std::move(secret), std::move(fingerprint)};
}

json::value json_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto parsed = parse_json(*text);
  return parsed ? *parsed : json::value(nullptr);
}

json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::value(*text);
}

}  // namespace

std::string saml_idp_entity_id(std::string_view endpoint, std::string_view id) {
  return std::string(endpoint) + "/saml/" + std::string(id);
}

std::string saml_sso_url(std::string_view endpoint, std::string_view id) {
  return std::string(endpoint) + "/api/saml/" + std::string(id) + "/authn";
}

std::string saml_callback_url(std::string_view endpoint, std::string_view id) {
  return std::string(endpoint) + "/api/saml-applications/" + std::string(id) + "/callback";
}

Result<SamlAppView> SamlApplicationService::load(storage::Tx& tx, const std::string& id) {
  auto app = tx.applications().find(id);
  if (!app) return app.error();
  if (!*app) return not_found();
  if ((*app)->type != model::AppType::Saml) return saml_only();
  auto config = tx.saml_applications().find_config(id);
  if (!config) return config.error();
  if (!*config) return not_found();
  return SamlAppView{std::move(**app), std::move(**config)};
}

Result<storage::SamlAppSecret> SamlApplicationService::new_secret(const std::string& id, int years,
                                                                  bool active) {
  auto now = clock_.now();
  auto key = saml::generate_signing_key({.common_name = "Latch",
                                         .not_before = now,
                                         .lifetime = std::chrono::hours(24 * 365) * years});
  storage::SamlAppSecret secret;
  secret.id = crypto::random_id(21);
  secret.application_id = id;
  secret.sealed_private_key = secrets_.seal(key.private_key_pem(), secret.id);
  secret.certificate = key.certificate().pem();
  secret.created_at = clock_.now_millis();
  secret.expires_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                          key.certificate().not_after().time_since_epoch())
                          .count();
  secret.active = active;
  return secret;
}

Result<SamlAppView> SamlApplicationService::create(const SamlAppChange& change) {
  if (auto r = check_name(change.name, true); !r) return r.error();
  SamlAppView view;
  view.app.id = crypto::random_id(21);
  view.app.type = model::AppType::Saml;
  apply_app(change, view.app);
  // The OIDC side: a confidential client without a secret (so nobody can authenticate as it),
  // whose only redirect URI is the app's callback (Logto's getSamlAppCallbackUrl).
  view.app.redirect_uris = {saml_callback_url(endpoint_, view.app.id)};
  view.app.created_at = clock_.now_millis();
  view.config.application_id = view.app.id;
  view.config.name_id_format = std::string(saml::uri::kNameIdPersistent);
  if (auto r = saml_rules::apply(change, view.config); !r) return r.error();
  auto secret = new_secret(view.app.id, kFirstSecretYears, true);
  if (!secret) return secret.error();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.applications().insert(view.app); !r) return r;
    if (auto r = tx.saml_applications().insert_config(view.config); !r) return r;
    return tx.saml_applications().insert_secret(*secret);
  });
  if (!done) return done.error();
  return view;
}

Result<SamlAppView> SamlApplicationService::get(const std::string& id) {
  std::optional<SamlAppView> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto view = load(tx, id);
    if (!view) return view.error();
    found = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*found);
}

Result<SamlAppView> SamlApplicationService::update(const std::string& id,
                                                   const SamlAppChange& change) {
  if (auto r = check_name(change.name, false); !r) return r.error();
  std::optional<SamlAppView> updated;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto view = load(tx, id);
    if (!view) return view.error();
    apply_app(change, view->app);
    if (auto r = saml_rules::apply(change, view->config); !r) return r;
    if (auto r = tx.applications().update(view->app); !r) return r;
    if (auto r = tx.saml_applications().update_config(view->config); !r) return r;
    updated = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*updated);
}

Result<void> SamlApplicationService::remove(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto view = load(tx, id); !view) return view.error();
    return tx.applications().remove(id);
  });
}

Result<SamlSecretView> SamlApplicationService::create_secret(const std::string& id, int years) {
  if (years < 1 || years > 100) {
    return with_field(make_error(Errc::InvalidRequest, "lifeSpanInYears must be 1 to 100"),
                      "lifeSpanInYears");
  }
  if (auto app = get(id); !app) return app.error();
  auto secret = new_secret(id, years, false);
  if (!secret) return secret.error();
  auto done = store_.transact(
      [&](storage::Tx& tx) { return tx.saml_applications().insert_secret(*secret); });
  if (!done) return done.error();
  return view_of(std::move(*secret));
}

Result<std::vector<SamlSecretView>> SamlApplicationService::list_secrets(const std::string& id) {
  std::vector<SamlSecretView> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto view = load(tx, id); !view) return view.error();
    auto secrets = tx.saml_applications().list_secrets(id);
    if (!secrets) return secrets.error();
    for (auto& s : *secrets) out.push_back(view_of(std::move(s)));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<SamlSecretView> SamlApplicationService::set_secret_active(const std::string& id,
                                                                 const std::string& secret_id,
                                                                 bool active) {
  std::optional<storage::SamlAppSecret> changed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto view = load(tx, id); !view) return view.error();
    auto secret = tx.saml_applications().find_secret(id, secret_id);
    if (!secret) return secret.error();
    if (!*secret) return not_found();
    if ((*secret)->active != active) {
      auto set = tx.saml_applications().set_secret_active(id, secret_id, active);
      if (!set) return set;
      (*secret)->active = active;
    }
    changed = std::move(**secret);
    return ok();
  });
  if (!done) return done.error();
  return view_of(std::move(*changed));
}

Result<void> SamlApplicationService::remove_secret(const std::string& id,
                                                   const std::string& secret_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto view = load(tx, id); !view) return view.error();
    auto secret = tx.saml_applications().find_secret(id, secret_id);
    if (!secret) return secret.error();
    if (!*secret) return not_found();
    if ((*secret)->active) {
      return keyed_error(Errc::InvalidRequest, "application.saml.can_not_delete_active_secret");
    }
    return tx.saml_applications().remove_secret(id, secret_id);
  });
}

Result<std::string> SamlApplicationService::metadata(const std::string& id) {
  std::optional<SamlAppView> view;
  std::optional<storage::SamlAppSecret> secret;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = load(tx, id);
    if (!found) return found.error();
    view = std::move(*found);
    auto active = tx.saml_applications().active_secret(id);
    if (!active) return active.error();
    secret = std::move(*active);
    return ok();
  });
  if (!done) return done.error();
  if (!secret) return keyed_error(Errc::NotFound, "application.saml.no_active_secret");
  auto certificate = saml::Certificate::parse(secret->certificate);
  if (!certificate) return certificate.error();
  std::string sso = saml_sso_url(endpoint_, id);
  return saml::build_idp_metadata(
      {.entity_id = saml_idp_entity_id(endpoint_, id),
       .sso_redirect_url = sso,
       .sso_post_url = sso,
       .signing_certificates = {*certificate},
       .name_id_formats = {view->config.name_id_format},
       .want_authn_requests_signed = view->config.sp_certificate.has_value()});
}

json::object to_json(const SamlAppView& view) {
  const auto& app = view.app;
  const auto& config = view.config;
  auto custom_data = parse_json(app.custom_data_json);
  auto mapping = parse_json(config.attribute_mapping_json);
  return json::object{
      {"id", app.id},
      {"name", app.name},
      {"description",
       app.description.empty() ? json::value(nullptr) : json::value(app.description)},
      {"type", model::app_type_name(app.type)},
      {"customData", custom_data ? *custom_data : json::object()},
      {"isThirdParty", false},
      {"appLevelAccessControlEnabled", false},
      {"createdAt", app.created_at},
      {"attributeMapping", mapping ? *mapping : json::object()},
      {"entityId", text_or_null(config.entity_id)},
      {"acsUrl", json_or_null(config.acs_url_json)},
      {"encryption", json_or_null(config.encryption_json)},
      {"nameIdFormat", config.name_id_format},
      {"spCertificate", text_or_null(config.sp_certificate)},
  };
}

json::object to_json(const SamlSecretView& view) {
  const auto& s = view.secret;
  std::string unformatted;
  for (char c : view.fingerprint) {
    if (c != ':') unformatted.push_back(c);
  }
  return json::object{
      {"id", s.id},
      {"certificate", s.certificate},
      {"createdAt", s.created_at},
      {"expiresAt", s.expires_at},
      {"active", s.active},
      {"fingerprints",
       {{"sha256", {{"formatted", view.fingerprint}, {"unformatted", unformatted}}}}},
  };
}

}  // namespace latch::management
