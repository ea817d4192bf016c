#include "crypto/cose.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>

#include <boost/json/object.hpp>
#include <climits>

#include "crypto/cbor_reader.hpp"
#include "crypto/ecdsa_format.hpp"
#include "crypto/encoding.hpp"
#include "crypto/jwk_codec.hpp"
#include "crypto/webauthn.hpp"

namespace latch::crypto::detail {
namespace {

// RFC 9052 §7.1 and RFC 9053 §7.1.1 / RFC 8230 §4 labels.
constexpr std::int64_t kLabelKty = 1, kLabelAlg = 3;
constexpr std::int64_t kLabelCrv = -1, kLabelX = -2, kLabelY = -3;  // EC2
constexpr std::int64_t kLabelN = -1, kLabelE = -2;                  // RSA
constexpr std::int64_t kKtyEc2 = 2, kKtyRsa = 3, kCrvP256 = 1;
constexpr int kMinRsaBits = 2048, kMaxRsaBits = 8192;

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;

Error invalid_key(std::string detail) {
  ERR_clear_error();
  return make_error(Errc::InvalidRequest, "invalid COSE key", std::move(detail));
}

// The byte string at `label` of `map`, base64url-encoded for a JWK; nullopt when absent, not a
// definite byte string, or the label occurs twice.
std::optional<std::string> bytes_member(const cbor_item_t* map, std::int64_t label) {
  const auto value = cbor_map_get(map, label);
  const auto bytes = value ? cbor_bytes(*value) : std::nullopt;
  return bytes ? std::optional(base64url_encode(*bytes)) : std::nullopt;
}

std::optional<std::int64_t> int_member(const cbor_item_t* map, std::int64_t label) {
  const auto value = cbor_map_get(map, label);
  return value ? cbor_int(*value) : std::nullopt;
}

// RFC 9053 §7.1.1 EC2 key as the RFC 7518 §6.2.1 JWK that jwk_codec reads (it checks the point).
Result<boost::json::object> ec2_jwk(const cbor_item_t* map) {
  const auto x = bytes_member(map, kLabelX);
  const auto y = bytes_member(map, kLabelY);
  if (int_member(map, kLabelKty) != kKtyEc2 || int_member(map, kLabelCrv) != kCrvP256 || !x || !y) {
    return invalid_key("ES256 needs kty EC2, crv P-256, x and y");
  }
  // jwk_codec checks the width of the decoded coordinates; a wrong width is refused there.
  return boost::json::object{{"kty", "EC"}, {"crv", "P-256"}, {"x", *x}, {"y", *y}};
}

// RFC 8230 §4 RSA key as the RFC 7518 §6.3.1 JWK (jwk_codec bounds n and e).
Result<boost::json::object> rsa_jwk(const cbor_item_t* map) {
  const auto n = bytes_member(map, kLabelN);
  const auto e = bytes_member(map, kLabelE);
  if (int_member(map, kLabelKty) != kKtyRsa || !n || !e) {
    return invalid_key("RS256 needs kty RSA, n and e");
  }
  return boost::json::object{{"kty", "RSA"}, {"n", *n}, {"e", *e}};
}

Result<boost::json::object> jwk_of(const cbor_item_t* map, std::int64_t alg) {
  if (alg == webauthn::kEs256) {
    return ec2_jwk(map);
  }
  if (alg == webauthn::kRs256) {
    return rsa_jwk(map);
  }
  return invalid_key("unsupported COSE algorithm " + std::to_string(alg));
}

JwsAlg jws_alg_of(int algorithm) {
  return algorithm == webauthn::kEs256 ? JwsAlg::ES256 : JwsAlg::RS256;
}

Result<PreparedKey> prepare(EvpPkeyPtr pkey, int algorithm) {
  const bool is_rsa = EVP_PKEY_is_a(pkey.get(), "RSA") == 1;
  const int bits = EVP_PKEY_get_bits(pkey.get());
  if (is_rsa && (bits < kMinRsaBits || bits > kMaxRsaBits)) {
    return invalid_key("RSA key of " + std::to_string(bits) + " bits");
  }
  auto prepared =
      PreparedKey::prepare(std::move(pkey), jws_alg_of(algorithm), PreparedKey::Use::Verify);
  if (!prepared) {
    return invalid_key("key type does not fit COSE algorithm " + std::to_string(algorithm));
  }
  return std::move(*prepared);
}

}  // namespace

Result<CoseKey> parse_cose_key(std::string_view bytes) {
  auto loaded = load_cbor(bytes);
  if (!loaded || loaded->size != bytes.size() || !cbor_isa_map(loaded->item.get())) {
    return invalid_key("not exactly one CBOR map");
  }
  const auto alg = int_member(loaded->item.get(), kLabelAlg);
  if (!alg) {
    return invalid_key("alg missing");
  }
  const auto jwk = jwk_of(loaded->item.get(), *alg);
  if (!jwk) {
    return jwk.error();
  }
  auto key = public_key_from_jwk(*jwk);
  if (!key) {
    return invalid_key(key.error().detail);
  }
  const int algorithm = static_cast<int>(*alg);
  auto prepared = prepare(std::move(key->pkey), algorithm);
  if (!prepared) {
    return prepared.error();
  }
  return CoseKey{std::move(*prepared), algorithm};
}

Result<PreparedKey> key_from_certificate(std::string_view der, int algorithm) {
  if (algorithm != webauthn::kEs256 && algorithm != webauthn::kRs256) {
    return invalid_key("unsupported COSE algorithm " + std::to_string(algorithm));
  }
  if (der.size() > static_cast<std::size_t>(LONG_MAX)) {
    return invalid_key("certificate too long");
  }
  const unsigned char* cursor = as_bytes(der);
  const X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!certificate || cursor != as_bytes(der) + der.size()) {
    return invalid_key("attestation certificate does not parse");
  }
  EvpPkeyPtr pkey(X509_get_pubkey(certificate.get()));
  if (!pkey) {
    return invalid_key("attestation certificate has no usable key");
  }
  return prepare(std::move(pkey), algorithm);
}

bool verify_cose_signature(const PreparedKey& key, std::string_view data,
                           std::string_view signature) {
  if (key.alg() != JwsAlg::ES256) {
    return key.alg() == JwsAlg::RS256 && key.verify(data, signature);
  }
  const auto jose = der_to_jose(signature, ecdsa_width(JwsAlg::ES256));
  ERR_clear_error();
  return jose && key.verify(data, *jose);
}

}  // namespace latch::crypto::detail
