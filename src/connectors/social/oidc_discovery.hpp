#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "connectors/social/social_connector.hpp"

namespace latch::connectors {

// The OpenID provider's discovery document (OIDC Discovery 1.0 §4) at
// `issuer`/.well-known/openid-configuration, from the cache the OpenID Connect connectors share
// (fetched when older than 10 minutes). Errors as SocialConnector documents:
// Unavailable connector.unavailable (unreachable) or connector.invalid_response (not JSON, or
// an issuer, authorization_endpoint, token_endpoint or jwks_uri missing or not http(s)).
// Blocking.
[[nodiscard]] Result<boost::json::object> fetch_oidc_discovery(const std::string& issuer,
                                                               const ConnectorEnv& env);

}  // namespace latch::connectors
