#include "oidc/custom_claims.hpp"

#include <spdlog/spdlog.h>
#include <array>

#include "core/json.hpp"
#include "oidc/token_service.hpp"
#include "oidc/user_token_issuer.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

// Set by the issuer (token_service.cpp, user_token_issuer.cpp) or meaningful only from it.
constexpr std::array<std::string_view, 20> kReserved = {
    "iss", "sub",       "aud",     "exp",       "nbf",
    "iat", "jti",       "scope",   "client_id", "azp",
    "cnf", "act",       "kid",     "sid",       "nonce",
    "typ", "auth_time", "at_hash", "may_act",   "organization_id"};

// Logto's token sample of an AccessToken (its accessTokenPayloadGuard), for a user's token.
json::object user_token(const UserTokenRequest& req, const AccessTokenClaims& claims) {
  json::object token{
      {"jti", claims.jti},        {"aud", claims.audience},  {"clientId", claims.client_id},
      {"accountId", req.user.id}, {"grantId", req.grant.id}, {"kind", "AccessToken"}};
  if (!claims.scope.empty()) token["scope"] = claims.scope;
  if (!req.grant_type.empty()) token["gty"] = req.grant_type;
  return token;
}

// Logto's ClientCredentials token sample.
json::object client_token(const AccessTokenClaims& claims) {
  json::object token{{"jti", claims.jti},
                     {"aud", claims.audience},
                     {"clientId", claims.client_id},
                     {"kind", "ClientCredentials"}};
  if (!claims.scope.empty()) token["scope"] = claims.scope;
  return token;
}

// The app as stored now (the catalog's copy may be a moment old: its customData just changed).
Result<json::object> fresh_application(storage::Tx& tx, const model::Application& cached) {
  auto found = tx.applications().find(cached.id);
  if (!found) return found.error();
  return application_context(*found ? **found : cached);
}

Result<std::optional<CustomizerScript>> stored_script(storage::Tx& tx, std::string_view type) {
  auto stored = tx.jwt_customizers().find(type);
  if (!stored) return stored.error();
  if (!*stored) return std::optional<CustomizerScript>();
  return customizer_script((*stored)->config);
}

}  // namespace

std::optional<CustomizerScript> customizer_script(std::string_view config_json) {
  json::object config = json_object_or_empty(config_json);
  CustomizerScript out;
  out.script = json_text(config, "script");
  if (out.script.empty()) return std::nullopt;
  if (const auto* vars = config.if_contains("environmentVariables"); vars && vars->is_object()) {
    out.environment_variables = vars->as_object();
  }
  if (const auto* block = config.if_contains("blockIssuanceOnError"); block && block->is_bool()) {
    out.block_issuance_on_error = block->as_bool();
  }
  return out;
}

bool is_reserved_claim(std::string_view name) {
  for (std::string_view reserved : kReserved) {
    if (name == reserved) return true;
  }
  return false;
}

script::Outcome ClaimsCustomizer::run(const CustomizerScript& script, json::object token,
                                      json::object context) const {
  json::object argument{{"token", std::move(token)},
                        {"context", std::move(context)},
                        {"environmentVariables", script.environment_variables}};
  return runner_.run({.source = script.script,
                      .entry = "getCustomJwtClaims",
                      .argument = std::move(argument),
                      .limits = limits_});
}

Result<void> ClaimsCustomizer::apply(const CustomizerScript& script, json::object token,
                                     json::object context, AccessTokenClaims& claims) const {
  script::Outcome outcome = run(script, std::move(token), std::move(context));
  if (outcome.value) {
    for (auto& [name, value] : *outcome.value) {
      if (!is_reserved_claim(name)) claims.extra[name] = std::move(value);
    }
    return ok();
  }
  if (outcome.failure.kind == script::FailureKind::Denied) {
    return make_error(Errc::DeviceAccessDenied, outcome.failure.message);
  }
  spdlog::warn("custom JWT claims script failed for {}: {}", claims.client_id,
               outcome.failure.message);
  if (script.block_issuance_on_error) {
    return make_error(Errc::InvalidRequest,
                      "custom claims script error: " + outcome.failure.message);
  }
  return ok();
}

Result<std::optional<ClaimsCustomizer::UserTokenRun>> ClaimsCustomizer::prepare_user_token(
    storage::Tx& tx, const UserTokenRequest& req, const AccessTokenClaims& claims) const {
  auto script = stored_script(tx, kAccessTokenCustomizer);
  if (!script) return script.error();
  if (!*script) return std::optional<UserTokenRun>();
  auto user = user_context(tx, req.user);
  if (!user) return user.error();
  auto application = fresh_application(tx, req.client.app);
  if (!application) return application.error();
  json::object context{{"user", std::move(*user)}, {"application", std::move(*application)}};
  if (!req.grant_context.empty()) context["grant"] = req.grant_context;
  if (!req.organization_id.empty()) {
    auto organization = organization_context(tx, req.organization_id);
    if (!organization) return organization.error();
    if (*organization) context["organization"] = std::move(**organization);
  }
  return std::optional(
      UserTokenRun{std::move(**script), user_token(req, claims), std::move(context)});
}

Result<void> ClaimsCustomizer::finish_user_token(const UserTokenRun& run,
                                                 AccessTokenClaims& claims) const {
  return apply(run.script, run.token, run.context, claims);
}

Result<std::optional<ClaimsCustomizer::ClientTokenRun>> ClaimsCustomizer::prepare_client_token(
    storage::Tx& tx, const model::Application& app) const {
  auto script = stored_script(tx, kClientCredentialsCustomizer);
  if (!script) return script.error();
  if (!*script) return std::optional<ClientTokenRun>();
  auto application = fresh_application(tx, app);
  if (!application) return application.error();
  return std::optional(
      ClientTokenRun{std::move(**script), json::object{{"application", std::move(*application)}}});
}

Result<void> ClaimsCustomizer::finish_client_token(const ClientTokenRun& run,
                                                   AccessTokenClaims& claims) const {
  return apply(run.script, client_token(claims), run.context, claims);
}

}  // namespace latch::oidc
