#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/user.hpp"
#include "oidc/catalog.hpp"
#include "oidc/token_service.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// What to issue to a user's app from a grant (authorization code or refresh token).
struct UserTokenRequest {
  const model::Grant& grant;
  const model::User& user;
  const ClientEntry& client;
  std::vector<std::string> scopes;            // granted (possibly narrowed) scopes
  const model::Resource* resource = nullptr;  // JWT access token for it; else opaque
  // Logto's RFC 0001: with no resource, an organization token (aud urn:logto:organization:<id>)
  // carrying the organization scopes the user's roles there grant; with a resource, a token for
  // it whose organization-role scopes come from this organization only, with an organization_id
  // claim. Empty = none. The caller has checked access (check_user_organization_access).
  std::string organization_id;
  std::string nonce;
  std::int64_t auth_time = 0;
  bool id_token_at_hash = true;  // the code flow binds the ID token to the access token
  // Refresh token to issue: nullopt = none; otherwise its absolute expiry.
  std::optional<std::int64_t> refresh_expires_at;
  // The refresh token's value (a rotated token's derived successor, bound as the caller wants);
  // empty = a random one, bound to refresh_token_jkt(client, dpop_jkt).
  std::string refresh_token;
  // More claims for a JWT access token (RFC 8693 §4.1 act); opaque tokens do not carry them.
  boost::json::object extra_claims = {};
  // RFC 9449 §5, §6: the access token is bound to this DPoP key thumbprint (cnf.jkt), and so is
  // the refresh token of a public client; empty = Bearer tokens.
  std::string dpop_jkt;
  // The request's grant_type (the token sample's gty a custom claims script sees).
  std::string grant_type = {};
  // What a custom claims script sees as context.grant (a subject token's exchange); empty = none.
  boost::json::object grant_context = {};
};

// Issues access, ID and refresh tokens for a user and stores what must be stored (opaque access
// tokens and refresh tokens, by hash) through `tx`. Thread-safe; blocks only through `tx`.
class UserTokenIssuer {
 public:
  explicit UserTokenIssuer(const TokenService& tokens) : tokens_(tokens) {}
  [[nodiscard]] Result<TokenResponse> issue(storage::Tx& tx, const UserTokenRequest& request) const;

 private:
  Result<void> resource_token(storage::Tx& tx, const UserTokenRequest& request,
                              TokenResponse& out) const;
  Result<void> organization_token(storage::Tx& tx, const UserTokenRequest& request,
                                  TokenResponse& out) const;
  Result<void> opaque_token(storage::Tx& tx, const UserTokenRequest& request,
                            TokenResponse& out) const;
  Result<std::string> id_token(const UserTokenRequest& request, const std::string& access_token,
                               const boost::json::object& stored) const;
  const TokenService& tokens_;
};

// OIDC Core §3.1.3.6: base64url of the left half of the hash of `token` with the hash that
// goes with `alg` (SHA-256 for ES256/RS256, SHA-384 for ES384, SHA-512 for EdDSA).
std::string at_hash(crypto::JwsAlg alg, std::string_view token);

// RFC 9449 §5: the DPoP key a refresh token issued with a proof by `dpop_jkt` is bound to: the
// proof's for a public client; none for a confidential one, whose refresh tokens are bound to
// its client authentication already.
std::string refresh_token_jkt(const model::Application& app, const std::string& dpop_jkt);

// The scopes of `requested` that are in `granted` (what the caller's roles grant on a resource),
// in the order requested: unknown and ungranted scopes are dropped, as Logto drops them.
std::vector<std::string> granted_scopes(const std::vector<std::string>& requested,
                                        const std::vector<std::string>& granted);

}  // namespace latch::oidc
