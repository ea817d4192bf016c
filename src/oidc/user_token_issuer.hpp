#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/user.hpp"
#include "oidc/catalog.hpp"
#include "oidc/custom_claims.hpp"
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

// What UserTokenIssuer::issue decided inside a grant's transaction, with the JWTs still to sign.
// finish() signs them after the transaction commits, so that neither the signatures nor an
// operator's custom claims script (up to its 5 s limit) hold the database's writer.
struct PendingUserTokens {
  TokenResponse response;  // opaque access and refresh tokens in place; the JWTs not yet
  std::optional<AccessTokenClaims> access_claims;               // a JWT access token to sign
  std::optional<ClaimsCustomizer::UserTokenRun> claims_script;  // run on it before signing
  std::optional<boost::json::object> id_token_claims;           // an ID token to sign
  crypto::JwsAlg id_token_alg = crypto::JwsAlg::ES256;
  bool id_token_at_hash = false;  // the ID token binds the access token (at_hash)
  // The hash of a refresh token issue() made up and stored: nobody has it yet, so a refusal in
  // finish() removes it. A rotated token's successor stays: it is derived, and a retry within
  // the reuse leeway is answered with it.
  std::string made_refresh_token_hash;
};

// Issues access, ID and refresh tokens for a user: issue() stores what must be stored (opaque
// access tokens and refresh tokens, by hash) through the grant's `tx`; finish() signs after the
// commit. Thread-safe; issue() blocks only through `tx`, finish() for the claims script's run.
class UserTokenIssuer {
 public:
  explicit UserTokenIssuer(const TokenService& tokens) : tokens_(tokens) {}
  [[nodiscard]] Result<PendingUserTokens> issue(storage::Tx& tx,
                                                const UserTokenRequest& request) const;
  // Runs the custom claims script and signs. The script's refusal (DeviceAccessDenied, or
  // InvalidRequest when it fails and blocks issuance) is the answer; the refresh token issue()
  // made up is then removed from `store`, in a transaction of its own.
  [[nodiscard]] Result<TokenResponse> finish(storage::Store& store,
                                             PendingUserTokens pending) const;

 private:
  Result<void> resource_token(storage::Tx& tx, const UserTokenRequest& request,
                              PendingUserTokens& out) const;
  Result<void> organization_token(storage::Tx& tx, const UserTokenRequest& request,
                                  PendingUserTokens& out) const;
  Result<void> opaque_token(storage::Tx& tx, const UserTokenRequest& request,
                            TokenResponse& out) const;
  // The claims script's run for `claims`, when a script is stored (custom_claims.hpp).
  Result<void> prepare_script(storage::Tx& tx, const UserTokenRequest& request,
                              AccessTokenClaims& claims, PendingUserTokens& out) const;
  void plan_id_token(const UserTokenRequest& request, const boost::json::object& stored,
                     PendingUserTokens& out) const;
  Result<void> sign(PendingUserTokens& pending) const;
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
