#include "jose.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <array>
#include <boost/json/parse.hpp>
#include <memory>
#include <optional>

#include "latch/error.hpp"

namespace latch::detail {
namespace {

namespace json = boost::json;

// RFC 7518 §3.1 and RFC 8037 §3.1: what a header's alg needs from the key and the signature.
struct Algorithm {
  std::string_view alg;
  std::string_view kty;
  std::string_view crv;         // EC and OKP only
  const char* group = nullptr;  // EC: the OpenSSL group name
  std::size_t coordinate = 0;   // EC: bytes of r and s (and x and y)
  const EVP_MD* (*digest)() = nullptr;
  bool pss = false;
};

const std::array<Algorithm, 8> kAlgorithms = {{
    {"ES256", "EC", "P-256", "prime256v1", 32, EVP_sha256},
    {"ES384", "EC", "P-384", "secp384r1", 48, EVP_sha384},
    {"ES512", "EC", "P-521", "secp521r1", 66, EVP_sha512},
    {"RS256", "RSA", "", nullptr, 0, EVP_sha256},
    {"RS384", "RSA", "", nullptr, 0, EVP_sha384},
    {"RS512", "RSA", "", nullptr, 0, EVP_sha512},
    {"PS256", "RSA", "", nullptr, 0, EVP_sha256, true},
    {"EdDSA", "OKP", "Ed25519"},
}};

const Algorithm* find_algorithm(std::string_view alg) {
  for (const auto& a : kAlgorithms) {
    if (a.alg == alg) {
      return &a;
    }
  }
  return nullptr;
}

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

// A base64url member of the JWK, decoded; nullopt when missing or malformed.
std::optional<std::string> member_bytes(const json::object& jwk, std::string_view name) {
  auto* value = jwk.if_contains(name);
  if (!value || !value->is_string()) {
    return std::nullopt;
  }
  try {
    return base64url_decode(value->as_string());
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string_view member_string(const json::object& jwk, std::string_view name) {
  auto* value = jwk.if_contains(name);
  return value && value->is_string() ? std::string_view(value->as_string()) : std::string_view();
}

BIGNUM* to_bn(const std::string& bytes) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size()), nullptr);
}

PkeyPtr pkey_from_params(const char* type, OSSL_PARAM_BLD* bld) {
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return PkeyPtr(pkey);
}

// RFC 7518 §6.2.1: an uncompressed point 04 || x || y on the named curve.
PkeyPtr ec_key(const json::object& jwk, const Algorithm& a) {
  auto x = member_bytes(jwk, "x");
  auto y = member_bytes(jwk, "y");
  if (!x || !y || x->size() != a.coordinate || y->size() != a.coordinate) {
    return nullptr;
  }
  std::string point = "\x04" + *x + *y;
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, a.group, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size())) {
    return nullptr;
  }
  return pkey_from_params("EC", bld.get());
}

// RFC 7518 §6.3.1: modulus and exponent; keys under 2048 bits are refused (§3.3).
PkeyPtr rsa_key(const json::object& jwk) {
  auto n = member_bytes(jwk, "n");
  auto e = member_bytes(jwk, "e");
  if (!n || !e || n->empty() || e->empty()) {
    return nullptr;
  }
  BnPtr bn_n(to_bn(*n));
  BnPtr bn_e(to_bn(*e));
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return nullptr;
  }
  PkeyPtr key = pkey_from_params("RSA", bld.get());
  if (key && EVP_PKEY_get_bits(key.get()) < 2048) {
    return nullptr;
  }
  return key;
}

// RFC 8037 §2: the raw 32-byte Ed25519 public key.
PkeyPtr okp_key(const json::object& jwk) {
  auto x = member_bytes(jwk, "x");
  if (!x || x->size() != 32) {
    return nullptr;
  }
  return PkeyPtr(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), x->size()));
}

PkeyPtr public_key(const json::object& jwk, const Algorithm& a) {
  if (member_string(jwk, "kty") != a.kty) {
    return nullptr;
  }
  if (!a.crv.empty() && member_string(jwk, "crv") != a.crv) {
    return nullptr;
  }
  if (a.kty == "EC") {
    return ec_key(jwk, a);
  }
  if (a.kty == "RSA") {
    return rsa_key(jwk);
  }
  return okp_key(jwk);
}

// RFC 7518 §3.4: JWS carries r || s; OpenSSL verifies a DER ECDSA-Sig-Value.
std::optional<std::string> ecdsa_der(std::string_view raw, std::size_t coordinate) {
  if (raw.size() != 2 * coordinate) {
    return std::nullopt;
  }
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = to_bn(std::string(raw.substr(0, coordinate)));
  BIGNUM* s = to_bn(std::string(raw.substr(coordinate)));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) {
    return std::nullopt;
  }
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_ECDSA_SIG(sig.get(), &out);
  return der;
}

bool digest_verify(EVP_PKEY* key, const Algorithm& a, std::string_view input,
                   std::string_view signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = a.digest ? a.digest() : nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1) {
    return false;
  }
  if (a.pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

json::object decode_object(std::string_view part, std::string_view what) {
  std::string text = base64url_decode(part);
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    throw Error(Errc::invalid_token, "the token's " + std::string(what) + " is not a JSON object");
  }
  return std::move(value.as_object());
}

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63],
            kAlphabet[v & 63]};
  }
  if (std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) {
      v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) {
      out += kAlphabet[(v >> 6) & 63];
    }
  }
  return out;
}

// RFC 7515 §2 / RFC 4648 §5 without padding; a final group with leftover bits set is refused.
std::string base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) {
    throw Error(Errc::invalid_token, "malformed base64url");
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    auto at = kAlphabet.find(c);
    if (at == std::string_view::npos) {
      throw Error(Errc::invalid_token, "malformed base64url");
    }
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) {
    throw Error(Errc::invalid_token, "malformed base64url");
  }
  return out;
}

// RFC 7515 §7.1 (compact serialization), §4.1.11 (crit); RFC 8725 §3.1 (no "none", no HMAC).
Jws parse_jws(std::string_view compact) {
  auto first = compact.find('.');
  auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    throw Error(Errc::invalid_token, "the token is not a compact JWS");
  }
  Jws jws;
  jws.header = decode_object(compact.substr(0, first), "header");
  jws.payload = decode_object(compact.substr(first + 1, second - first - 1), "payload");
  jws.signing_input = std::string(compact.substr(0, second));
  jws.signature = base64url_decode(compact.substr(second + 1));
  std::string_view alg = member_string(jws.header, "alg");
  if (!find_algorithm(alg)) {
    throw Error(Errc::invalid_token, "unsupported token algorithm \"" + std::string(alg) + "\"");
  }
  if (jws.header.contains("crit")) {
    throw Error(Errc::invalid_token, "the token has critical header parameters");
  }
  return jws;
}

bool verify_jws(const Jws& jws, const boost::json::object& jwk) {
  std::string_view alg = member_string(jws.header, "alg");
  const Algorithm* a = find_algorithm(alg);
  if (!a) {
    return false;
  }
  if (jwk.contains("alg") && member_string(jwk, "alg") != alg) {
    return false;
  }
  if (auto use = member_string(jwk, "use"); !use.empty() && use != "sig") {
    return false;
  }
  PkeyPtr key = public_key(jwk, *a);
  if (!key) {
    return false;
  }
  if (a->kty == "EC") {
    auto der = ecdsa_der(jws.signature, a->coordinate);
    return der && digest_verify(key.get(), *a, jws.signing_input, *der);
  }
  return digest_verify(key.get(), *a, jws.signing_input, jws.signature);
}

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    throw Error(Errc::invalid_config, "the system random generator failed");
  }
  return base64url_encode(raw);
}

// RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))).
std::string s256_challenge(std::string_view verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(verifier.data(), verifier.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw Error(Errc::invalid_config, "SHA-256 failed");
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), size));
}

}  // namespace latch::detail
