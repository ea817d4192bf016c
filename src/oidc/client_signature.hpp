#pragma once

#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "crypto/foreign_jws.hpp"
#include "oidc/catalog.hpp"

namespace latch::oidc {

class Provider;

// How a failed signature check is reported: the error code, and what the JWS was, for the
// description ("invalid client_assertion", "invalid request object").
struct SignatureFailure {
  Errc code = Errc::InvalidClient;
  std::string_view what;
};

// Verifies a JWS the client signed (a client assertion, RFC 7523 §3 item 9; a request object,
// RFC 9101 §6.2): an HMAC alg under the client's secret; another alg under a key of its JWK Set,
// stored with the app (jwks) or behind its jwks_uri (cached; a kid the cached set lacks refetches
// it once, the client rotated its keys). A "kid" in the header picks the keys with that kid.
// Errors: `failure.code` when the signature does not verify, the client has no secret or no keys
// for the alg, or its jwks_uri cannot be fetched or does not serve a JWK Set; Unavailable when the
// outbound pool cannot take the fetch.
boost::asio::awaitable<Result<void>> verify_client_signature(const Provider& op,
                                                             const ClientEntry& client,
                                                             const crypto::UnverifiedJws& jws,
                                                             SignatureFailure failure);

}  // namespace latch::oidc
