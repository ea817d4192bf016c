#include <openssl/buffer.h>
#include <openssl/pem.h>

#include <climits>

#include "crypto/jwk.hpp"
#include "crypto/jwk_codec.hpp"
#include "crypto/prepared_key.hpp"

namespace latch::crypto {

struct SigningKeyPair::Impl {
  detail::PreparedKey key;
};

namespace {

using detail::EvpPkeyPtr;

constexpr std::size_t kMaxPemSize = 64 * 1024;
constexpr int kRsaBits = 2048;  // RFC 7518 §3.3: 2048 bits or larger

Error invalid_pem(std::string detail) {
  detail::drain_openssl_errors();
  return make_error(Errc::InvalidRequest, "invalid private key", std::move(detail));
}

EvpPkeyPtr generate_pkey(JwsAlg alg) {
  switch (alg) {
    case JwsAlg::ES256:
      return EvpPkeyPtr(EVP_EC_gen("P-256"));
    case JwsAlg::ES384:
      return EvpPkeyPtr(EVP_EC_gen("P-384"));
    case JwsAlg::RS256:
      return EvpPkeyPtr(EVP_RSA_gen(kRsaBits));
    case JwsAlg::EdDSA:
      return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  }
  return nullptr;
}

// Encrypted PEMs are refused rather than prompting on the terminal for a passphrase.
int refuse_passphrase(char*, int, int, void*) { return -1; }

Result<EvpPkeyPtr> read_private_pem(std::string_view pem) {
  if (pem.size() > kMaxPemSize) {
    return invalid_pem("PEM too large");
  }
  const detail::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpPkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr)
                      : nullptr);
  if (!pkey) {
    return invalid_pem("not a PEM private key");
  }
  return pkey;
}

}  // namespace

SigningKeyPair SigningKeyPair::generate(JwsAlg alg) {
  auto prepared =
      detail::PreparedKey::prepare(generate_pkey(alg), alg, detail::PreparedKey::Use::Sign);
  if (!prepared) {
    detail::openssl_abort("key generation");
  }
  return SigningKeyPair(alg, std::make_shared<const Impl>(Impl{std::move(*prepared)}));
}

Result<SigningKeyPair> SigningKeyPair::from_pem(JwsAlg alg, std::string_view pem) {
  auto pkey = read_private_pem(pem);
  if (!pkey) {
    return pkey.error();
  }
  if (detail::alg_for_key(pkey->get()) != alg) {
    return invalid_pem("key type does not fit the algorithm");
  }
  if (alg == JwsAlg::RS256 && EVP_PKEY_get_bits(pkey->get()) < kRsaBits) {
    return invalid_pem("RSA key shorter than 2048 bits");
  }
  auto prepared =
      detail::PreparedKey::prepare(std::move(*pkey), alg, detail::PreparedKey::Use::Sign);
  if (!prepared) {
    return invalid_pem("key cannot sign");
  }
  return SigningKeyPair(alg, std::make_shared<const Impl>(Impl{std::move(*prepared)}));
}

SigningKeyPair::SigningKeyPair(JwsAlg alg, std::shared_ptr<const Impl> impl)
    : alg_(alg), impl_(std::move(impl)) {
  public_jwk_ = detail::public_members(impl_->key.pkey(), alg_);
  auto thumbprint = jwk_thumbprint(public_jwk_);
  if (!thumbprint) {
    detail::openssl_abort("JWK thumbprint");
  }
  kid_ = std::move(*thumbprint);
  public_jwk_["kid"] = kid_;
  public_jwk_["alg"] = alg_name(alg_);
  public_jwk_["use"] = "sig";
}

std::string SigningKeyPair::private_pem() const {
  const detail::BioPtr bio(BIO_new(BIO_s_mem()));
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") in OpenSSL 3.
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->key.pkey(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    detail::openssl_abort("PEM_write_bio_PrivateKey");
  }
  BUF_MEM* buffer = nullptr;
  BIO_get_mem_ptr(bio.get(), &buffer);
  std::string pem(buffer->data, buffer->length);
  OPENSSL_cleanse(buffer->data, buffer->length);  // the BIO frees without wiping
  return pem;
}

std::string SigningKeyPair::sign(std::string_view signing_input) const {
  return impl_->key.sign(signing_input);
}

}  // namespace latch::crypto
