#include "oidc/grants/client_credentials_grant.hpp"

#include <algorithm>

#include "oidc/management_token.hpp"
#include "oidc/scope.hpp"
#include "oidc/user_token_issuer.hpp"

namespace latch::oidc {
namespace {

// RFC 8707 §2: one resource for client credentials; without one, the default resource.
Result<const model::Resource*> target_resource(const GrantContext& ctx) {
  const auto& values = ctx.request.resources;
  if (values.size() > 1) {
    return make_error(Errc::InvalidTarget, "only one resource may be requested at a time");
  }
  if (values.empty()) {
    if (ctx.catalog.default_resource) return ctx.catalog.default_resource;
    return make_error(Errc::InvalidTarget, "resource is required: no default API is configured");
  }
  const model::Resource* resource = ctx.catalog.resource(values.front());
  if (!resource) return make_error(Errc::InvalidTarget, "the requested resource is unknown");
  return resource;
}

// Every requested scope must be one the resource defines (RFC 6749 §5.2 invalid_scope);
// whether the app may have it is for its roles to say.
Result<void> check_defined(const model::Resource& api, const std::vector<std::string>& requested) {
  for (const auto& name : requested) {
    bool defined = std::any_of(api.scopes.begin(), api.scopes.end(),
                               [&](const model::Scope& s) { return s.name == name; });
    if (!defined) return make_error(Errc::InvalidScope, "scope '" + name + "' is not defined");
  }
  return ok();
}

}  // namespace

Result<TokenResponse> ClientCredentialsGrant::handle(const GrantContext& ctx) {
  const ClientEntry& client = *ctx.client.client;
  if (client.app.type != model::AppType::MachineToMachine) {
    return make_error(Errc::UnauthorizedClient,
                      "only machine-to-machine applications may use client_credentials");
  }
  auto resource = target_resource(ctx);
  if (!resource) return resource.error();
  const model::Resource& api = **resource;
  const std::vector<std::string> none;
  const std::vector<std::string>& requested = ctx.request.scope ? *ctx.request.scope : none;
  if (auto defined = check_defined(api, requested); !defined) return defined.error();
  std::vector<std::string> granted;
  auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto scopes = tx.roles().application_scopes(client.app.id, api.id);
    if (!scopes) return scopes.error();
    granted = std::move(*scopes);
    return ok();
  });
  if (!read) return read.error();
  // The management API only opens to apps whose roles grant it something.
  if (is_management_resource(api.indicator) && granted.empty()) {
    return make_error(Errc::InvalidTarget, "the application may not access this resource");
  }
  // RFC 6749 §3.3: the server may narrow; no scope asked for means all the app is granted.
  std::vector<std::string> issued =
      requested.empty() ? granted : granted_scopes(requested, granted);
  AccessTokenClaims claims{.subject = client.app.id,
                           .client_id = client.app.id,
                           .audience = api.indicator,
                           .scope = join_scope(issued),
                           .ttl = api.access_token_ttl};
  auto token = tokens_.jwt_access_token(claims);
  if (!token) return token.error();
  return TokenResponse{
      .access_token = std::move(*token), .expires_in = api.access_token_ttl, .scope = claims.scope};
}

}  // namespace latch::oidc
