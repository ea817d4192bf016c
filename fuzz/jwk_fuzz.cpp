// JWK and JWKS parsing (src/crypto/jwk.*, jwk_codec.*). The bytes are JSON: a JWK, or a JWKS
// ({"keys": [...]}) read the way the OpenID Connect connector reads a provider's set.
//   - VerifyKey::from_jwk and jwk_thumbprint return a key or an InvalidRequest, never throw;
//   - a JWK that loads has a thumbprint, and its public members (as Latch writes them) load
//     again to the same members and the same thumbprint;
//   - a loaded key refuses every algorithm but its own, and an all-zero ECDSA or RSA signature
//     (an Ed25519 key of small order may accept one: the key itself is worthless, not the check).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jwk_codec.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

namespace json = boost::json;

std::size_t zero_signature_size(crypto::JwsAlg alg) {
  switch (alg) {
    case crypto::JwsAlg::ES256:
    case crypto::JwsAlg::EdDSA:
      return 64;
    case crypto::JwsAlg::ES384:
      return 96;
    case crypto::JwsAlg::RS256:
      return 256;
  }
  return 0;
}

void check_members_round_trip(const json::object& jwk) {
  auto key = crypto::detail::public_key_from_jwk(jwk);
  if (!key) {
    FUZZ_CHECK(key.error().code == Errc::InvalidRequest);
    return;
  }
  const json::object members = crypto::detail::public_members(key->pkey.get(), key->alg);
  auto again = crypto::detail::public_key_from_jwk(members);
  FUZZ_CHECK(again && again->alg == key->alg);
  FUZZ_CHECK(crypto::detail::public_members(again->pkey.get(), again->alg) == members);
  const auto thumbprint = crypto::jwk_thumbprint(members);
  FUZZ_CHECK(thumbprint && thumbprint->size() == 43);  // base64url of SHA-256
  const auto again_thumbprint = crypto::jwk_thumbprint(members);
  FUZZ_CHECK(again_thumbprint && *again_thumbprint == *thumbprint);
}

void check_jwk(const json::object& jwk) {
  check_members_round_trip(jwk);
  const auto thumbprint = crypto::jwk_thumbprint(jwk);
  FUZZ_CHECK(thumbprint || thumbprint.error().code == Errc::InvalidRequest);
  const auto key = crypto::VerifyKey::from_jwk(jwk);
  if (!key) {
    FUZZ_CHECK(key.error().code == Errc::InvalidRequest);
    return;
  }
  FUZZ_CHECK(thumbprint.has_value());
  const auto type = crypto::detail::public_key_from_jwk(jwk);
  FUZZ_CHECK(type.has_value());
  for (const auto alg : {crypto::JwsAlg::ES256, crypto::JwsAlg::ES384, crypto::JwsAlg::RS256,
                         crypto::JwsAlg::EdDSA}) {
    if (alg == crypto::JwsAlg::EdDSA && type->alg == alg) {
      continue;
    }
    FUZZ_CHECK(!key->verify(alg, "header.payload", std::string(zero_signature_size(alg), '\0')));
  }
}

void check_jwks(const json::object& set) {
  const auto* keys = set.if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    return;
  }
  for (const auto& jwk : keys->get_array()) {
    if (jwk.is_object()) {
      check_jwk(jwk.get_object());
    }
  }
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // As a provider's JWKS is read (connectors/social/provider_http.cpp json_body).
  const auto value = latch::parse_json(latch::fuzz::as_text(data, size));
  if (!value || !value->is_object()) {
    return 0;
  }
  latch::fuzz::check_jwk(value->get_object());
  latch::fuzz::check_jwks(value->get_object());
  return 0;
}
