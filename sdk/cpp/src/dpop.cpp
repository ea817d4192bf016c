#include "latch/dpop.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>
#include <chrono>

#include "dpop_check.hpp"
#include "jose.hpp"
#include "latch/error.hpp"

namespace latch {
namespace {

namespace json = boost::json;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

[[noreturn]] void openssl_failed(const char* what) {
  throw Error(Errc::invalid_config, std::string("OpenSSL failed: ") + what);
}

// A P-256 public coordinate, 32 bytes big-endian (RFC 7518 §6.2.1.2).
std::string coordinate(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) openssl_failed("EVP_PKEY_get_bn_param");
  std::string out(32, '\0');
  int written = BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), 32);
  BN_free(bn);
  if (written != 32) openssl_failed("BN_bn2binpad");
  return out;
}

// RFC 7518 §3.4: the JWS signature is R || S, each 32 bytes, where OpenSSL gives DER.
std::string jose_signature(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (!sig) openssl_failed("d2i_ECDSA_SIG");
  std::string out(64, '\0');
  auto* raw = reinterpret_cast<unsigned char*>(out.data());
  bool ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw, 32) == 32 &&
            BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw + 32, 32) == 32;
  ECDSA_SIG_free(sig);
  if (!ok) openssl_failed("BN_bn2binpad");
  return out;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct DpopKey::Impl {
  explicit Impl(PkeyPtr owned) : key(std::move(owned)) {
    jwk = {{"kty", "EC"},
           {"crv", "P-256"},
           {"x", detail::base64url_encode(coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_X))},
           {"y", detail::base64url_encode(coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y))}};
    jkt = detail::jwk_thumbprint(jwk);
  }

  PkeyPtr key;
  json::object jwk;
  std::string jkt;

  std::string sign(std::string_view input) const {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    std::size_t size = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, nullptr, 0) != 1) {
      openssl_failed("EVP_DigestSignInit");
    }
    std::string der(size, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
      openssl_failed("EVP_DigestSign");
    }
    der.resize(size);
    return jose_signature(der);
  }
};

DpopKey::DpopKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

DpopKey DpopKey::generate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) openssl_failed("EVP_PKEY_Q_keygen");
  return DpopKey(std::make_shared<const Impl>(std::move(key)));
}

DpopKey DpopKey::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) openssl_failed("BIO_new_mem_buf");
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  char group[32] = {};
  std::size_t group_length = 0;
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
      EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     &group_length) != 1 ||
      std::string_view(group, group_length) != "prime256v1") {
    ERR_clear_error();  // what PEM parsing left in this thread's queue
    throw Error(Errc::invalid_config, "the DPoP key is not a P-256 private key in PEM");
  }
  return DpopKey(std::make_shared<const Impl>(std::move(key)));
}

std::string DpopKey::private_pem() const {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    openssl_failed("PEM_write_bio_PrivateKey");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

const boost::json::object& DpopKey::public_jwk() const { return impl_->jwk; }

const std::string& DpopKey::jkt() const { return impl_->jkt; }

std::string DpopKey::proof(std::string_view method, std::string_view url,
                           std::string_view access_token, std::string_view nonce) const {
  json::object header{{"typ", "dpop+jwt"}, {"alg", "ES256"}, {"jwk", impl_->jwk}};
  json::object claims{
      {"jti", detail::random_token(16)}, {"htm", method}, {"htu", url}, {"iat", now_seconds()}};
  if (!access_token.empty()) claims["ath"] = detail::sha256_base64url(access_token);
  if (!nonce.empty()) claims["nonce"] = nonce;
  std::string input = detail::base64url_encode(json::serialize(header)) + "." +
                      detail::base64url_encode(json::serialize(claims));
  return input + "." + detail::base64url_encode(impl_->sign(input));
}

}  // namespace latch
