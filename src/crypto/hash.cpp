#include "crypto/hash.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include "crypto/encoding.hpp"
#include "crypto/openssl_util.hpp"

namespace latch::crypto {
namespace {

using detail::Digest;

// An HMAC context with the digest `digest_name` already set and no key. EVP_MAC_CTX_dup only
// reads its source, so one template per digest serves every thread and no call fetches the MAC
// or the digest again.
detail::EvpMacCtxPtr make_hmac_template(const char* digest_name) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (mac == nullptr) {
    detail::openssl_abort("EVP_MAC_fetch(HMAC)");
  }
  detail::EvpMacCtxPtr made(EVP_MAC_CTX_new(mac));
  EVP_MAC_free(mac);  // the context keeps its own reference
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest_name), 0),
      OSSL_PARAM_END};
  if (!made || EVP_MAC_CTX_set_params(made.get(), params) != 1) {
    detail::openssl_abort(digest_name);
  }
  return made;
}

// HMAC of `data` under `key` with a copy of `prototype`; `size` raw bytes.
std::string hmac(const EVP_MAC_CTX* prototype, std::size_t size, std::string_view key,
                 std::string_view data) {
  const detail::EvpMacCtxPtr ctx(EVP_MAC_CTX_dup(prototype));
  std::string out(size, '\0');
  std::size_t length = 0;
  // HMAC keys may be empty (RFC 2104 §3); OpenSSL wants a non-null pointer for them.
  static constexpr unsigned char kEmpty[1] = {0};
  const unsigned char* key_bytes = key.empty() ? kEmpty : detail::as_bytes(key);
  if (!ctx || EVP_MAC_init(ctx.get(), key_bytes, key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx.get(), detail::as_bytes(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), detail::as_bytes(out), &length, out.size()) != 1) {
    detail::openssl_abort("HMAC");
  }
  return out;
}

}  // namespace

std::string sha256(std::string_view data) { return detail::digest_bytes(Digest::Sha256, data); }
std::string sha384(std::string_view data) { return detail::digest_bytes(Digest::Sha384, data); }
std::string sha512(std::string_view data) { return detail::digest_bytes(Digest::Sha512, data); }

std::string hmac_sha256(std::string_view key, std::string_view data) {
  static const detail::EvpMacCtxPtr prototype = make_hmac_template("SHA2-256");
  return hmac(prototype.get(), 32, key, data);
}

std::string hmac_sha384(std::string_view key, std::string_view data) {
  static const detail::EvpMacCtxPtr prototype = make_hmac_template("SHA2-384");
  return hmac(prototype.get(), 48, key, data);
}

std::string hmac_sha512(std::string_view key, std::string_view data) {
  static const detail::EvpMacCtxPtr prototype = make_hmac_template("SHA2-512");
  return hmac(prototype.get(), 64, key, data);
}

std::string hmac_sha1(std::string_view key, std::string_view data) {
  static const detail::EvpMacCtxPtr prototype = make_hmac_template("SHA1");
  return hmac(prototype.get(), 20, key, data);
}

std::string token_hash(std::string_view secret) { return base64url_encode(sha256(secret)); }

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace latch::crypto
