#pragma once

#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "http/request.hpp"
#include "oidc/catalog.hpp"

namespace latch::oidc {

class Provider;

// JWS algorithms a request object may be signed with (discovery's
// request_object_signing_alg_values_supported): those of client assertions. Never "none".
inline constexpr std::string_view kRequestObjectAlgs[] = {"HS256", "HS384", "HS512", "RS256",
                                                          "PS256", "ES256", "ES384", "EdDSA"};

// RFC 9101 §6: the authorization request parameters carried by `jwt`, a request object `client`
// signed, each claim one parameter (strings as they are, numbers in decimal, arrays of strings as
// repeated parameters) except the JWT's own (iss, aud, exp, iat, nbf, jti, sub). Checks: a JWS
// (never alg none, RFC 9101 §6.1) whose signature verifies under the client's secret (HS*) or a
// key of its JWK Set (client_signature.hpp); iss and client_id are the client's id; aud is the
// issuer (or an array of the issuer and the pushed authorization request endpoint only); exp is
// present and not past, nbf and iat not in the future (30 s of leeway each).
// Errors: InvalidRequestObject naming what was wrong; Unavailable when the client's keys could not
// be fetched for lack of capacity.
boost::asio::awaitable<Result<http::Params>> read_request_object(const Provider& op,
                                                                 const ClientEntry& client,
                                                                 std::string_view jwt);

}  // namespace latch::oidc
