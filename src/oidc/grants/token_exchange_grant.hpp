#pragma once

#include "oidc/audit_log.hpp"
#include "oidc/grants/grant.hpp"
#include "oidc/key_store.hpp"
#include "oidc/user_token_issuer.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

inline constexpr std::string_view kTokenExchangeGrantType =
    "urn:ietf:params:oauth:grant-type:token-exchange";

// RFC 8693 token exchange as Logto offers it (its RFC 0005): an app whose
// customClientMetadata.allowTokenExchange is on (unauthorized_client otherwise) trades a subject
// token (Latch's "sub_" token from /api/subject-tokens: impersonation, single use) or an access
// token Latch issued to a first-party app (delegation) for a new access token for the same user:
// a JWT for `resource` (or the organization in organization_id) carrying the requested scopes the
// user's roles grant now, or else an opaque token carrying the requested OIDC scopes. With an
// access-token subject the scopes must be ones it holds (invalid_scope otherwise); absent, they
// are the ones it holds. An actor_token (an opaque access token with openid) adds
// act: {sub: actor} to a JWT (RFC 8693 §4.1). No ID or refresh token is issued. Every exchange,
// refused or not, is written to the audit log (ExchangeTokenBy.TokenExchange).
class TokenExchangeGrant final : public Grant {
 public:
  TokenExchangeGrant(storage::Store& store, const TokenService& tokens, const KeyStore& keys)
      : store_(store), tokens_(tokens), keys_(keys), issuer_(tokens) {}
  std::string_view grant_type() const override { return kTokenExchangeGrantType; }
  bool blocks(const GrantContext&) const override { return true; }
  [[nodiscard]] Result<void> admit(const GrantContext& ctx) const override;
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  Result<PendingUserTokens> exchange(storage::Tx& tx, const GrantContext& ctx, AuditEvent& audit);
  storage::Store& store_;
  const TokenService& tokens_;
  const KeyStore& keys_;
  UserTokenIssuer issuer_;
};

}  // namespace latch::oidc
