#include "crypto/aead.hpp"

#include <spdlog/spdlog.h>

#include <climits>
#include <cstdlib>

#include "crypto/encoding.hpp"
#include "crypto/openssl_util.hpp"
#include "crypto/random.hpp"

namespace latch::crypto {
namespace {

constexpr std::string_view kPrefix = "v1.";
constexpr std::size_t kKeySize = 32;
constexpr std::size_t kNonceSize = 12;  // the GCM default IV length (NIST SP 800-38D §8.2)
constexpr std::size_t kTagSize = 16;

bool fits_int(std::string_view s) { return s.size() <= static_cast<std::size_t>(INT_MAX); }

// Feeds the associated data, which GCM authenticates without encrypting.
bool add_associated_data(EVP_CIPHER_CTX* ctx, std::string_view aad) {
  int ignored = 0;
  return aad.empty() || EVP_CipherUpdate(ctx, nullptr, &ignored, detail::as_bytes(aad),
                                         static_cast<int>(aad.size())) == 1;
}

// Runs `input` through the initialised context into `out`, which has room for input.size().
bool transform(EVP_CIPHER_CTX* ctx, std::string_view input, unsigned char* out) {
  int written = 0;
  if (!input.empty() && EVP_CipherUpdate(ctx, out, &written, detail::as_bytes(input),
                                         static_cast<int>(input.size())) != 1) {
    return false;
  }
  int final_written = 0;
  return EVP_CipherFinal_ex(ctx, out + written, &final_written) == 1;
}

detail::EvpCipherCtxPtr start(const std::string& key, std::string_view nonce, bool encrypt) {
  detail::EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex2(ctx.get(), detail::fetched_aes_256_gcm(), detail::as_bytes(key),
                                 detail::as_bytes(nonce), encrypt ? 1 : 0, nullptr) != 1) {
    detail::openssl_abort("AES-256-GCM init");
  }
  return ctx;
}

Error malformed() { return make_error(Errc::InvalidRequest, "malformed sealed value"); }

}  // namespace

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {
  if (key_.size() != kKeySize) {
    spdlog::critical("crypto: SecretBox needs a 32-byte key, got {} bytes", key_.size());
    std::abort();
  }
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated_data) const {
  if (!fits_int(plaintext) || !fits_int(associated_data)) {
    spdlog::critical("crypto: SecretBox::seal input too large");
    std::abort();
  }
  // nonce || ciphertext || tag; GCM's ciphertext is as long as the plaintext.
  std::string box = random_bytes(kNonceSize);
  box.resize(kNonceSize + plaintext.size() + kTagSize);
  const auto ctx = start(key_, std::string_view(box).substr(0, kNonceSize), true);
  auto* out = detail::as_bytes(box) + kNonceSize;
  if (!add_associated_data(ctx.get(), associated_data) || !transform(ctx.get(), plaintext, out) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kTagSize),
                          out + plaintext.size()) != 1) {
    detail::openssl_abort("AES-256-GCM seal");
  }
  return std::string(kPrefix) + base64url_encode(box);
}

Result<std::string> SecretBox::open(std::string_view sealed,
                                    std::string_view associated_data) const {
  if (!sealed.starts_with(kPrefix) || !fits_int(sealed) || !fits_int(associated_data)) {
    return malformed();
  }
  const auto box = base64url_decode(sealed.substr(kPrefix.size()));
  if (!box || box->size() < kNonceSize + kTagSize) {
    return malformed();
  }
  const std::string_view view(*box);
  const auto nonce = view.substr(0, kNonceSize);
  const auto ciphertext = view.substr(kNonceSize, view.size() - kNonceSize - kTagSize);
  std::string tag(view.substr(view.size() - kTagSize));
  const auto ctx = start(key_, nonce, false);
  std::string plaintext(ciphertext.size(), '\0');
  // The tag must be set before the final call, which compares it (in constant time).
  const bool ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kTagSize),
                                      tag.data()) == 1 &&
                  add_associated_data(ctx.get(), associated_data) &&
                  transform(ctx.get(), ciphertext, detail::as_bytes(plaintext));
  if (!ok) {
    detail::drain_openssl_errors();
    return make_error(Errc::Forbidden, "sealed value failed authentication");
  }
  return plaintext;
}

}  // namespace latch::crypto
