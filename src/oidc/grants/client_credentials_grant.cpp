#include "oidc/grants/client_credentials_grant.hpp"

#include <algorithm>

#include "oidc/scope.hpp"

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

// The scopes the app may have on `resource`: all of them for an open resource, the granted ones
// for a restricted one (nullptr: the app has no access at all).
const std::vector<std::string>* granted(const ClientEntry& client, const model::Resource& r) {
  auto it = client.grants.find(r.id);
  return it == client.grants.end() ? nullptr : &it->second;
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
  const std::vector<std::string>* allowed = granted(client, api);
  if (api.access == model::ResourceAccess::Granted && !allowed) {
    return make_error(Errc::InvalidTarget, "the application may not access this resource");
  }
  const std::vector<std::string> none;
  const std::vector<std::string>* requested = ctx.request.scope ? &*ctx.request.scope : &none;
  std::vector<std::string> issued;
  auto permitted = [&](const std::string& name) {
    return api.access == model::ResourceAccess::AllApps || has_scope(*allowed, name);
  };
  for (const auto& name : *requested) {
    bool defined = std::any_of(api.scopes.begin(), api.scopes.end(),
                               [&](const model::Scope& s) { return s.name == name; });
    if (!defined) return make_error(Errc::InvalidScope, "scope '" + name + "' is not defined");
    if (permitted(name)) issued.push_back(name);  // RFC 6749 §3.3: the server may narrow
  }
  if (requested->empty()) {
    for (const auto& s : api.scopes) {
      if (permitted(s.name)) issued.push_back(s.name);
    }
  }
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
