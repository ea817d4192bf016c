#include "oidc/grants/client_credentials_grant.hpp"

#include <algorithm>

#include "crypto/random.hpp"
#include "oidc/custom_claims.hpp"
#include "oidc/management_token.hpp"
#include "oidc/organization_access.hpp"
#include "oidc/scope.hpp"
#include "oidc/user_token_issuer.hpp"

namespace latch::oidc {
namespace {

// RFC 8707 §2: one resource for client credentials; without one, the default resource. Worded
// as oidc-provider words it, since Logto's users match on the descriptions.
Result<const model::Resource*> target_resource(const GrantContext& ctx) {
  const auto& values = ctx.request.resources;
  if (values.size() > 1) {
    return make_error(Errc::InvalidTarget,
                      "only a single resource indicator value is supported for this grant type");
  }
  if (values.empty()) {
    if (ctx.catalog.default_resource) return ctx.catalog.default_resource;
    return make_error(Errc::InvalidTarget,
                      "both `resource` and `organization_id` are not provided");
  }
  const model::Resource* resource = ctx.catalog.resource(values.front());
  if (!resource)
    return make_error(Errc::InvalidTarget, "resource indicator is missing, or unknown");
  return resource;
}

// What the app's roles in organization `organization_id` grant it: on `api`, or the organization
// scopes when there is no api. Membership is checked in the same read.
Result<std::vector<std::string>> organization_scopes(storage::Tx& tx, std::string_view app_id,
                                                     const model::Resource* api,
                                                     const std::string& organization_id) {
  auto access = check_application_organization_access(tx, app_id, organization_id);
  if (!access) return access.error();
  auto& organizations = tx.organizations();
  if (api) return organizations.application_resource_scopes(organization_id, app_id, api->id);
  auto scopes = organizations.application_scopes(organization_id, app_id);
  if (!scopes) return scopes.error();
  std::vector<std::string> names;
  for (const auto& scope : *scopes) names.push_back(scope.name);
  return names;
}

// The custom claims script's customizer when a script may shape the token: the catalog knows of
// one. Never on management API tokens (checked by the caller once the resource is known).
const ClaimsCustomizer* script_customizer(const TokenService& tokens, const GrantContext& ctx) {
  const ClaimsCustomizer* customizer = tokens.customizer();
  if (!customizer || !ctx.catalog.has_customizer(kClientCredentialsCustomizer)) return nullptr;
  return customizer;
}

// False when the snapshot does not grant the app every scope it asks for on the requested
// resource: then the roles are read from the database, so that a role given a moment ago on
// another node (whose announcement this node may not have had yet) counts. A token that asks
// for nothing, or for what the snapshot grants, is issued from the snapshot.
bool snapshot_grants_request(const GrantContext& ctx) {
  const auto& requested = ctx.request.scope;
  if (!requested || requested->empty()) return true;
  auto api = target_resource(ctx);
  if (!api) return true;  // refused either way, without the database
  const auto& granted = ctx.catalog.granted_scopes(ctx.client.client->app.id, (*api)->id);
  return std::all_of(requested->begin(), requested->end(), [&](const std::string& name) {
    return std::find(granted.begin(), granted.end(), name) != granted.end();
  });
}

}  // namespace

bool ClientCredentialsGrant::blocks(const GrantContext& ctx) const {
  return !ctx.request.organization_id.empty() || script_customizer(tokens_, ctx) != nullptr ||
         !snapshot_grants_request(ctx);
}

Result<TokenResponse> ClientCredentialsGrant::handle(const GrantContext& ctx) {
  const ClientEntry& client = *ctx.client.client;
  if (client.app.type != model::AppType::MachineToMachine) {
    return make_error(Errc::UnauthorizedClient,
                      "only machine-to-machine applications may use client_credentials");
  }
  const std::string& organization_id = ctx.request.organization_id;
  // Logto's RFC 0006: organization_id without a resource asks for an organization token; the
  // default resource does not apply.
  const model::Resource* api = nullptr;
  if (organization_id.empty() || !ctx.request.resources.empty()) {
    auto resource = target_resource(ctx);
    if (!resource) return resource.error();
    api = *resource;
  }
  std::vector<std::string> granted;
  const bool roles_from_database = organization_id.empty() && !snapshot_grants_request(ctx);
  if (organization_id.empty()) granted = ctx.catalog.granted_scopes(client.app.id, api->id);
  // The operator's custom claims script (custom_claims.hpp); never on management API tokens.
  const ClaimsCustomizer* customizer = script_customizer(tokens_, ctx);
  if (api && is_management_resource(api->indicator)) customizer = nullptr;
  std::optional<ClaimsCustomizer::ClientTokenRun> script;
  if (!organization_id.empty() || customizer || roles_from_database) {  // blocks(ctx) said so
    auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
      if (!organization_id.empty()) {
        auto scopes = organization_scopes(tx, client.app.id, api, organization_id);
        if (!scopes) return scopes.error();
        granted = std::move(*scopes);
      }
      if (roles_from_database) {
        auto scopes = tx.roles().application_scopes(client.app.id, api->id);
        if (!scopes) return scopes.error();
        granted = std::move(*scopes);
      }
      if (!customizer) return ok();
      auto prepared = customizer->prepare_client_token(tx, client.app);
      if (!prepared) return prepared.error();
      script = std::move(*prepared);
      return ok();
    });
    if (!read) return read.error();
  }
  // The management API only opens to apps whose own roles grant it something.
  if (api && is_management_resource(api->indicator) &&
      (granted.empty() || !organization_id.empty())) {
    return make_error(Errc::InvalidTarget, "the application may not access this resource");
  }
  // RFC 6749 §3.3: the server narrows what was asked to what the app is granted, dropping the
  // rest as Logto does (never invalid_scope); without a `scope` parameter the default is all the
  // app is granted, where Logto issues none (docs/compatibility.md).
  std::vector<std::string> issued =
      ctx.request.scope ? granted_scopes(*ctx.request.scope, granted) : granted;
  std::int64_t ttl = api ? api->access_token_ttl : kOrganizationTokenTtl;
  AccessTokenClaims claims{
      .subject = client.app.id,
      .client_id = client.app.id,
      .audience = api ? api->indicator : organization_audience(organization_id),
      .scope = join_scope(issued),
      .ttl = ttl,
      // Logto's organization tokens carry their scope even when it is empty.
      .scope_when_empty = api == nullptr};
  if (script) {  // run outside the transaction
    claims.jti = crypto::random_token(16);
    if (auto custom = customizer->finish_client_token(*script, claims); !custom) {
      return custom.error();
    }
  }
  if (api && !organization_id.empty()) claims.extra["organization_id"] = organization_id;
  const std::string& jkt = ctx.request.dpop_jkt;  // RFC 9449 §5, §6.1
  if (!jkt.empty()) claims.extra["cnf"] = boost::json::object{{"jkt", jkt}};
  auto token = tokens_.jwt_access_token(claims);
  if (!token) return token.error();
  return TokenResponse{.access_token = std::move(*token),
                       .expires_in = ttl,
                       .scope = claims.scope,
                       .scope_when_empty = claims.scope_when_empty,
                       .token_type = jkt.empty() ? "Bearer" : "DPoP"};
}

}  // namespace latch::oidc
