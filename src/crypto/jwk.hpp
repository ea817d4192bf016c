#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto {

// JWS algorithms Latch signs with (RFC 7518 §3.1, RFC 8037 for EdDSA with Ed25519).
enum class JwsAlg { ES256, ES384, RS256, EdDSA };

std::string_view alg_name(JwsAlg alg);
std::optional<JwsAlg> parse_alg(std::string_view name);

// A private signing key. Immutable after construction; sign() is thread-safe.
class SigningKeyPair {
 public:
  // Generates a fresh key: P-256, P-384, RSA 2048 or Ed25519.
  static SigningKeyPair generate(JwsAlg alg);
  // From a PKCS#8 PEM; InvalidRequest when the PEM does not parse or does not fit `alg`.
  [[nodiscard]] static Result<SigningKeyPair> from_pem(JwsAlg alg, std::string_view pem);

  JwsAlg alg() const { return alg_; }
  const std::string& kid() const { return kid_; }  // RFC 7638 thumbprint, base64url
  std::string private_pem() const;                 // PKCS#8
  // The public JWK with "kid", "alg" and "use": "sig".
  const boost::json::object& public_jwk() const { return public_jwk_; }
  // The JWS signature over `signing_input` (RFC 7515 §5.1): R||S for ECDSA (RFC 7518 §3.4),
  // raw for RSA and EdDSA.
  std::string sign(std::string_view signing_input) const;

 private:
  struct Impl;
  SigningKeyPair(JwsAlg alg, std::shared_ptr<const Impl> impl);
  JwsAlg alg_;
  std::shared_ptr<const Impl> impl_;
  std::string kid_;
  boost::json::object public_jwk_;
};

// A public key from a JWK (EC P-256/P-384, RSA, OKP Ed25519). Immutable; thread-safe.
class VerifyKey {
 public:
  // InvalidRequest when the JWK is malformed or of an unsupported type.
  [[nodiscard]] static Result<VerifyKey> from_jwk(const boost::json::object& jwk);
  std::optional<JwsAlg> alg() const { return alg_; }  // from the JWK's "alg", if any
  const std::string& kid() const { return kid_; }
  // True when `signature` (JOSE format) is valid for `signing_input` under `alg`. False when
  // `alg` does not fit the key type.
  bool verify(JwsAlg alg, std::string_view signing_input, std::string_view signature) const;

 private:
  struct Impl;
  VerifyKey() = default;
  std::shared_ptr<const Impl> impl_;
  std::optional<JwsAlg> alg_;
  std::string kid_;
};

// RFC 7638 thumbprint (SHA-256, base64url) of a public JWK's required members.
[[nodiscard]] Result<std::string> jwk_thumbprint(const boost::json::object& jwk);

}  // namespace latch::crypto
