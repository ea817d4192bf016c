#include "oidc/grants/authorization_code_grant.hpp"

#include "crypto/hash.hpp"
#include "crypto/pkce.hpp"
#include "oidc/error_response.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

Error invalid_grant(std::string description) {
  return make_error(Errc::InvalidGrant, std::move(description));
}

// RFC 7636 §4.6, and RFC 9700 §4.8.2: a verifier without a challenge is a downgrade attempt.
Result<void> check_pkce(const model::AuthorizationCode& code, std::string_view verifier) {
  if (code.code_challenge.empty()) {
    if (!verifier.empty())
      return invalid_grant("code_verifier sent for a code issued without PKCE");
    return ok();
  }
  if (verifier.empty()) return invalid_grant("code_verifier is required");
  if (!crypto::is_valid_code_verifier(verifier) ||
      !crypto::verify_s256(verifier, code.code_challenge)) {
    return invalid_grant("code_verifier does not match the code_challenge");
  }
  return ok();
}

// RFC 9449 §10: a code bound to a DPoP key is redeemed only with a proof by that key.
Result<void> check_dpop_binding(const model::AuthorizationCode& code, std::string_view proof_jkt) {
  if (code.dpop_jkt.empty()) return ok();
  if (proof_jkt.empty()) {
    return invalid_grant("the authorization code is bound to a DPoP key: send a DPoP proof");
  }
  if (!crypto::constant_time_equal(proof_jkt, code.dpop_jkt)) {
    return invalid_grant("the DPoP proof's key is not the one the authorization code is bound to");
  }
  return ok();
}

}  // namespace

Result<GrantSubject> load_grant_subject(storage::Tx& tx, const std::string& grant_id,
                                        std::int64_t now) {
  auto grant = tx.grants().find(grant_id);
  if (!grant) return grant.error();
  if (!*grant || (*grant)->revoked || (*grant)->expires_at <= now) {
    return invalid_grant("the grant has been revoked or has expired");
  }
  auto user = tx.users().find((*grant)->user_id);
  if (!user) return user.error();
  if (!*user) return invalid_grant("the user no longer exists");
  if ((*user)->is_suspended) return invalid_grant("user is suspended");
  return GrantSubject{std::move(**grant), std::move(**user)};
}

Result<const model::Resource*> granted_resource(const GrantContext& ctx,
                                                const std::string& grant_resources) {
  const auto& values = ctx.request.resources;
  if (values.empty()) return static_cast<const model::Resource*>(nullptr);
  if (values.size() > 1) return make_error(Errc::InvalidTarget, "only one resource at a time");
  auto granted = parse_scope(grant_resources);
  if (!granted || !has_scope(*granted, values.front())) {
    return make_error(Errc::InvalidTarget, "the resource was not part of the authorization");
  }
  const model::Resource* resource = ctx.catalog.resource(values.front());
  if (!resource) return make_error(Errc::InvalidTarget, "the resource no longer exists");
  return resource;
}

Result<PendingUserTokens> issue_for_grant(storage::Tx& tx, const UserTokenIssuer& issuer,
                                          const GrantContext& ctx, const Authorized& authorized,
                                          std::int64_t now) {
  auto subject = load_grant_subject(tx, authorized.grant_id, now);
  if (!subject) return subject.error();
  auto resource = granted_resource(ctx, authorized.resources);
  if (!resource) return resource.error();
  auto scopes = parse_scope(authorized.scope);
  if (!scopes) return scopes.error();
  // Logto's issueRefreshToken: offline_access, or a web app's alwaysIssueRefreshToken.
  bool offline =
      model::issues_refresh_token(ctx.client.client->app, has_scope(*scopes, "offline_access"));
  return issuer.issue(
      tx, {.grant = subject->grant,
           .user = subject->user,
           .client = *ctx.client.client,
           .scopes = *scopes,
           .resource = *resource,
           .nonce = std::string(authorized.nonce),
           .auth_time = authorized.auth_time,
           .id_token_at_hash = true,
           .refresh_expires_at = offline ? std::optional(subject->grant.expires_at) : std::nullopt,
           .dpop_jkt = ctx.request.dpop_jkt,
           .grant_type = ctx.request.grant_type});
}

Result<PendingUserTokens> AuthorizationCodeGrant::redeem(storage::Tx& tx,
                                                         const model::AuthorizationCode& code,
                                                         const GrantContext& ctx) {
  std::int64_t now = tokens_.clock().now_seconds();
  if (code.expires_at <= now) return invalid_grant("the authorization code has expired");
  if (code.redirect_uri != ctx.request.redirect_uri) {
    return invalid_grant("redirect_uri does not match the authorization request");
  }
  if (auto pkce = check_pkce(code, ctx.request.code_verifier); !pkce) return pkce.error();
  if (auto bound = check_dpop_binding(code, ctx.request.dpop_jkt); !bound) return bound.error();
  return issue_for_grant(tx, issuer_, ctx,
                         {.grant_id = code.grant_id,
                          .scope = code.scope,
                          .resources = code.resources,
                          .nonce = code.nonce,
                          .auth_time = code.auth_time},
                         now);
}

Result<TokenResponse> AuthorizationCodeGrant::handle(const GrantContext& ctx) {
  const std::string& code_param = ctx.request.code;
  if (code_param.empty()) return missing_parameter("code");
  if (ctx.request.redirect_uri.empty()) {
    return missing_parameter("redirect_uri");
  }
  Result<PendingUserTokens> result = invalid_grant("the authorization code is invalid");
  std::string hash = crypto::token_hash(code_param);
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    // Checked before consuming: another client cannot burn this client's code, nor revoke its
    // grant by replaying it.
    auto found = tx.codes().find(hash);
    if (!found) return found.error();
    if (!*found) return ok();
    if ((*found)->client_id != ctx.client.client->app.id) {
      result = invalid_grant("the code was issued to another client");
      return ok();
    }
    auto consumed = tx.codes().consume(hash, tokens_.clock().now_seconds());
    if (!consumed) return consumed.error();
    if (consumed->outcome == model::ConsumeOutcome::NotFound) return ok();
    if (consumed->outcome == model::ConsumeOutcome::AlreadyConsumed) {
      result = invalid_grant("the authorization code has already been used");
      return tx.grants().revoke(consumed->value->grant_id);  // committed with the error
    }
    result = redeem(tx, *consumed->value, ctx);
    // A failed check leaves the code consumed: an attacker gets one try.
    return ok();
  });
  if (!done) return done.error();
  if (!result) return result.error();
  return issuer_.finish(store_, std::move(*result));  // signed after the commit
}

}  // namespace latch::oidc
