#include "oidc/grants/refresh_token_grant.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "model/organization.hpp"
#include "oidc/dpop_proof.hpp"
#include "oidc/error_response.hpp"
#include "oidc/grants/authorization_code_grant.hpp"
#include "oidc/organization_access.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

Error invalid_grant(std::string description) {
  return make_error(Errc::InvalidGrant, std::move(description));
}

// RFC 6749 §6: a narrower scope may be asked for, never a wider one.
Result<std::vector<std::string>> narrowed_scope(const GrantContext& ctx,
                                                const std::string& granted) {
  auto original = parse_scope(granted);
  if (!original) return original.error();
  if (!ctx.request.scope) return original;
  for (const auto& s : *ctx.request.scope) {
    if (!has_scope(*original, s)) {
      return make_error(Errc::InvalidScope, "scope '" + s + "' was not granted");
    }
  }
  return *ctx.request.scope;
}

// Logto's RFC 0001: membership (and the organization's MFA rule) first, then the refresh token
// must carry urn:logto:scope:organizations.
Result<void> organization_access(storage::Tx& tx, const model::User& user,
                                 const model::RefreshToken& token, const model::Application& app,
                                 const std::string& organization_id) {
  if (auto member = check_user_organization_access(tx, user, organization_id); !member) {
    return member.error();
  }
  // Logto lets a third-party app into an organization only with the user's consent to that
  // organization; Latch's consent page does not ask for organizations, so none is given.
  if (app.is_third_party) {
    return make_error(Errc::AccessDenied, "organization access is not granted to the application");
  }
  auto granted = parse_scope(token.scope);
  if (!granted || !has_scope(*granted, model::kOrganizationsScope)) {
    return make_error(Errc::InsufficientScope, "refresh token missing required scope");
  }
  return ok();
}

}  // namespace

std::string RefreshTokenGrant::successor(std::string_view presented) const {
  return crypto::base64url_encode(crypto::hmac_sha256(successor_key_, presented));
}

Result<PendingUserTokens> RefreshTokenGrant::refresh(storage::Tx& tx,
                                                     const model::RefreshToken& token,
                                                     const GrantContext& ctx,
                                                     const std::string& next, bool store_next) {
  std::int64_t now = tokens_.clock().now_seconds();
  auto subject = load_grant_subject(tx, token.grant_id, now);
  if (!subject) return subject.error();
  const std::string& organization_id = ctx.request.organization_id;
  if (!organization_id.empty()) {
    auto access =
        organization_access(tx, subject->user, token, ctx.client.client->app, organization_id);
    if (!access) return access.error();
  }
  auto scopes = narrowed_scope(ctx, token.scope);
  if (!scopes) return scopes.error();
  auto resource = granted_resource(ctx, token.resources);
  if (!resource) return resource.error();
  auto issued = issuer_.issue(
      tx, {.grant = subject->grant,
           .user = subject->user,
           .client = *ctx.client.client,
           .scopes = *scopes,
           .resource = *resource,
           .organization_id = organization_id,
           .auth_time = token.auth_time,
           .id_token_at_hash = false,
           .refresh_expires_at = store_next ? std::optional(token.expires_at) : std::nullopt,
           .refresh_token = next,
           .dpop_jkt = ctx.request.dpop_jkt,
           .grant_type = ctx.request.grant_type});
  if (issued && !store_next) issued->response.refresh_token = next;  // a replay, or no rotation
  return issued;
}

Result<TokenResponse> RefreshTokenGrant::handle(const GrantContext& ctx) {
  const std::string& presented = ctx.request.refresh_token;
  if (presented.empty()) return missing_parameter("refresh_token");
  std::string hash = crypto::token_hash(presented);
  std::int64_t now = tokens_.clock().now_seconds();
  std::int64_t now_ms = tokens_.clock().now_millis();
  Result<PendingUserTokens> result = invalid_grant("the refresh token is invalid");
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.refresh_tokens().find(hash);
    if (!found) return found.error();
    if (!*found) return ok();
    const model::RefreshToken& token = **found;
    // Checked before consuming: another client cannot burn this client's token.
    if (token.client_id != ctx.client.client->app.id) {
      result = invalid_grant("the refresh token was issued to another client");
      return ok();
    }
    if (token.expires_at <= now) {
      result = invalid_grant("the refresh token has expired");
      return ok();
    }
    // RFC 9449 §5: a bound refresh token is redeemed only with a proof by its key; checked
    // before consuming, so a thief without the key cannot burn it.
    std::string_view bound_to = opaque_token_jkt(presented);
    if (!bound_to.empty() && bound_to != ctx.request.dpop_jkt) {
      result = invalid_grant("the refresh token is bound to a DPoP key: send a proof by that key");
      return ok();
    }
    const model::Application& app = ctx.client.client->app;
    // Logto's rotateRefreshToken false: the token stays as it is and is answered again (a
    // token rotated before the app turned rotation off is still spent).
    if (!model::rotates_refresh_token(app) && token.consumed_at == 0) {
      result = refresh(tx, token, ctx, presented, false);
      if (!result) return result.error();
      return ok();
    }
    auto consumed = tx.refresh_tokens().consume(hash, now_ms);
    if (!consumed) return consumed.error();
    if (consumed->outcome == model::ConsumeOutcome::NotFound) return ok();
    bool replay = consumed->outcome == model::ConsumeOutcome::AlreadyConsumed;
    if (replay && now_ms - consumed->value->consumed_at > kReuseLeewayMs) {
      result = invalid_grant("the refresh token has already been used");
      return tx.grants().revoke(token.grant_id);  // reuse: the family is compromised
    }
    // RFC 9449 §5: the successor is bound as a new token would be (to the same key, when the
    // presented token was bound: checked above).
    std::string next =
        bind_opaque_token(successor(presented), refresh_token_jkt(app, ctx.request.dpop_jkt));
    result = refresh(tx, token, ctx, next, !replay);
    // A refused request (a wider scope, an unknown resource) leaves the token unspent.
    if (!result) return result.error();
    return ok();
  });
  if (!done) return done.error();
  if (!result) return result.error();
  return issuer_.finish(store_, std::move(*result));  // signed after the commit
}

}  // namespace latch::oidc
