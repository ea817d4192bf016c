#include "experience/sso/sso_connectors.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;
namespace sso = connectors::sso;

// Logto's singleSignOnDomainBlackList: public email services, which no enterprise owns.
constexpr std::array<std::string_view, 19> kPublicDomains{
    "gmail.com",  "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "icloud.com", "aol.com",   "yandex.com",  "mail.com",    "protonmail.com",
    "yanex.com",  "gmx.com",   "mail.ru",     "zoho.com",    "qq.com",
    "163.com",    "126.com",   "sina.com",    "sohu.com"};

Error not_found() { return keyed_error(Errc::NotFound, "connector.not_found"); }

std::string aad(std::string_view id) { return "sso-connector:" + std::string(id); }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::value parsed_or(const std::string& text, json::value fallback) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? fallback : v;
}

// Logto's findDuplicatedOrBlockedEmailDomains, over lower-cased domains.
Result<std::vector<std::string>> checked_domains(const std::vector<std::string>& given) {
  std::vector<std::string> out, duplicated, forbidden;
  for (const auto& raw : given) {
    std::string domain = lower(raw);
    if (std::find(kPublicDomains.begin(), kPublicDomains.end(), domain) != kPublicDomains.end()) {
      forbidden.push_back(domain);
    }
    if (std::find(out.begin(), out.end(), domain) != out.end()) {
      duplicated.push_back(domain);
    } else {
      out.push_back(domain);
    }
  }
  auto refuse = [](std::string_view key, const std::vector<std::string>& domains) {
    std::string list;
    for (const auto& d : domains) list += (list.empty() ? "" : ", ") + d;
    return with_field(keyed_error(Errc::Conflict, key, list), "domains");
  };
  if (!forbidden.empty()) return refuse("single_sign_on.forbidden_domains", forbidden);
  if (!duplicated.empty()) return refuse("single_sign_on.duplicated_domains", duplicated);
  return out;
}

// Logto's SsoBranding: displayName, logo, darkLogo, each a string; other members dropped.
Result<json::object> checked_branding(const json::object& given) {
  json::object out;
  for (std::string_view key : {"displayName", "logo", "darkLogo"}) {
    const auto* v = given.if_contains(key);
    if (!v || v->is_null()) continue;
    if (!v->is_string() || v->as_string().size() > 4096) {
      return with_field(
          make_error(Errc::InvalidRequest, "branding." + std::string(key) + " must be a string"),
          "branding." + std::string(key));
    }
    out[key] = *v;
  }
  return out;
}

}  // namespace

std::string email_domain(std::string_view email) {
  auto at = email.rfind('@');
  if (at == std::string_view::npos || at + 1 == email.size()) return {};
  return lower(email.substr(at + 1));
}

std::string sso_callback_uri(std::string_view endpoint, std::string_view connector_id) {
  return std::string(endpoint) + "/callback/sso/" + std::string(connector_id);
}

std::string svg_data_uri(std::string_view svg) {
  return "data:image/svg+xml;base64," + crypto::base64_encode(svg);
}

Result<SsoConnectorInfo> SsoConnectors::open(storage::SsoConnectorRecord record) const {
  SsoConnectorInfo info;
  info.provider = sso::find_sso_provider(record.provider_name);
  if (!info.provider) {
    return keyed_error(
        Errc::NotFound, "connector.not_found",
        "SSO connector " + record.id + " has unknown provider " + record.provider_name);
  }
  auto text = secrets_.open(record.sealed_config, aad(record.id));
  if (!text) {
    return keyed_error(Errc::Unavailable, "connector.invalid_config",
                       "cannot open the configuration of SSO connector " + record.id);
  }
  auto config = parsed_or(*text, json::object{});
  if (config.is_object()) info.config = std::move(config.as_object());
  auto domains = parsed_or(record.domains_json, json::array{});
  if (domains.is_array()) {
    for (const auto& d : domains.as_array()) {
      if (d.is_string()) info.domains.emplace_back(d.as_string());
    }
  }
  auto branding = parsed_or(record.branding_json, json::object{});
  if (branding.is_object()) info.branding = std::move(branding.as_object());
  info.record = std::move(record);
  return info;
}

// Validates `change` for `info` (its provider set) and applies it to info and info.record.
Result<void> SsoConnectors::check_and_apply(SsoConnectorInfo& info,
                                            const SsoConnectorChange& change) const {
  if (change.domains) {
    auto domains = checked_domains(*change.domains);
    if (!domains) return domains.error();
    info.domains = std::move(*domains);
    info.record.domains_json = json::serialize(strings(info.domains));
  }
  if (change.enable_token_storage.value_or(false)) {
    return keyed_error(Errc::Conflict, "request.feature_not_supported",
                       "token storage needs a secret vault, which Latch does not have");
  }
  if (change.config) {
    auto config = info.provider->validate(*change.config);
    if (!config) return config.error();
    const auto* sign = config->if_contains("signAuthnRequest");
    if (sign && sign->is_bool() && sign->as_bool() &&
        (info.record.id.empty() || !active_key_record(info.record.id))) {
      return keyed_error(Errc::InvalidRequest, "single_sign_on.active_signing_key_required");
    }
    if (is_saml(info)) {
      // The IdP's metadata must load and parse (a metadata URL is fetched).
      auto idp = connectors::sso::saml_idp_metadata(*config, env());
      if (!idp) {
        return keyed_error(Errc::InvalidRequest, "connector.invalid_config",
                           "the IdP's SAML metadata cannot be read: " + idp.error().detail);
      }
    }
    if (info.provider->info().provider_type == "oidc") {
      auto reached = info.provider->provider_config(*config, env());
      if (!reached) {
        return keyed_error(Errc::InvalidRequest, "connector.invalid_config",
                           "the IdP's configuration cannot be fetched: " +
                               reached.error().description + " " + reached.error().detail);
      }
    }
    info.config = std::move(*config);
  }
  if (change.branding) {
    auto branding = checked_branding(*change.branding);
    if (!branding) return branding.error();
    info.branding = std::move(*branding);
    info.record.branding_json = json::serialize(info.branding);
  }
  if (change.connector_name) info.record.connector_name = *change.connector_name;
  if (change.sync_profile) info.record.sync_profile = *change.sync_profile;
  if (change.enable_token_storage) info.record.enable_token_storage = false;
  info.record.sealed_config = secrets_.seal(json::serialize(info.config), aad(info.record.id));
  return ok();
}

Result<SsoConnectorInfo> SsoConnectors::create(const SsoConnectorChange& change) {
  SsoConnectorInfo info;
  info.provider = sso::find_sso_provider(change.provider_name);
  if (!info.provider) {
    return with_field(keyed_error(Errc::Conflict, "connector.not_found",
                                  "no SSO provider " + change.provider_name),
                      "providerName");
  }
  info.record.id = crypto::random_id(12);
  info.record.provider_name = change.provider_name;
  info.record.created_at = clock_.now_millis();
  if (auto applied = check_and_apply(info, change); !applied) return applied.error();
  auto done =
      store_.transact([&](storage::Tx& tx) { return tx.sso_connectors().insert(info.record); });
  if (!done) return done.error();
  return info;
}

Result<SsoConnectorInfo> SsoConnectors::update(std::string_view id,
                                               const SsoConnectorChange& change) {
  auto info = find(id);
  if (!info) return info.error();
  // The IdP is asked outside the transaction; the write then replaces the row.
  if (auto applied = check_and_apply(*info, change); !applied) return applied.error();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto saved = tx.sso_connectors().update(info->record);
    if (!saved && saved.error().code == Errc::NotFound) return not_found();
    return saved;
  });
  if (!done) return done.error();
  return info;
}

Result<void> SsoConnectors::remove(std::string_view id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.sso_connectors().remove(id);
    if (!removed && removed.error().code == Errc::NotFound) return not_found();
    return removed;
  });
}

Result<SsoConnectorInfo> SsoConnectors::find(std::string_view id) {
  std::optional<storage::SsoConnectorRecord> record;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.sso_connectors().find(id);
    if (!found) return found.error();
    record = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!record) return not_found();
  return open(std::move(*record));
}

Result<std::vector<SsoConnectorInfo>> SsoConnectors::list() {
  std::vector<storage::SsoConnectorRecord> records;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.sso_connectors().list_all();
    if (!all) return all.error();
    records = std::move(*all);
    return ok();
  });
  if (!done) return done.error();
  std::vector<SsoConnectorInfo> out;
  for (auto& record : records) {
    auto info = open(std::move(record));
    if (info) out.push_back(std::move(*info));  // a provider this build lacks is left out
  }
  return out;
}

Result<std::vector<SsoConnectorInfo>> SsoConnectors::usable() {
  auto all = list();
  if (!all) return all.error();
  std::vector<SsoConnectorInfo> out;
  for (auto& info : *all) {
    if (!info.domains.empty() && info.provider->validate(info.config)) {
      out.push_back(std::move(info));
    }
  }
  return out;
}

Result<std::vector<SsoConnectorInfo>> SsoConnectors::for_email(std::string_view email) {
  std::string domain = email_domain(email);
  std::vector<SsoConnectorInfo> out;
  if (domain.empty()) return out;
  auto all = usable();
  if (!all) return all.error();
  for (auto& info : *all) {
    if (std::find(info.domains.begin(), info.domains.end(), domain) != info.domains.end()) {
      out.push_back(std::move(info));
    }
  }
  return out;
}

Result<bool> SsoConnectors::is_sso_email(std::string_view email) {
  auto found = for_email(email);
  if (!found) return found.error();
  return !found->empty();
}

std::optional<json::object> SsoConnectors::provider_config(const SsoConnectorInfo& info) const {
  auto config = info.provider->validate(info.config);
  if (is_saml(info)) {
    // Logto's SamlMetadata: the SP's side is always known, the IdP's when it can be read; plus
    // serviceProvider.metadataUrl, Latch's anonymous SP metadata (saml_acs_routes.cpp).
    auto out = connectors::sso::saml_provider_config(config ? *config : json::object{}, env(),
                                                     saml_sp(info));
    out["serviceProvider"].as_object()["metadataUrl"] =
        endpoint_ + "/api/sso-connectors/" + info.record.id + "/metadata";
    return out;
  }
  if (!config) return std::nullopt;
  auto published = info.provider->provider_config(*config, env());
  if (!published) return std::nullopt;
  return std::move(*published);
}

std::unique_ptr<connectors::sso::SsoConnector> SsoConnectors::build(
    const SsoConnectorInfo& info) const {
  auto config = info.provider->validate(info.config);
  if (!config) return nullptr;
  if (is_saml(info)) return connectors::sso::make_saml_connector(*config, env(), saml_sp(info));
  return info.provider->create(*config, env());
}

json::object sso_connector_json(const SsoConnectorInfo& info, std::string_view endpoint) {
  return {{"tenantId", "default"},
          {"id", info.record.id},
          {"providerName", info.record.provider_name},
          {"connectorName", info.record.connector_name},
          {"config", info.config},
          {"domains", strings(info.domains)},
          {"branding", info.branding},
          {"syncProfile", info.record.sync_profile},
          {"enableTokenStorage", info.record.enable_token_storage},
          {"createdAt", info.record.created_at},
          {"redirectUri", sso_callback_uri(endpoint, info.record.id)}};
}

json::object sso_connector_details_json(const SsoConnectorInfo& info, std::string_view endpoint,
                                        const std::optional<json::object>& config) {
  json::object out = sso_connector_json(info, endpoint);
  const auto& p = info.provider->info();
  out["name"] = p.name;
  out["providerType"] = p.provider_type;
  out["providerLogo"] = svg_data_uri(p.logo_svg);
  out["providerLogoDark"] = svg_data_uri(p.logo_dark_svg);
  if (config) out["providerConfig"] = *config;
  return out;
}

json::object sso_connector_metadata_json(const SsoConnectorInfo& info) {
  std::string name = json_text(info.branding, "displayName");
  std::string logo = json_text(info.branding, "logo");
  json::object out{{"id", info.record.id},
                   {"connectorName", name.empty() ? info.record.connector_name : name},
                   {"logo", logo.empty() ? svg_data_uri(info.provider->info().logo_svg) : logo}};
  if (std::string dark = json_text(info.branding, "darkLogo"); !dark.empty()) {
    out["darkLogo"] = dark;
  }
  return out;
}

json::object sso_provider_json(const connectors::sso::SsoProvider& provider, bool japanese) {
  const auto& p = provider.info();
  return {{"providerName", p.provider_name},
          {"providerType", p.provider_type},
          {"logo", svg_data_uri(p.logo_svg)},
          {"logoDark", svg_data_uri(p.logo_dark_svg)},
          {"description", japanese ? p.description_ja : p.description_en},
          {"name", p.name}};
}

}  // namespace latch::experience

namespace latch::experience {
namespace {

namespace json = boost::json;

Result<void> require_organization(storage::Tx& tx, std::string_view id) {
  auto found = tx.organizations().find(id);
  if (!found) return found.error();
  if (!*found) return keyed_error(Errc::NotFound, "entity.not_exists_with_id");
  return ok();
}

}  // namespace

Result<std::vector<SsoConnectorInfo>> SsoConnectors::jit_connectors(
    std::string_view organization_id) {
  std::vector<storage::SsoConnectorRecord> records;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto org = require_organization(tx, organization_id); !org) return org;
    auto ids = tx.sso_connectors().jit_connector_ids(organization_id);
    if (!ids) return ids.error();
    for (const auto& id : *ids) {
      auto found = tx.sso_connectors().find(id);
      if (!found) return found.error();
      if (*found) records.push_back(std::move(**found));
    }
    return ok();
  });
  if (!done) return done.error();
  std::vector<SsoConnectorInfo> out;
  for (auto& record : records) {
    auto info = open(std::move(record));
    if (info) out.push_back(std::move(*info));
  }
  return out;
}

Result<void> SsoConnectors::set_jit(std::string_view organization_id,
                                    const std::vector<std::string>& connector_ids, bool replace) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto org = require_organization(tx, organization_id); !org) return org;
    for (const auto& id : connector_ids) {
      auto found = tx.sso_connectors().find(id);
      if (!found) return found.error();
      if (!*found) {
        return keyed_error(Errc::Conflict, "entity.relation_foreign_key_not_found",
                           "no SSO connector " + id);
      }
    }
    return replace ? tx.sso_connectors().replace_jit(organization_id, connector_ids)
                   : tx.sso_connectors().add_jit(organization_id, connector_ids);
  });
}

Result<void> SsoConnectors::remove_jit(std::string_view organization_id,
                                       std::string_view connector_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto org = require_organization(tx, organization_id); !org) return org;
    auto removed = tx.sso_connectors().remove_jit(organization_id, connector_id);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found", removed.error().description);
    }
    return removed;
  });
}

Result<json::array> SsoConnectors::identities_of(std::string_view user_id) {
  json::array out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.user_sso_identities().list_for_user(user_id);
    if (!all) return all.error();
    for (const auto& identity : *all) out.push_back(sso_identity_json(identity));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

json::object sso_identity_json(const storage::UserSsoIdentity& identity) {
  boost::system::error_code ec;
  auto detail = json::parse(identity.detail_json, ec);
  if (ec || !detail.is_object()) detail = json::object{};
  return {{"tenantId", "default"},
          {"id", identity.id},
          {"userId", identity.user_id},
          {"issuer", identity.issuer},
          {"identityId", identity.identity_id},
          {"detail", std::move(detail)},
          {"ssoConnectorId", identity.sso_connector_id},
          {"createdAt", identity.created_at},
          {"updatedAt", identity.updated_at}};
}

}  // namespace latch::experience
