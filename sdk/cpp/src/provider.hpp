#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "http_client.hpp"

// What the SDK learns from the server, cached per endpoint for the process: the discovery
// document and the JWKS. Thread-safe.
namespace latch::detail {

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint, token_endpoint, userinfo_endpoint, end_session_endpoint,
      revocation_endpoint, jwks_uri;
};

// `${endpoint}/oidc/.well-known/openid-configuration`, cached for `ttl`. Throws
// Errc::discovery_failed (or network).
boost::asio::awaitable<std::shared_ptr<const ProviderMetadata>> discover(std::string endpoint,
                                                                         TransportOptions options,
                                                                         std::chrono::seconds ttl);

// The JWK with `kid` from `jwks_uri` (cached for `ttl`; fetched again at most once per call when
// `kid` is unknown, so a rotated key is found). nullptr when the set has no such key.
boost::asio::awaitable<std::shared_ptr<const boost::json::object>> find_jwk(
    std::string jwks_uri, std::string kid, TransportOptions options, std::chrono::seconds ttl);

}  // namespace latch::detail
