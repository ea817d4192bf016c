#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>

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

// TooManyRequests (with retry_after) while the client the request claims or the caller's address
// is blocked, whatever the credentials: a secret guessed right is refused like a wrong one until
// the window ends. Reads only this node's view of blocked keys; never waits on the database.
[[nodiscard]] std::optional<Error> client_auth_blocked(const Provider& op,
                                                       const http::Request& request,
                                                       const http::Params& body,
                                                       const CatalogSnapshot& catalog);

// After authenticate_client() failed with `error` (InvalidClient): records the failure in the
// audit log ("Client.Authenticate") and counts it against the claimed client (when `catalog`
// knows it: made-up ids would only fill the table) and the address, on the blocking pool (the
// counts may be in the database). Returns the error to answer: TooManyRequests once a count is
// over its limit (with several nodes, this may be the node's first news of it), else `error`.
boost::asio::awaitable<Error> client_auth_failed(const Provider& op, const http::Request& request,
                                                 const http::Params& body,
                                                 const CatalogSnapshot& catalog, Error error);

}  // namespace latch::oidc
