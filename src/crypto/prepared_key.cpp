#include "crypto/prepared_key.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include "crypto/ecdsa_format.hpp"

namespace latch::crypto::detail {
namespace {

constexpr std::size_t kEd25519SignatureSize = 64;  // RFC 8032 §5.1.6

Digest digest_for(JwsAlg alg) { return alg == JwsAlg::ES384 ? Digest::Sha384 : Digest::Sha256; }

// Digest of `input` into `out` (EVP_MAX_MD_SIZE bytes); its length.
std::size_t digest_into(JwsAlg alg, std::string_view input, unsigned char* out) {
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), out, &length, fetched_digest(digest_for(alg)),
                 nullptr) != 1) {
    openssl_abort("EVP_Digest");
  }
  return length;
}

std::optional<JwsAlg> alg_for_curve(const EVP_PKEY* pkey) {
  char group[64] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &length) != 1) {
    return std::nullopt;
  }
  const std::string_view name(group, length);
  if (name == "prime256v1" || name == "P-256") {
    return JwsAlg::ES256;
  }
  if (name == "secp384r1" || name == "P-384") {
    return JwsAlg::ES384;
  }
  return std::nullopt;
}

// The sign or verify context every call duplicates. RS256 is RSASSA-PKCS1-v1_5 with SHA-256
// (RFC 7518 §3.3); setting the digest makes OpenSSL wrap the hash in its DigestInfo.
EvpPkeyCtxPtr make_template(EVP_PKEY* pkey, JwsAlg alg, PreparedKey::Use use) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!ctx) {
    return nullptr;
  }
  const int init = use == PreparedKey::Use::Sign ? EVP_PKEY_sign_init(ctx.get())
                                                 : EVP_PKEY_verify_init(ctx.get());
  if (init != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), fetched_digest(digest_for(alg))) != 1) {
    return nullptr;
  }
  if (alg == JwsAlg::RS256 && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
    return nullptr;
  }
  return ctx;
}

// EdDSA signs the message itself, not a digest (RFC 8032 §5.1.6), so OpenSSL takes it one-shot
// through EVP_DigestSign/EVP_DigestVerify with no digest named.
EvpMdCtxPtr ed25519_context(EVP_PKEY* pkey, PreparedKey::Use use) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) {
    return nullptr;
  }
  const int init =
      use == PreparedKey::Use::Sign
          ? EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, pkey, nullptr)
          : EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, pkey, nullptr);
  if (init != 1) {
    return nullptr;
  }
  return ctx;
}

std::string sign_ed25519(EVP_PKEY* pkey, std::string_view input) {
  const auto ctx = ed25519_context(pkey, PreparedKey::Use::Sign);
  std::string signature(kEd25519SignatureSize, '\0');
  std::size_t length = signature.size();
  if (!ctx ||
      EVP_DigestSign(ctx.get(), as_bytes(signature), &length, as_bytes(input), input.size()) != 1) {
    openssl_abort("Ed25519 sign");
  }
  return signature;
}

bool verify_ed25519(EVP_PKEY* pkey, std::string_view input, std::string_view signature) {
  if (signature.size() != kEd25519SignatureSize) {
    return false;
  }
  const auto ctx = ed25519_context(pkey, PreparedKey::Use::Verify);
  return ctx && EVP_DigestVerify(ctx.get(), as_bytes(signature), signature.size(), as_bytes(input),
                                 input.size()) == 1;
}

}  // namespace

std::optional<JwsAlg> alg_for_key(const EVP_PKEY* pkey) {
  if (EVP_PKEY_is_a(pkey, "EC")) {
    return alg_for_curve(pkey);
  }
  if (EVP_PKEY_is_a(pkey, "RSA")) {
    return JwsAlg::RS256;
  }
  if (EVP_PKEY_is_a(pkey, "ED25519")) {
    return JwsAlg::EdDSA;
  }
  return std::nullopt;
}

std::size_t ecdsa_width(JwsAlg alg) {
  switch (alg) {
    case JwsAlg::ES256:
      return 32;
    case JwsAlg::ES384:
      return 48;
    case JwsAlg::RS256:
    case JwsAlg::EdDSA:
      return 0;
  }
  return 0;
}

std::optional<PreparedKey> PreparedKey::prepare(EvpPkeyPtr pkey, JwsAlg alg, Use use) {
  if (!pkey || alg_for_key(pkey.get()) != alg) {
    return std::nullopt;
  }
  if (alg == JwsAlg::EdDSA) {
    return PreparedKey(std::move(pkey), nullptr, alg);
  }
  auto prepared = make_template(pkey.get(), alg, use);
  if (!prepared) {
    ERR_clear_error();
    return std::nullopt;
  }
  return PreparedKey(std::move(pkey), std::move(prepared), alg);
}

PreparedKey::PreparedKey(EvpPkeyPtr pkey, EvpPkeyCtxPtr prepared, JwsAlg alg)
    : pkey_(std::move(pkey)), template_(std::move(prepared)), alg_(alg) {}

EvpPkeyCtxPtr PreparedKey::fresh_context() const {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(template_.get()));
  if (!ctx) {
    openssl_abort("EVP_PKEY_CTX_dup");
  }
  return ctx;
}

std::string PreparedKey::sign(std::string_view input) const {
  if (alg_ == JwsAlg::EdDSA) {
    return sign_ed25519(pkey_.get(), input);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = digest_into(alg_, input, digest);
  std::string signature(static_cast<std::size_t>(EVP_PKEY_get_size(pkey_.get())), '\0');
  std::size_t length = signature.size();
  if (EVP_PKEY_sign(fresh_context().get(), as_bytes(signature), &length, digest, digest_length) !=
      1) {
    openssl_abort("EVP_PKEY_sign");
  }
  signature.resize(length);
  if (alg_ == JwsAlg::RS256) {
    return signature;
  }
  auto jose = der_to_jose(signature, ecdsa_width(alg_));
  if (!jose) {
    openssl_abort("ECDSA signature conversion");
  }
  return std::move(*jose);
}

bool PreparedKey::verify(std::string_view input, std::string_view signature) const {
  if (alg_ == JwsAlg::EdDSA) {
    const bool ok = verify_ed25519(pkey_.get(), input, signature);
    ERR_clear_error();
    return ok;
  }
  std::optional<std::string> der;
  if (alg_ != JwsAlg::RS256) {
    der = jose_to_der(signature, ecdsa_width(alg_));
    if (!der) {
      return false;
    }
    signature = *der;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = digest_into(alg_, input, digest);
  const bool ok = EVP_PKEY_verify(fresh_context().get(), as_bytes(signature), signature.size(),
                                  digest, digest_length) == 1;
  if (!ok) {
    ERR_clear_error();
  }
  return ok;
}

}  // namespace latch::crypto::detail
