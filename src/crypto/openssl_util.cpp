#include "crypto/openssl_util.hpp"

#include <openssl/err.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace latch::crypto::detail {
namespace {

using EvpMdPtr = std::unique_ptr<EVP_MD, OpenSslDeleter<EVP_MD, EVP_MD_free>>;
using EvpCipherPtr = std::unique_ptr<EVP_CIPHER, OpenSslDeleter<EVP_CIPHER, EVP_CIPHER_free>>;

// The first fetch initialises OpenSSL, which registers its atexit cleanup before these statics
// register their destructors, so they are freed before OpenSSL shuts down.
EvpMdPtr fetch_digest(const char* name) {
  EvpMdPtr md(EVP_MD_fetch(nullptr, name, nullptr));
  if (!md) {
    openssl_abort(name);
  }
  return md;
}

}  // namespace

const EVP_MD* fetched_digest(Digest digest) {
  switch (digest) {
    case Digest::Sha256: {
      static const EvpMdPtr md = fetch_digest("SHA2-256");
      return md.get();
    }
    case Digest::Sha384: {
      static const EvpMdPtr md = fetch_digest("SHA2-384");
      return md.get();
    }
    case Digest::Sha512: {
      static const EvpMdPtr md = fetch_digest("SHA2-512");
      return md.get();
    }
  }
  openssl_abort("unknown digest");
}

const EVP_CIPHER* fetched_aes_256_gcm() {
  static const EvpCipherPtr cipher = [] {
    EvpCipherPtr fetched(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
    if (!fetched) {
      openssl_abort("AES-256-GCM");
    }
    return fetched;
  }();
  return cipher.get();
}

std::string digest_bytes(Digest digest, std::string_view data) {
  const EVP_MD* md = fetched_digest(digest);
  std::string out(static_cast<std::size_t>(EVP_MD_get_size(md)), '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), as_bytes(out), &length, md, nullptr) != 1) {
    openssl_abort("EVP_Digest");
  }
  return out;
}

std::string drain_openssl_errors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) {
      text += "; ";
    }
    text += buffer;
  }
  return text;
}

void openssl_abort(std::string_view what) {
  spdlog::critical("crypto: {} failed: {}", what, drain_openssl_errors());
  std::abort();
}

}  // namespace latch::crypto::detail
