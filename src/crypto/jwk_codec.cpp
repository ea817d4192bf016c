#include "crypto/jwk_codec.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "crypto/encoding.hpp"
#include "crypto/prepared_key.hpp"

namespace latch::crypto::detail {
namespace {

constexpr std::size_t kEd25519KeySize = 32;  // RFC 8032 §5.1.5
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;
constexpr int kMaxRsaExponentBits = 64;

using ParamBldPtr =
    std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;

Error invalid_jwk(std::string detail) {
  ERR_clear_error();
  return make_error(Errc::InvalidRequest, "invalid JWK", std::move(detail));
}

std::string bignum_param(const EVP_PKEY* pkey, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    openssl_abort(name);
  }
  const BignumPtr value(raw);
  std::string out(static_cast<std::size_t>(width > 0 ? width : BN_num_bytes(raw)), '\0');
  if (BN_bn2binpad(raw, as_bytes(out), static_cast<int>(out.size())) < 0) {
    openssl_abort(name);
  }
  return out;
}

std::string raw_public_key(const EVP_PKEY* pkey) {
  std::string out(kEd25519KeySize, '\0');
  std::size_t length = out.size();
  if (EVP_PKEY_get_raw_public_key(pkey, as_bytes(out), &length) != 1 || length != out.size()) {
    openssl_abort("EVP_PKEY_get_raw_public_key");
  }
  return out;
}

EvpPkeyPtr key_from_params(const char* type, const OSSL_PARAM* params) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) !=
          1) {
    return nullptr;
  }
  return EvpPkeyPtr(raw);
}

bool is_valid_public_key(EVP_PKEY* pkey) {
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  return ctx && EVP_PKEY_public_check(ctx.get()) == 1;
}

std::optional<std::string> decoded_member(const boost::json::object& jwk, std::string_view name) {
  const auto text = string_member(jwk, name);
  return text ? base64url_decode(*text) : std::nullopt;
}

// RFC 7518 §6.2.1: the curve, then x and y at the full coordinate width.
Result<PublicKey> ec_from_jwk(const boost::json::object& jwk) {
  const auto crv = string_member(jwk, "crv");
  if (crv != "P-256" && crv != "P-384") {
    return invalid_jwk("unsupported or missing crv");
  }
  const JwsAlg alg = crv == "P-256" ? JwsAlg::ES256 : JwsAlg::ES384;
  const auto x = decoded_member(jwk, "x");
  const auto y = decoded_member(jwk, "y");
  if (!x || !y || x->size() != ecdsa_width(alg) || y->size() != ecdsa_width(alg)) {
    return invalid_jwk("EC coordinates missing or not at full width");
  }
  std::string point = "\x04" + *x + *y;  // SEC 1 §2.3.3 uncompressed point
  char group[16] = {};
  crv->copy(group, sizeof group - 1);
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_END};
  auto pkey = key_from_params("EC", params);
  if (!pkey || !is_valid_public_key(pkey.get())) {
    return invalid_jwk("EC point is not on the curve");
  }
  return PublicKey{std::move(pkey), alg};
}

// RFC 7518 §6.3.1: modulus and exponent as big-endian unsigned integers.
Result<PublicKey> rsa_from_jwk(const boost::json::object& jwk) {
  const auto n_bytes = decoded_member(jwk, "n");
  const auto e_bytes = decoded_member(jwk, "e");
  // One leading zero byte is tolerated in n; anything longer cannot be in range.
  if (!n_bytes || !e_bytes || n_bytes->size() > kMaxRsaBits / 8 + 1 ||
      e_bytes->size() > kMaxRsaExponentBits / 8 + 1) {
    return invalid_jwk("RSA n or e missing or too long");
  }
  const BignumPtr n(BN_bin2bn(as_bytes(*n_bytes), static_cast<int>(n_bytes->size()), nullptr));
  const BignumPtr e(BN_bin2bn(as_bytes(*e_bytes), static_cast<int>(e_bytes->size()), nullptr));
  if (!n || !e || BN_num_bits(n.get()) < kMinRsaBits || BN_num_bits(n.get()) > kMaxRsaBits ||
      !BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_num_bits(e.get()) > kMaxRsaExponentBits) {
    return invalid_jwk("RSA modulus or exponent out of range");
  }
  const ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return invalid_jwk("cannot build RSA parameters");
  }
  const ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  auto pkey = params ? key_from_params("RSA", params.get()) : nullptr;
  if (!pkey) {
    return invalid_jwk("RSA key rejected");
  }
  return PublicKey{std::move(pkey), JwsAlg::RS256};
}

// RFC 8037 §2: "crv" names the curve and "x" holds the raw public key.
Result<PublicKey> okp_from_jwk(const boost::json::object& jwk) {
  if (string_member(jwk, "crv") != "Ed25519") {
    return invalid_jwk("unsupported or missing crv");
  }
  const auto x = decoded_member(jwk, "x");
  if (!x || x->size() != kEd25519KeySize) {
    return invalid_jwk("Ed25519 x missing or not 32 bytes");
  }
  EvpPkeyPtr pkey(
      EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, as_bytes(*x), x->size()));
  if (!pkey) {
    return invalid_jwk("Ed25519 key rejected");
  }
  return PublicKey{std::move(pkey), JwsAlg::EdDSA};
}

}  // namespace

std::optional<std::string_view> string_member(const boost::json::object& jwk,
                                              std::string_view name) {
  const boost::json::value* value = jwk.if_contains(name);
  if (value == nullptr || !value->is_string()) {
    return std::nullopt;
  }
  return std::string_view(value->get_string());
}

boost::json::object public_members(const EVP_PKEY* pkey, JwsAlg alg) {
  boost::json::object jwk;
  switch (alg) {
    case JwsAlg::ES256:
    case JwsAlg::ES384: {
      const int width = static_cast<int>(ecdsa_width(alg));
      jwk["kty"] = "EC";
      jwk["crv"] = alg == JwsAlg::ES256 ? "P-256" : "P-384";
      jwk["x"] = base64url_encode(bignum_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width));
      jwk["y"] = base64url_encode(bignum_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width));
      break;
    }
    case JwsAlg::RS256:
      jwk["kty"] = "RSA";
      jwk["n"] = base64url_encode(bignum_param(pkey, OSSL_PKEY_PARAM_RSA_N, 0));
      jwk["e"] = base64url_encode(bignum_param(pkey, OSSL_PKEY_PARAM_RSA_E, 0));
      break;
    case JwsAlg::EdDSA:
      jwk["kty"] = "OKP";
      jwk["crv"] = "Ed25519";
      jwk["x"] = base64url_encode(raw_public_key(pkey));
      break;
  }
  return jwk;
}

Result<PublicKey> public_key_from_jwk(const boost::json::object& jwk) {
  const auto kty = string_member(jwk, "kty");
  if (kty == "EC") {
    return ec_from_jwk(jwk);
  }
  if (kty == "RSA") {
    return rsa_from_jwk(jwk);
  }
  if (kty == "OKP") {
    return okp_from_jwk(jwk);
  }
  return invalid_jwk("unsupported or missing kty");
}

}  // namespace latch::crypto::detail
