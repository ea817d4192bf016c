#include "crypto/ecdsa_format.hpp"

#include <climits>

#include "crypto/openssl_util.hpp"

namespace latch::crypto::detail {

std::optional<std::string> der_to_jose(std::string_view der, std::size_t width) {
  if (der.size() > static_cast<std::size_t>(LONG_MAX)) {
    return std::nullopt;
  }
  const unsigned char* cursor = as_bytes(der);
  const EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  if (!sig || cursor != as_bytes(der) + der.size()) {
    return std::nullopt;
  }
  const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
  const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
  std::string jose(2 * width, '\0');
  unsigned char* out = as_bytes(jose);
  const int w = static_cast<int>(width);
  if (BN_bn2binpad(r, out, w) != w || BN_bn2binpad(s, out + width, w) != w) {
    return std::nullopt;
  }
  return jose;
}

std::optional<std::string> jose_to_der(std::string_view jose, std::size_t width) {
  if (jose.size() != 2 * width) {
    return std::nullopt;
  }
  const int w = static_cast<int>(width);
  BignumPtr r(BN_bin2bn(as_bytes(jose), w, nullptr));
  BignumPtr s(BN_bin2bn(as_bytes(jose) + width, w, nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return std::nullopt;
  }
  static_cast<void>(r.release());  // owned by `sig` now
  static_cast<void>(s.release());
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) {
    return std::nullopt;
  }
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

}  // namespace latch::crypto::detail
