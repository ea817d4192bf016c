#include "oidc/user_token_issuer.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "oidc/authentication_methods.hpp"
#include "oidc/claims.hpp"
#include "oidc/custom_claims.hpp"
#include "oidc/dpop_proof.hpp"
#include "oidc/management_token.hpp"
#include "oidc/organization_access.hpp"
#include "oidc/scope.hpp"
#include "oidc/session_sid.hpp"

namespace latch::oidc {

std::string at_hash(crypto::JwsAlg alg, std::string_view token) {
  std::string digest;
  switch (alg) {
    case crypto::JwsAlg::ES384:
      digest = crypto::sha384(token);
      break;
    case crypto::JwsAlg::EdDSA:
      digest = crypto::sha512(token);
      break;
    default:
      digest = crypto::sha256(token);
      break;
  }
  return crypto::base64url_encode(std::string_view(digest).substr(0, digest.size() / 2));
}

std::string refresh_token_jkt(const model::Application& app, const std::string& dpop_jkt) {
  return model::is_confidential(app.type) ? std::string() : dpop_jkt;
}

std::vector<std::string> granted_scopes(const std::vector<std::string>& requested,
                                        const std::vector<std::string>& granted) {
  std::vector<std::string> out;
  for (const auto& name : requested) {
    if (has_scope(granted, name)) out.push_back(name);
  }
  return out;
}

void UserTokenIssuer::plan_id_token(const UserTokenRequest& req, const boost::json::object& stored,
                                    PendingUserTokens& out) const {
  const Config& config = tokens_.config();
  std::string alg_name = req.client.app.id_token_signed_response_alg;
  if (alg_name.empty()) alg_name = config.id_token_alg;
  out.id_token_alg = crypto::parse_alg(alg_name).value_or(crypto::JwsAlg::ES256);
  out.id_token_at_hash = req.id_token_at_hash;
  std::int64_t now = tokens_.clock().now_seconds();
  boost::json::object claims = user_claims(req.user, req.scopes, false);
  for (const auto& [name, value] : stored) claims[name] = value;
  claims["iss"] = config.issuer();
  claims["aud"] = req.client.app.id;  // a single string: Logto's SDKs reject arrays
  claims["iat"] = now;
  claims["exp"] = now + model::id_token_ttl(req.client.app, config.id_token_ttl);  // idTokenTtl
  claims["auth_time"] = req.auth_time;
  // RFC 8176: how the user authenticated, and OIDC Core's acr for a multi-factor sign-in.
  if (auto amr = split_amr(req.grant.amr); !amr.empty()) {
    boost::json::array methods;
    for (auto& m : amr) methods.emplace_back(std::move(m));
    claims["amr"] = std::move(methods);
    if (has_amr(req.grant.amr, kAmrMultiFactor)) claims["acr"] = kAcrMultiFactor;
  }
  if (!req.nonce.empty()) claims["nonce"] = req.nonce;
  // OIDC Back-Channel Logout 1.0 §2.1 (Front-Channel §3): the browser session behind the grant,
  // as the logout token names it.
  if (!req.grant.session_id_hash.empty()) claims["sid"] = session_sid(req.grant.session_id_hash);
  out.id_token_claims = std::move(claims);
}

namespace {

// RFC 9449 §6.1: a JWT access token bound to a DPoP key names the key's thumbprint in cnf.jkt.
void bind_to_dpop_key(AccessTokenClaims& claims, const std::string& jkt) {
  if (!jkt.empty()) claims.extra["cnf"] = boost::json::object{{"jkt", jkt}};
}

// The names in `a` or `b`, without repeats, in the order of `a` then `b`.
std::vector<std::string> merged(std::vector<std::string> a, const std::vector<std::string>& b) {
  for (const auto& name : b) {
    if (!has_scope(a, name)) a.push_back(name);
  }
  return a;
}

}  // namespace

Result<void> UserTokenIssuer::prepare_script(storage::Tx& tx, const UserTokenRequest& req,
                                             AccessTokenClaims& claims,
                                             PendingUserTokens& out) const {
  const ClaimsCustomizer* customizer = tokens_.customizer();
  if (customizer == nullptr) return ok();
  claims.jti = crypto::random_token(16);
  auto run = customizer->prepare_user_token(tx, req, claims);
  if (!run) return run.error();
  out.claims_script = std::move(*run);
  return ok();
}

Result<void> UserTokenIssuer::resource_token(storage::Tx& tx, const UserTokenRequest& req,
                                             PendingUserTokens& pending) const {
  TokenResponse& out = pending.response;
  // The management API opens to operators' own sign-ins through the console only, for a short
  // while (oidc/management_token.hpp); which operators, their roles say.
  bool management = is_management_resource(req.resource->indicator);
  if (management && req.client.app.id != model::kConsoleAppId) {
    return make_error(Errc::InvalidTarget, "the management API is open to the console only");
  }
  // Read now, in this transaction: a role given or taken a moment ago counts, on every node.
  auto granted = tx.roles().user_scopes(req.user.id, req.resource->id);
  if (!granted) return granted.error();
  std::vector<std::string> available = std::move(*granted);
  // Organization roles grant API scopes too (every organization the user belongs to, or only
  // the one named), but never the management API's: organizations do not make operators.
  if (!management) {
    auto from_organizations =
        tx.organizations().user_resource_scopes(req.organization_id, req.user.id, req.resource->id);
    if (!from_organizations) return from_organizations.error();
    available = merged(std::move(available), *from_organizations);
  }
  out.scope = join_scope(granted_scopes(req.scopes, available));
  out.expires_in = management ? std::min(req.resource->access_token_ttl, kOperatorTokenTtl)
                              : req.resource->access_token_ttl;
  AccessTokenClaims claims{.subject = req.user.id,
                           .client_id = req.client.app.id,
                           .audience = req.resource->indicator,
                           .scope = out.scope,
                           .ttl = out.expires_in,
                           .extra = req.extra_claims,
                           // Logto's user access tokens carry their scope even when empty.
                           .scope_when_empty = true};
  out.scope_when_empty = true;
  // Operators' own tokens never run the script: a script that denies cannot lock them out.
  if (!management) {
    if (auto custom = prepare_script(tx, req, claims, pending); !custom) return custom.error();
  }
  if (!req.organization_id.empty()) claims.extra["organization_id"] = req.organization_id;
  bind_to_dpop_key(claims, req.dpop_jkt);
  pending.access_claims = std::move(claims);
  return ok();
}

Result<void> UserTokenIssuer::organization_token(storage::Tx& tx, const UserTokenRequest& req,
                                                 PendingUserTokens& pending) const {
  TokenResponse& out = pending.response;
  auto available = tx.organizations().user_scopes(req.organization_id, req.user.id);
  if (!available) return available.error();
  std::vector<std::string> names;
  for (const auto& scope : *available) names.push_back(scope.name);
  out.scope = join_scope(granted_scopes(req.scopes, names));
  out.expires_in = kOrganizationTokenTtl;
  AccessTokenClaims claims{.subject = req.user.id,
                           .client_id = req.client.app.id,
                           .audience = organization_audience(req.organization_id),
                           .scope = out.scope,
                           .ttl = out.expires_in,
                           .extra = req.extra_claims,
                           // Logto's user access tokens carry their scope even when empty.
                           .scope_when_empty = true};
  out.scope_when_empty = true;
  if (auto custom = prepare_script(tx, req, claims, pending); !custom) return custom.error();
  bind_to_dpop_key(claims, req.dpop_jkt);
  pending.access_claims = std::move(claims);
  return ok();
}

Result<void> UserTokenIssuer::opaque_token(storage::Tx& tx, const UserTokenRequest& req,
                                           TokenResponse& out) const {
  std::int64_t now = tokens_.clock().now_seconds();
  // RFC 9449 §6: a bound token names its key (dpop_proof.hpp); /oidc/me then asks for a proof.
  out.access_token = bind_opaque_token(crypto::random_token(32), req.dpop_jkt);
  out.expires_in = tokens_.config().access_token_ttl;
  out.scope = join_scope(req.scopes);
  out.scope_when_empty = true;
  model::OpaqueAccessToken stored{crypto::token_hash(out.access_token),
                                  req.grant.id,
                                  req.client.app.id,
                                  req.user.id,
                                  out.scope,
                                  now,
                                  now + out.expires_in};
  return tx.access_tokens().insert(stored);
}

Result<PendingUserTokens> UserTokenIssuer::issue(storage::Tx& tx,
                                                 const UserTokenRequest& req) const {
  std::int64_t now = tokens_.clock().now_seconds();
  PendingUserTokens pending;
  TokenResponse& out = pending.response;
  out.user_id = req.user.id;
  Result<void> access = req.resource                   ? resource_token(tx, req, pending)
                        : !req.organization_id.empty() ? organization_token(tx, req, pending)
                                                       : opaque_token(tx, req, out);
  if (!access) return access.error();
  if (!req.dpop_jkt.empty()) out.token_type = "DPoP";  // RFC 9449 §5
  if (has_scope(req.scopes, "openid")) {
    auto stored = membership_claims(tx, req.user.id, req.scopes);
    if (!stored) return stored.error();
    plan_id_token(req, *stored, pending);
  }
  if (req.refresh_expires_at) {
    std::string refresh = req.refresh_token.empty()
                              ? bind_opaque_token(crypto::random_token(32),
                                                  refresh_token_jkt(req.client.app, req.dpop_jkt))
                              : req.refresh_token;
    model::RefreshToken stored{crypto::token_hash(refresh),
                               req.grant.id,
                               req.client.app.id,
                               req.user.id,
                               req.grant.scope,
                               req.grant.resources,
                               req.auth_time,
                               now,
                               *req.refresh_expires_at,
                               0};
    if (auto r = tx.refresh_tokens().insert(stored); !r) return r.error();
    if (req.refresh_token.empty()) pending.made_refresh_token_hash = stored.token_hash;
    out.refresh_token = std::move(refresh);
  }
  return pending;
}

Result<void> UserTokenIssuer::sign(PendingUserTokens& pending) const {
  TokenResponse& out = pending.response;
  if (pending.access_claims) {
    if (pending.claims_script) {
      const ClaimsCustomizer* customizer = tokens_.customizer();
      auto custom = customizer->finish_user_token(*pending.claims_script, *pending.access_claims);
      if (!custom) return custom.error();
    }
    auto jwt = tokens_.jwt_access_token(*pending.access_claims);
    if (!jwt) return jwt.error();
    out.access_token = std::move(*jwt);
  }
  if (pending.id_token_claims) {
    boost::json::object& claims = *pending.id_token_claims;
    if (pending.id_token_at_hash)
      claims["at_hash"] = at_hash(pending.id_token_alg, out.access_token);
    auto token = tokens_.sign(pending.id_token_alg, claims);
    if (!token) return token.error();
    out.id_token = std::move(*token);
  }
  return ok();
}

Result<TokenResponse> UserTokenIssuer::finish(storage::Store& store,
                                              PendingUserTokens pending) const {
  if (auto signed_ = sign(pending); !signed_) {
    if (!pending.made_refresh_token_hash.empty()) {
      auto removed = store.transact([&](storage::Tx& tx) {
        return tx.refresh_tokens().remove(pending.made_refresh_token_hash);
      });
      if (!removed)
        spdlog::warn("withdrawing a refused refresh token: {}", removed.error().description);
    }
    return signed_.error();
  }
  return std::move(pending.response);
}

}  // namespace latch::oidc
