#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/rate_limiter.hpp"
#include "oidc/client_authenticator.hpp"

namespace latch::oidc {

class Provider;

// The limits on failed client authentications at the token, introspection and revocation
// endpoints: per client (a known client_id) and per caller address. Owned by the composition
// root.
struct ClientAuthLimits {
  http::RateLimiter& per_client;
  http::RateLimiter& per_ip;
};

// authenticate_client() under ClientAuthLimits. TooManyRequests (with retry_after) while the
// claimed client or the caller's address is blocked, whatever the credentials: a secret guessed
// right is refused like a wrong one until the window ends. An InvalidClient failure is counted
// against both (on the blocking pool: the counts may be in the database), and answered
// TooManyRequests instead when the count is over a limit (another node's failures pushed it
// there); a success reads only this node's view of blocked keys and never waits on the
// database.
boost::asio::awaitable<Result<AuthenticatedClient>> authenticate_limited(
    const Provider& op, const http::Request& request, const http::Params& body,
    const CatalogSnapshot& catalog);

}  // namespace latch::oidc
