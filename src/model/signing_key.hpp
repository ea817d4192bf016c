#pragma once

#include <cstdint>
#include <string>

namespace latch::model {

// Logto's rotation states: exactly one Current key per algorithm signs; Previous keys stay
// published in the JWKS until `retire_at` (when every token they signed has expired).
enum class KeyStatus { Current, Previous };

struct SigningKey {
  std::string kid;  // RFC 7638 thumbprint of the public key
  std::string alg;  // "ES256", "ES384", "RS256", "EdDSA"
  // PKCS#8 PEM of the private key sealed with the master key (AAD = kid).
  std::string sealed_private_key;
  std::string public_jwk_json;  // the public JWK, with kid and alg
  KeyStatus status = KeyStatus::Current;
  std::int64_t created_at = 0;  // epoch seconds
  std::int64_t retire_at = 0;   // epoch seconds; 0 while Current
};

}  // namespace latch::model
