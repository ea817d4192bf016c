#pragma once

#include <boost/asio/awaitable.hpp>

#include "oidc/client_authenticator.hpp"

namespace latch::oidc {

class Provider;

// Authenticates the client of a token, introspection or revocation request by whichever method
// it uses. With client_assertion_type and client_assertion (RFC 7521 §4.2, RFC 7523 §2.2): the
// assertion's iss and sub name the client (and equal client_id when that is sent too); the
// client must be registered for client_secret_jwt (then HS256/HS384/HS512 under its secret) or
// private_key_jwt (RS256, PS256, ES256, ES384 or EdDSA under a key of its JWK Set, from its
// jwks, or from its jwks_uri through a cache that refetches once on an unknown kid); the claims
// pass check_assertion_claims(); and the jti has not been seen before (the replay table, shared
// by nodes, remembers it until exp). Otherwise authenticate_client().
// Errors: InvalidClient, with a description saying what was wrong, for every assertion that
// fails (an unsupported client_assertion_type included, RFC 7521 §4.2.1); InvalidRequest when
// the request mixes methods or sends one of the two parameters without the other; Unavailable
// when the outbound pool or the database cannot take the work.
boost::asio::awaitable<Result<AuthenticatedClient>> authenticate_request(
    const Provider& op, const http::Request& request, const http::Params& body,
    const CatalogSnapshot& catalog);

}  // namespace latch::oidc
