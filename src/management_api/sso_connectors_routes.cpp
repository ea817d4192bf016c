#include <algorithm>

#include "experience/sso/sso_connectors.hpp"
#include "management_api/management_api.hpp"
#include "management_api/organization_kit.hpp"

// Enterprise SSO (Logto's routes/sso-connector/, organization/jit/sso-connectors and
// admin-user/enterprise-sso.ts): the providers, the connectors, the organizations' JIT
// connectors, and a user's SSO identity.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using namespace organization_kit;
using http::bhttp::status;
using Deps = ManagementApiDeps;

bool wants_japanese(const Call& c) {
  return c.request.header(http::bhttp::field::accept_language).starts_with("ja");
}

// The members POST and PATCH share; PATCH also takes connectorName here.
Result<experience::SsoConnectorChange> change_of(const json::object& body) {
  experience::SsoConnectorChange change;
  auto name = string_field(body, "connectorName");
  auto config = object_field(body, "config");
  auto domains = strings_field(body, "domains");
  auto branding = object_field(body, "branding");
  auto sync = bool_field(body, "syncProfile");
  auto token_storage = bool_field(body, "enableTokenStorage");
  if (!name) return name.error();
  if (!config) return config.error();
  if (!domains) return domains.error();
  if (!branding) return branding.error();
  if (!sync) return sync.error();
  if (!token_storage) return token_storage.error();
  change.connector_name = std::move(*name);
  change.config = std::move(*config);
  change.domains = std::move(*domains);
  change.branding = std::move(*branding);
  change.sync_profile = *sync;
  change.enable_token_storage = *token_storage;
  return change;
}

Error required(std::string_view field) {
  return with_field(make_error(Errc::InvalidRequest, std::string(field) + " is required"),
                    std::string(field));
}

Result<http::Response> details(const Deps& d, Result<experience::SsoConnectorInfo> info) {
  if (!info) return info.error();
  auto published = d.sso.provider_config(*info);
  return http::json_response(
      status::ok, experience::sso_connector_details_json(*info, d.config.endpoint, published));
}

Result<http::Response> list_providers(const Deps&, const Call& c) {
  json::array out;
  for (const auto* p : connectors::sso::sso_providers()) {
    out.push_back(experience::sso_provider_json(*p, wants_japanese(c)));
  }
  return http::json_response(status::ok, out);
}

Result<http::Response> create_connector(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"providerName", "connectorName", "config", "domains",
                                    "branding", "syncProfile", "enableTokenStorage"});
      !r) {
    return r.error();
  }
  auto provider = string_field(c.body, "providerName");
  if (!provider) return provider.error();
  if (!*provider) return required("providerName");
  auto change = change_of(c.body);
  if (!change) return change.error();
  if (!change->connector_name || change->connector_name->empty()) {
    return required("connectorName");
  }
  change->provider_name = **provider;
  auto created = d.sso.create(*change);
  if (!created) return created.error();
  return http::json_response(status::ok,
                             experience::sso_connector_json(*created, d.config.endpoint));
}

Result<http::Response> list_connectors(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  auto all = d.sso.list();
  if (!all) return all.error();
  std::size_t total = all->size(), first = 0, count = total;
  if (*page) {
    first = std::min(total, static_cast<std::size_t>(((*page)->page - 1) * (*page)->page_size));
    count = std::min(total - first, static_cast<std::size_t>((*page)->page_size));
  }
  json::array out;
  for (std::size_t i = first; i < first + count; ++i) {
    const auto& info = (*all)[i];
    out.push_back(experience::sso_connector_details_json(info, d.config.endpoint,
                                                         d.sso.provider_config(info)));
  }
  if (*page) return page_response(std::move(out), static_cast<std::int64_t>(total));
  return http::json_response(status::ok, out);
}

Result<http::Response> get_connector(const Deps& d, const Call& c) {
  return details(d, d.sso.find(c.param("id")));
}

Result<http::Response> update_connector(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"connectorName", "config", "domains", "branding", "syncProfile",
                                    "enableTokenStorage"});
      !r) {
    return r.error();
  }
  auto change = change_of(c.body);
  if (!change) return change.error();
  if (change->connector_name && change->connector_name->empty()) return required("connectorName");
  return details(d, d.sso.update(c.param("id"), *change));
}

Result<http::Response> delete_connector(const Deps& d, const Call& c) {
  return done(d.sso.remove(c.param("id")), status::no_content);
}

Result<http::Response> list_jit(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  auto linked = d.sso.jit_connectors(c.param("id"));
  if (!linked) return linked.error();
  std::size_t total = linked->size(), first = 0, count = total;
  if (*page) {
    first = std::min(total, static_cast<std::size_t>(((*page)->page - 1) * (*page)->page_size));
    count = std::min(total - first, static_cast<std::size_t>((*page)->page_size));
  }
  json::array out;
  for (std::size_t i = first; i < first + count; ++i) {
    out.push_back(experience::sso_connector_json((*linked)[i], d.config.endpoint));
  }
  return page_response(std::move(out), static_cast<std::int64_t>(total));
}

template <bool replace>
Result<http::Response> set_jit(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, "ssoConnectorIds", !replace);
  if (!ids) return ids.error();
  auto set = d.sso.set_jit(c.param("id"), *ids, replace);
  return done(std::move(set), replace ? status::no_content : status::created);
}

Result<http::Response> remove_jit(const Deps& d, const Call& c) {
  return done(d.sso.remove_jit(c.param("id"), c.param("ssoConnectorId")), status::no_content);
}

// Logto's GET /users/:userId/sso-identities/:ssoConnectorId: {ssoIdentity}.
Result<http::Response> user_sso_identity(const Deps& d, const Call& c) {
  std::optional<bool> user_exists;
  auto done_read = d.store.read([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(c.param("userId"));
    if (!user) return user.error();
    user_exists = user->has_value();
    return ok();
  });
  if (!done_read) return done_read.error();
  if (!*user_exists) return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "user");
  auto identities = d.sso.identities_of(c.param("userId"));
  if (!identities) return identities.error();
  for (const auto& identity : *identities) {
    if (identity.as_object().at("ssoConnectorId").as_string() == c.param("ssoConnectorId")) {
      return http::json_response(status::ok, json::object{{"ssoIdentity", identity}});
    }
  }
  return keyed_error(Errc::NotFound, "user.enterprise_sso_identity_not_exists");
}

// ---- SAML connectors' signing keys (Logto's routes/sso-connector/signing-key.ts).
Result<http::Response> list_signing_keys(const Deps& d, const Call& c) {
  auto keys = d.sso.signing_keys(c.param("id"));
  if (!keys) return keys.error();
  return http::json_response(status::ok, *keys);
}

// {active?}: an inactive key by default (the staged step of a rotation).
Result<http::Response> create_signing_key(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"active"}); !r) return r.error();
  auto active = bool_field(c.body, "active");
  if (!active) return active.error();
  auto key = d.sso.create_signing_key(c.param("id"), active->value_or(false));
  if (!key) return key.error();
  return http::json_response(status::created, *key);
}

Result<http::Response> update_signing_key(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"active"}); !r) return r.error();
  auto active = bool_field(c.body, "active");
  if (!active) return active.error();
  if (!*active) return required("active");
  auto key = d.sso.set_signing_key_active(c.param("id"), c.param("keyId"), **active);
  if (!key) return key.error();
  return http::json_response(status::ok, *key);
}

Result<http::Response> delete_signing_key(const Deps& d, const Call& c) {
  return done(d.sso.remove_signing_key(c.param("id"), c.param("keyId")), status::no_content);
}

// ---- IdP-initiated SSO (Logto's routes/sso-connector/idp-initiated-auth-config.ts).
Result<http::Response> get_idp_initiated_config(const Deps& d, const Call& c) {
  auto config = d.sso.idp_initiated_config(c.param("id"));
  if (!config) return config.error();
  return http::json_response(status::ok, *config);
}

Result<http::Response> put_idp_initiated_config(const Deps& d, const Call& c) {
  auto config = d.sso.put_idp_initiated_config(c.param("id"), c.body);
  if (!config) return config.error();
  return http::json_response(status::ok, *config);
}

Result<http::Response> delete_idp_initiated_config(const Deps& d, const Call& c) {
  return done(d.sso.remove_idp_initiated_config(c.param("id")), status::no_content);
}

// Test connection (Latch; Logto has none): a ten-minute link that runs the connector's sign-in
// at its IdP and shows what came back, creating no one (experience/pages/sso_test_page.cpp).
Result<http::Response> create_test_session(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {}); !r) return r.error();
  auto link = d.sso.test_link(c.param("id"));
  if (!link) return link.error();
  return http::json_response(status::created,
                             json::object{{"url", d.config.endpoint + "/sso/test/" + link->ticket},
                                          {"expiresAt", link->expires_at}});
}

}  // namespace

void ManagementApi::mount_sso_connectors(Routes& r) {
  using enum http::bhttp::verb;
  constexpr auto outbound = http::Lane::Outbound;
  r.add({
      {get, "/sso-connector-providers", "List the enterprise SSO providers", list_providers},
      // Create, read and update ask the IdP for its configuration.
      {post, "/sso-connectors", "Create an enterprise SSO connector", create_connector, outbound},
      {get, "/sso-connectors", "List the enterprise SSO connectors", list_connectors, outbound},
      {get, "/sso-connectors/:id", "Get an enterprise SSO connector", get_connector, outbound},
      {patch, "/sso-connectors/:id", "Update an enterprise SSO connector", update_connector,
       outbound},
      {delete_, "/sso-connectors/:id", "Delete an enterprise SSO connector", delete_connector},
      {post, "/sso-connectors/:id/test-sessions",
       "Create a link that tests an enterprise SSO connector's sign-in", create_test_session},
      {get, "/organizations/:id/jit/sso-connectors",
       "List an organization's JIT enterprise SSO connectors", list_jit},
      {post, "/organizations/:id/jit/sso-connectors", "Add JIT enterprise SSO connectors",
       set_jit<false>},
      {put, "/organizations/:id/jit/sso-connectors", "Replace the JIT enterprise SSO connectors",
       set_jit<true>},
      {delete_, "/organizations/:id/jit/sso-connectors/:ssoConnectorId",
       "Remove a JIT enterprise SSO connector", remove_jit},
      {get, "/users/:userId/sso-identities/:ssoConnectorId", "Get a user's enterprise SSO identity",
       user_sso_identity},
      // ---- SAML SSO connectors (issue 19, part D)
      {get, "/sso-connectors/:id/signing-keys", "List a SAML SSO connector's signing keys",
       list_signing_keys},
      {post, "/sso-connectors/:id/signing-keys", "Create a SAML SSO connector signing key",
       create_signing_key},
      {patch, "/sso-connectors/:id/signing-keys/:keyId",
       "Activate or deactivate a SAML SSO connector signing key", update_signing_key},
      {delete_, "/sso-connectors/:id/signing-keys/:keyId",
       "Delete an inactive SAML SSO connector signing key", delete_signing_key},
      {put, "/sso-connectors/:id/idp-initiated-auth-config",
       "Set where IdP-initiated SAML sign-ins land", put_idp_initiated_config},
      {get, "/sso-connectors/:id/idp-initiated-auth-config",
       "Get the IdP-initiated SSO settings of a SAML connector", get_idp_initiated_config},
      {delete_, "/sso-connectors/:id/idp-initiated-auth-config",
       "Turn IdP-initiated SSO off for a SAML connector", delete_idp_initiated_config},
  });
}

}  // namespace latch::management_api
