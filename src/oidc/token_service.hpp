#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "oidc/key_store.hpp"

namespace latch::oidc {

// What a token endpoint answers (RFC 6749 §5.1). Logto's SDKs rely on `scope` and `expires_in`
// always being present.
struct TokenResponse {
  std::string access_token;
  std::int64_t expires_in = 0;
  std::string scope;  // an empty one is left out of the response unless scope_when_empty
  bool scope_when_empty = false;
  std::optional<std::string> id_token;
  std::optional<std::string> refresh_token;
  // RFC 8693 §2.2.1: what a token exchange issued (its access_token's type).
  std::optional<std::string> issued_token_type;
  std::string token_type = "Bearer";  // "DPoP" for a DPoP-bound access token (RFC 9449 §5)
  std::string user_id;  // whom the tokens are for ("" for an app's own); not sent, for the audit
};

boost::json::object to_json(const TokenResponse& response);

// The claims of a JWT access token (RFC 9068 §2.2).
struct AccessTokenClaims {
  std::string subject;  // user id, or client id for machine-to-machine tokens
  std::string client_id;
  std::string audience;  // resource indicator
  std::string scope;     // an empty one is no claim, as Logto's, unless scope_when_empty
  std::int64_t ttl = 3600;
  boost::json::object extra;      // e.g. organization_id
  std::string jti;                // empty: a random one
  bool scope_when_empty = false;  // Logto's organization tokens: `scope: ""`
};

class ClaimsCustomizer;  // oidc/custom_claims.hpp

// Mints signed tokens with the current keys. Thread-safe; no I/O.
class TokenService {
 public:
  // `customizer`: runs the operators' custom claims scripts on JWT access tokens (none: no
  // custom claims); the grants reach it through customizer().
  TokenService(const Config& config, const KeyStore& keys, const Clock& clock,
               const ClaimsCustomizer* customizer = nullptr)
      : config_(config), keys_(keys), clock_(clock), customizer_(customizer) {}

  // A JWT access token with header typ "at+jwt" (RFC 9068 §2.1), signed with the configured
  // access-token algorithm. Unavailable when no key of that algorithm is loaded.
  [[nodiscard]] Result<std::string> jwt_access_token(const AccessTokenClaims& claims) const;
  // Signs `payload` as a JWT with `alg` (used for ID tokens).
  [[nodiscard]] Result<std::string> sign(crypto::JwsAlg alg, const boost::json::object& payload,
                                         std::string_view typ = "JWT") const;

  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  const ClaimsCustomizer* customizer() const { return customizer_; }

 private:
  const Config& config_;
  const KeyStore& keys_;
  const Clock& clock_;
  const ClaimsCustomizer* customizer_;
};

}  // namespace latch::oidc
