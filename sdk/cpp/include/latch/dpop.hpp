#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace latch {

// A client's DPoP key pair (RFC 9449): a P-256 key whose proofs (ES256) bind the tokens Latch
// issues to it, so that a stolen token is worth nothing without the key. Keep one per client
// installation for as long as its tokens live. Immutable; thread-safe.
class DpopKey {
 public:
  // A fresh key from the system's random generator. Throws latch::Error(invalid_config) when
  // OpenSSL fails.
  static DpopKey generate();
  // The key a private_pem() wrote (PKCS#8 "PRIVATE KEY", or an "EC PRIVATE KEY"), so that an
  // installation keeps its key across restarts. Throws latch::Error(invalid_config) for anything
  // but an unencrypted P-256 private key.
  static DpopKey from_pem(std::string_view pem);
  // The private key as unencrypted PKCS#8 PEM. Store it as you store the tokens it binds.
  std::string private_pem() const;

  // The public key as a JWK (kty, crv, x, y), as proofs carry it.
  const boost::json::object& public_jwk() const;
  // The key's RFC 7638 thumbprint: what a bound token names in cnf.jkt.
  const std::string& jkt() const;

  // A proof for one request (RFC 9449 §4.2): typ dpop+jwt, a fresh jti, htm `method`, htu
  // `url` (the URL called, without query or fragment), iat now; ath when `access_token` is
  // given (a call to a protected resource), nonce when `nonce` is (the server's DPoP-Nonce).
  // Send it in the DPoP header of that request only.
  std::string proof(std::string_view method, std::string_view url,
                    std::string_view access_token = {}, std::string_view nonce = {}) const;

 private:
  struct Impl;
  explicit DpopKey(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

// The DPoP parts of a request to a protected resource, for JwtValidator::verify_dpop.
struct DpopRequest {
  std::string proof;   // the value of the DPoP header (exactly one)
  std::string method;  // the request's method, "GET"
  std::string url;     // the URL the client called, as it called it (scheme, host, path)
};

}  // namespace latch
