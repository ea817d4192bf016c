#pragma once

// Internal to the crypto module: owning handles for OpenSSL objects and algorithms fetched once.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace latch::crypto::detail {

template <class T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const { Free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpPkeyCtxPtr =
    std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EvpCipherCtxPtr =
    std::unique_ptr<EVP_CIPHER_CTX, OpenSslDeleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, OpenSslDeleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG, ECDSA_SIG_free>>;

enum class Digest { Sha256, Sha384, Sha512 };

// The digest implementation, fetched from the default provider on first use and kept for the
// life of the process (EVP_MD_fetch is not free: it locks and searches the method store).
// Thread-safe. Aborts when the provider lacks it.
const EVP_MD* fetched_digest(Digest digest);
// AES-256-GCM, fetched once like fetched_digest().
const EVP_CIPHER* fetched_aes_256_gcm();

// One-shot digest of `data` with a fetched implementation; raw bytes.
std::string digest_bytes(Digest digest, std::string_view data);

// Drains this thread's OpenSSL error queue into text for an Error's log-only detail.
std::string drain_openssl_errors();

// Logs `what` with the OpenSSL error queue and aborts: for failures that leave no safe way on
// (allocation inside OpenSSL, a provider missing a mandatory algorithm).
[[noreturn]] void openssl_abort(std::string_view what);

inline const unsigned char* as_bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
inline unsigned char* as_bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

}  // namespace latch::crypto::detail
