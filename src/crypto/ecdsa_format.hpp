#pragma once

// Internal to the crypto module: ECDSA signatures between OpenSSL's DER and JOSE's R||S.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latch::crypto::detail {

// RFC 7518 §3.4: R and S as big-endian unsigned integers, each left-padded to `width` bytes
// (32 for P-256, 48 for P-384), concatenated. nullopt when `der` is not an ECDSA-Sig-Value or
// an integer does not fit `width`.
std::optional<std::string> der_to_jose(std::string_view der, std::size_t width);

// The DER ECDSA-Sig-Value (SEC 1 §C.5) for a JOSE signature; nullopt unless `jose` is exactly
// 2 * `width` bytes.
std::optional<std::string> jose_to_der(std::string_view jose, std::size_t width);

}  // namespace latch::crypto::detail
