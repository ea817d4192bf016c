#include "crypto/qr_svg.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace latch::crypto {
namespace {

constexpr int kQuietZone = 4;  // ISO/IEC 18004 §6.3.8: four modules on every side

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

bool is_dark(const QRcode& code, int x, int y) {
  // libqrencode: bit 0 of each module byte is 1 for a dark module.
  return (code.data[static_cast<std::size_t>(y) * static_cast<std::size_t>(code.width) +
                    static_cast<std::size_t>(x)] &
          1) != 0;
}

// One subpath per horizontal run of dark modules in row `y`: a rectangle `run` modules wide and
// one high, in absolute module coordinates (the quiet zone shifts everything by 4).
void append_row(const QRcode& code, int y, std::string& d) {
  int x = 0;
  while (x < code.width) {
    if (!is_dark(code, x, y)) {
      ++x;
      continue;
    }
    const int start = x;
    while (x < code.width && is_dark(code, x, y)) {
      ++x;
    }
    const int run = x - start;
    d += "M" + std::to_string(start + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
         std::to_string(run) + "v1h-" + std::to_string(run) + "z";
  }
}

std::string render(const QRcode& code) {
  const std::string size = std::to_string(code.width + 2 * kQuietZone);
  std::string d;
  for (int y = 0; y < code.width; ++y) {
    append_row(code, y, d);
  }
  return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + size + " " + size +
         R"(" shape-rendering="crispEdges"><rect width=")" + size + R"(" height=")" + size +
         R"(" fill="#fff"/><path fill="#000" d=")" + d + R"("/></svg>)";
}

}  // namespace

Result<std::string> qr_svg(std::string_view text) {
  if (text.empty() || text.size() > kQrMaxBytes) {
    return make_error(Errc::InvalidRequest, "text does not fit in a QR code",
                      std::to_string(text.size()) + " bytes");
  }
  errno = 0;
  const QrCodePtr code(QRcode_encodeData(static_cast<int>(text.size()),
                                         reinterpret_cast<const unsigned char*>(text.data()), 0,
                                         QR_ECLEVEL_M));
  if (!code) {
    // ERANGE: too long for version 40; anything else (ENOMEM) is not the caller's fault.
    if (errno == ERANGE || errno == EINVAL) {
      return make_error(Errc::InvalidRequest, "text does not fit in a QR code");
    }
    return make_error(Errc::Internal, "QR encoding failed", "errno " + std::to_string(errno));
  }
  return render(*code);
}

}  // namespace latch::crypto
