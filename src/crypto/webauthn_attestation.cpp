// Attestation statement formats (W3C WebAuthn Level 2 §8). Latch asks for attestation "none",
// so it never needs a trust path; it still checks the signature a statement carries before
// accepting it.

#include "crypto/cbor_reader.hpp"
#include "crypto/webauthn.hpp"
#include "crypto/webauthn_parts.hpp"

namespace latch::crypto::webauthn::detail {
namespace {

namespace cd = crypto::detail;

// §8.2 verification procedure: authenticatorData || clientDataHash.
std::string signed_bytes(const AttestationInput& in) {
  std::string out(in.authenticator_data);
  out += in.client_data_hash;
  return out;
}

// §8.7: the "none" format's statement is an empty map.
Result<void> verify_none(const AttestationInput& in) {
  if (cbor_map_size(in.statement) != 0) {
    return failure("attestation format none with a non-empty attStmt");
  }
  return ok();
}

// §8.2 step 2: the signature is made with the key of the first x5c certificate; its chain is
// not checked (no trust path: we asked for none).
Result<void> verify_packed_x5c(const AttestationInput& in, const cbor_item_t* x5c, std::int64_t alg,
                               std::string_view signature) {
  if (!cbor_isa_array(x5c) || cbor_array_size(x5c) == 0) {
    return failure("packed attStmt x5c is not a non-empty array");
  }
  const auto certificate = cd::cbor_bytes(cbor_array_handle(x5c)[0]);
  if (!certificate || alg < INT32_MIN || alg > INT32_MAX) {
    return failure("packed attStmt x5c[0] is not a byte string or alg is out of range");
  }
  const auto key = cd::key_from_certificate(*certificate, static_cast<int>(alg));
  if (!key) {
    return failure("packed attestation certificate: " + key.error().detail);
  }
  if (!cd::verify_cose_signature(*key, signed_bytes(in), signature)) {
    return failure("packed attestation signature does not verify with x5c[0]");
  }
  return ok();
}

// §8.2 step 4: self attestation, signed with the credential key under its own algorithm.
Result<void> verify_packed_self(const AttestationInput& in, std::int64_t alg,
                                std::string_view signature) {
  if (alg != in.credential_key->algorithm) {
    return failure("packed self attestation alg differs from the credential's");
  }
  if (!cd::verify_cose_signature(in.credential_key->key, signed_bytes(in), signature)) {
    return failure("packed self attestation signature does not verify");
  }
  return ok();
}

// §8.2: attStmt {alg, sig, x5c?}; ECDAA (Level 1's ecdaaKeyId) is gone from Level 2.
Result<void> verify_packed(const AttestationInput& in) {
  const auto alg = cd::cbor_map_get(in.statement, "alg");
  const auto sig = cd::cbor_map_get(in.statement, "sig");
  const auto x5c = cd::cbor_map_get(in.statement, "x5c");
  if (!alg || !sig || !x5c) {
    return failure("packed attStmt has a duplicate key");
  }
  const auto alg_value = cd::cbor_int(*alg);
  const auto signature = cd::cbor_bytes(*sig);
  if (!alg_value || !signature) {
    return failure("packed attStmt lacks alg or sig");
  }
  if (*x5c != nullptr) {
    return verify_packed_x5c(in, *x5c, *alg_value, *signature);
  }
  return verify_packed_self(in, *alg_value, *signature);
}

}  // namespace

Result<void> verify_attestation(const AttestationInput& in) {
  if (in.statement == nullptr || !cbor_isa_map(in.statement)) {
    return failure("attStmt is not a map");
  }
  if (in.fmt == "none") {
    return verify_none(in);
  }
  if (in.fmt == "packed") {
    return verify_packed(in);
  }
  return failure("unsupported attestation format " + std::string(in.fmt.substr(0, 32)));
}

}  // namespace latch::crypto::webauthn::detail
