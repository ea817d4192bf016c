#pragma once

#include "oidc/grants/grant.hpp"
#include "oidc/user_token_issuer.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6) and the Security BCP's replay rule: a code is
// single use, and a replayed code revokes every token its grant issued (RFC 9700 §4.2.4).
class AuthorizationCodeGrant final : public Grant {
 public:
  AuthorizationCodeGrant(storage::Store& store, const TokenService& tokens)
      : store_(store), tokens_(tokens), issuer_(tokens) {}
  std::string_view grant_type() const override { return "authorization_code"; }
  bool blocks(const GrantContext&) const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  Result<PendingUserTokens> redeem(storage::Tx& tx, const model::AuthorizationCode& code,
                                   const GrantContext& ctx);
  storage::Store& store_;
  const TokenService& tokens_;
  UserTokenIssuer issuer_;
};

// Loads the grant and its user for a token request; InvalidGrant when the grant was revoked or
// expired, or the user is gone or suspended.
struct GrantSubject {
  model::Grant grant;
  model::User user;
};
[[nodiscard]] Result<GrantSubject> load_grant_subject(storage::Tx& tx, const std::string& grant_id,
                                                      std::int64_t now);

// The resource a token request names, which must be one the grant covers (RFC 8707 §2.2).
// nullptr when the request names none.
[[nodiscard]] Result<const model::Resource*> granted_resource(const GrantContext& ctx,
                                                              const std::string& grant_resources);

// What a one-time authorization (an authorization code, an approved device code) recorded for
// the tokens it is redeemed for.
struct Authorized {
  const std::string& grant_id;
  const std::string& scope;      // space-separated, as granted
  const std::string& resources;  // space-separated resource indicators
  std::string_view nonce;        // the authentication request's, for the ID token; may be empty
  std::int64_t auth_time = 0;
};

// The tokens for a redeemed authorization: the grant and its user loaded (load_grant_subject),
// the requested resource checked against the granted ones (granted_resource), a refresh token
// when offline_access was granted, bound to the request's DPoP key when it sent a proof.
[[nodiscard]] Result<PendingUserTokens> issue_for_grant(storage::Tx& tx,
                                                        const UserTokenIssuer& issuer,
                                                        const GrantContext& ctx,
                                                        const Authorized& authorized,
                                                        std::int64_t now);

}  // namespace latch::oidc
