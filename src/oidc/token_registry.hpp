#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "model/user.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// The user behind an opaque access token, for /oidc/me.
struct TokenSubject {
  model::User user;
  std::vector<std::string> scopes;
  boost::json::object stored_claims;  // oidc/claims.hpp membership_claims
  std::string dpop_jkt;  // RFC 9449 §6: the DPoP key the token is bound to; empty = Bearer
};

// Looks up, describes and revokes issued tokens (RFC 7662, RFC 7009, OIDC Core §5.3). Blocks on
// the database; thread-safe.
class TokenRegistry {
 public:
  TokenRegistry(const Config& config, storage::Store& store, const KeyStore& keys,
                const Clock& clock)
      : config_(config), store_(store), keys_(keys), clock_(clock) {}

  // InvalidToken when the token is unknown, expired, revoked, or its user is gone or suspended.
  [[nodiscard]] Result<TokenSubject> userinfo_subject(const std::string& access_token);
  // RFC 7662 §2.2. {"active": false} for anything not active or not issued to `client_id`.
  [[nodiscard]] Result<boost::json::object> introspect(const std::string& token,
                                                       const std::string& client_id);
  // RFC 7009 §2.1. Revoking a refresh token revokes its grant (and so its access tokens);
  // tokens of other clients and unknown tokens are left alone. UnsupportedTokenType for a JWT.
  [[nodiscard]] Result<void> revoke(const std::string& token, const std::string& client_id);

 private:
  boost::json::object introspect_jwt(const std::string& token, const std::string& client_id) const;
  const Config& config_;
  storage::Store& store_;
  const KeyStore& keys_;
  const Clock& clock_;
};

}  // namespace latch::oidc
