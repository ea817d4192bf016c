#pragma once

// Internal to the crypto module: an OpenSSL key made ready to sign or verify JWS signatures
// under the one algorithm its type serves.

#include <optional>
#include <string>
#include <string_view>

#include "crypto/jwk.hpp"
#include "crypto/openssl_util.hpp"

namespace latch::crypto::detail {

// The algorithm a key's type serves: P-256 → ES256, P-384 → ES384 (RFC 7518 §3.4 ties each to
// its curve), RSA → RS256, Ed25519 → EdDSA (RFC 8037 §3.1). nullopt for any other key.
std::optional<JwsAlg> alg_for_key(const EVP_PKEY* pkey);

// Width in bytes of R and of S in a JOSE ECDSA signature (RFC 7518 §3.4); 0 for non-ECDSA algs.
std::size_t ecdsa_width(JwsAlg alg);

// Immutable after prepare(); sign() and verify() are thread-safe. Signing runs on the hot path
// of token issuance, so everything that can be done once is done in prepare(): the digest is
// fetched once, and the operation context is initialised once as a template that each call
// duplicates (EVP_PKEY_CTX_dup only reads its source) instead of fetching the signature
// algorithm and initialising a fresh context.
class PreparedKey {
 public:
  enum class Use { Sign, Verify };

  // nullopt when `pkey` does not serve `alg` or OpenSSL refuses the operation.
  static std::optional<PreparedKey> prepare(EvpPkeyPtr pkey, JwsAlg alg, Use use);

  JwsAlg alg() const { return alg_; }
  const EVP_PKEY* pkey() const { return pkey_.get(); }
  // REQUIRES: prepared for Use::Sign. The JWS signature (R||S for ECDSA). A failure inside
  // OpenSSL is a logged abort.
  std::string sign(std::string_view input) const;
  // REQUIRES: prepared for Use::Verify. False for a wrong or malformed signature.
  bool verify(std::string_view input, std::string_view signature) const;

 private:
  PreparedKey(EvpPkeyPtr pkey, EvpPkeyCtxPtr prepared, JwsAlg alg);
  EvpPkeyCtxPtr fresh_context() const;

  EvpPkeyPtr pkey_;
  EvpPkeyCtxPtr template_;  // null for EdDSA, which signs in one shot through EVP_MD_CTX
  JwsAlg alg_;
};

}  // namespace latch::crypto::detail
