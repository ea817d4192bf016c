#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace latch::oidc {

// A token request's parameters (RFC 6749 §4.1.3, §4.4.2, §6; RFC 7636 §4.5; RFC 8707 §2),
// parsed once by the token endpoint so that grants take typed values, never raw parameters.
// Members a grant type does not use are empty.
struct TokenRequest {
  std::string grant_type;
  std::string code;           // authorization_code
  std::string redirect_uri;   // authorization_code
  std::string code_verifier;  // authorization_code, with PKCE
  std::string refresh_token;  // refresh_token
  std::string device_code;    // urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4)
  // urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693 §2.1).
  std::string subject_token, subject_token_type, actor_token, actor_token_type;
  // The scope parameter's values; nullopt when absent (a refresh keeps the original scope).
  std::optional<std::vector<std::string>> scope;
  std::vector<std::string> resources;  // absolute URIs, without repeats
  // Logto's RFC 0001/0006: the organization a token is for (refresh_token, client_credentials);
  // empty when absent.
  std::string organization_id;
  // RFC 9449 §5: the JWK thumbprint of the key of the request's verified DPoP proof; empty when
  // the request carries none. Set by the token endpoint, never from a parameter.
  std::string dpop_jkt;
};

// Reads `params` (already checked for repeats by parse_token_body). InvalidScope for a scope
// with characters RFC 6749 §3.3 does not allow, InvalidTarget for a resource that is not an
// absolute URI without a fragment.
[[nodiscard]] Result<TokenRequest> parse_token_request(const http::Params& params);

}  // namespace latch::oidc
