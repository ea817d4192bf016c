#pragma once

// QR codes (ISO/IEC 18004) as inline SVG, for the otpauth:// URI an authenticator app scans.
// Thread-safe (libqrencode is built with pthreads on Debian).

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto {

// The most bytes a QR code holds in 8-bit mode at EC level M (version 40, ISO/IEC 18004 Table 7).
inline constexpr std::size_t kQrMaxBytes = 2331;

// `text` as a QR code (EC level M, 8-bit mode) drawn as one SVG <path> of unit squares with a
// 4-module quiet zone, viewBox in modules, width/height attributes omitted so CSS sizes it,
// no script, no external reference. InvalidRequest when the text does not fit.
// The smallest version that holds `text` is chosen. Dark modules are the path (fill #000),
// horizontal runs of them merged into one rectangle each; one <rect> under it paints the whole
// symbol, quiet zone included, white, so the code scans on a dark page too. The markup holds
// nothing taken from `text`. InvalidRequest also for empty text.
[[nodiscard]] Result<std::string> qr_svg(std::string_view text);

}  // namespace latch::crypto
