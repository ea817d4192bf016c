#pragma once

// Internal to the crypto module: COSE_Key public keys (RFC 9052 §7, RFC 9053 §7.1.1, RFC 8230
// §4) and signatures in the form WebAuthn carries them (W3C WebAuthn Level 2 §6.5.6).

#include <string_view>

#include "core/result.hpp"
#include "crypto/prepared_key.hpp"

namespace latch::crypto::detail {

struct CoseKey {
  PreparedKey key;    // prepared to verify
  int algorithm = 0;  // the COSE "alg": webauthn::kEs256 or webauthn::kRs256
};

// The key `bytes` encode: exactly one CBOR map, nothing after it, with kty, alg and the key's
// parameters. ES256 (-7) needs kty EC2, crv P-256 and 32-byte x and y on the curve; RS256
// (-257) needs kty RSA and n of 2048..8192 bits with an odd e. InvalidRequest otherwise, the
// detail naming what is wrong ("unsupported COSE algorithm -8" for any other alg).
[[nodiscard]] Result<CoseKey> parse_cose_key(std::string_view bytes);

// The public key of the DER X.509 certificate `der`, prepared to verify COSE `algorithm`
// (P-256 for ES256, RSA of 2048..8192 bits for RS256). InvalidRequest when the certificate does
// not parse, something follows it, or its key does not fit `algorithm`. No chain, validity
// period or extension is checked.
[[nodiscard]] Result<PreparedKey> key_from_certificate(std::string_view der, int algorithm);

// True when `signature` is valid over `data` for `key`: a DER ECDSA-Sig-Value (SEC 1 §C.5) for
// ES256, a PKCS#1 v1.5 signature for RS256 (WebAuthn Level 2 §6.5.6). False for anything else.
bool verify_cose_signature(const PreparedKey& key, std::string_view data,
                           std::string_view signature);

}  // namespace latch::crypto::detail
