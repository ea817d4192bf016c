#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "oidc/dpop_proof.hpp"

namespace latch::oidc {

class Provider;

// The DPoP proof of a request to the endpoint at `path` under the issuer ("/token", "/me"),
// verified (dpop_proof.hpp, against the endpoint's public URL config.issuer() + path and the
// deployment's nonces) and its jti spent in the replay table every node shares, so a proof is
// accepted once (RFC 9449 §11.1). nullopt when the request has no DPoP header. InvalidDpopProof
// for two DPoP headers (§4.3 item 1), an invalid proof or a jti already used; UseDpopNonce as
// verify_dpop_proof says. `access_token`: the token presented to a protected resource (ath).
http::asio::awaitable<Result<std::optional<DpopProof>>> request_dpop_proof(
    const Provider& op, const http::Request& req, std::string_view path,
    std::optional<std::string_view> access_token);

// The deployment's nonces when it requires them (config dpop_nonce), nullopt otherwise.
std::optional<DpopNonces> dpop_nonces(const Provider& op);

// Adds the current DPoP-Nonce header when the deployment requires nonces (RFC 9449 §8): sent
// on every answer of an endpoint that checks proofs, so a client always holds a fresh one.
void add_dpop_nonce(const Provider& op, http::Response& res);

// An error of a protected resource to a DPoP request (RFC 9449 §7.1, §9): the OAuth error JSON
// with 401 (403 for insufficient_scope) and WWW-Authenticate: DPoP error="…" with the accepted
// algs.
http::Response dpop_resource_error(const Provider& op, const Error& error);

}  // namespace latch::oidc
