#include "crypto/qr_svg.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "crypto/totp.hpp"

namespace latch::crypto {
namespace {

using Grid = std::vector<std::vector<bool>>;  // [y][x], true = dark

const std::string kUri = totp_uri("Latch", "alice@example.com", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

struct ParsedSvg {
  int size = 0;  // viewBox width = height, in modules
  Grid grid;
};

// Reads one "M<x> <y>h<w>v1h-<w>z" run at `pos`; false when the text there is anything else.
bool read_run(const std::string& d, std::size_t& pos, int& x, int& y, int& width) {
  int back = 0, consumed = 0;
  if (std::sscanf(d.c_str() + pos, "M%d %dh%dv1h-%dz%n", &x, &y, &width, &back, &consumed) != 4 ||
      consumed == 0 || back != width) {
    return false;
  }
  pos += static_cast<std::size_t>(consumed);
  return true;
}

// The SVG's shape as qr_svg documents it, with the path's runs painted onto a grid. Fails the
// test on anything else. (No std::regex over the path: libstdc++ recurses per character.)
ParsedSvg parse(const std::string& svg) {
  static const std::regex head(
      R"re(<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="0 0 (\d+) (\d+)" )re"
      R"re(shape-rendering="crispEdges"><rect width="\d+" height="\d+" fill="#fff"/>)re"
      R"re(<path fill="#000" d=")re");
  constexpr std::string_view kTail = "\"/></svg>";
  const std::size_t d_start = svg.find(" d=\"") + 4;
  std::smatch match;
  const std::string prefix = svg.substr(0, d_start);
  EXPECT_TRUE(std::regex_match(prefix, match, head)) << prefix;
  EXPECT_TRUE(svg.ends_with(kTail));
  ParsedSvg parsed;
  if (match.empty() || match[1] != match[2] || !svg.ends_with(kTail)) {
    return parsed;
  }
  parsed.size = std::stoi(match[1]);
  parsed.grid.assign(static_cast<std::size_t>(parsed.size),
                     std::vector<bool>(static_cast<std::size_t>(parsed.size), false));
  const std::string d = svg.substr(d_start, svg.size() - kTail.size() - d_start);
  std::size_t pos = 0;
  int x = 0, y = 0, width = 0;
  while (pos < d.size() && read_run(d, pos, x, y, width)) {
    for (int i = 0; i < width; ++i) {
      parsed.grid.at(static_cast<std::size_t>(y)).at(static_cast<std::size_t>(x + i)) = true;
    }
  }
  EXPECT_EQ(pos, d.size()) << "the path holds only unit-height runs";
  return parsed;
}

bool dark(const Grid& grid, int x, int y) {
  return grid[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
}

// ISO/IEC 18004 §6.3.3: a 7x7 finder at (left, top) -- dark ring, light ring, dark 3x3 core --
// with a light separator around it (here: the modules just outside, where they exist).
void expect_finder(const Grid& grid, int left, int top) {
  for (int dy = -1; dy <= 7; ++dy) {
    for (int dx = -1; dx <= 7; ++dx) {
      const int x = left + dx, y = top + dy;
      const bool outside = dx < 0 || dy < 0 || dx > 6 || dy > 6;
      const int ring = std::min(std::min(dx, 6 - dx), std::min(dy, 6 - dy));
      const bool want = !outside && ring != 1;
      EXPECT_EQ(dark(grid, x, y), want)
          << "finder at " << left << "," << top << " module " << dx << "," << dy;
    }
  }
}

TEST(QrSvgTest, DrawsAWellFormedSvgWithAFourModuleQuietZone) {
  const auto svg = qr_svg(kUri);
  ASSERT_TRUE(svg.has_value());
  const ParsedSvg parsed = parse(*svg);
  ASSERT_GT(parsed.size, 0);
  EXPECT_EQ((parsed.size - 8 - 17) % 4, 0) << "modules = 17 + 4 * version";
  for (int i = 0; i < parsed.size; ++i) {
    for (int q = 0; q < 4; ++q) {
      EXPECT_FALSE(dark(parsed.grid, i, q));
      EXPECT_FALSE(dark(parsed.grid, i, parsed.size - 1 - q));
      EXPECT_FALSE(dark(parsed.grid, q, i));
      EXPECT_FALSE(dark(parsed.grid, parsed.size - 1 - q, i));
    }
  }
}

TEST(QrSvgTest, PutsTheThreeFinderPatternsInTheirCorners) {
  const auto svg = qr_svg(kUri);
  ASSERT_TRUE(svg.has_value());
  const ParsedSvg parsed = parse(*svg);
  ASSERT_GT(parsed.size, 16);
  const int far = parsed.size - 4 - 7;
  expect_finder(parsed.grid, 4, 4);
  expect_finder(parsed.grid, far, 4);
  expect_finder(parsed.grid, 4, far);
}

TEST(QrSvgTest, DrawsExactlyTheSymbolLibqrencodeEncodesAtLevelM) {
  const auto svg = qr_svg(kUri);
  ASSERT_TRUE(svg.has_value());
  const ParsedSvg parsed = parse(*svg);
  QRcode* code =
      QRcode_encodeData(static_cast<int>(kUri.size()),
                        reinterpret_cast<const unsigned char*>(kUri.data()), 0, QR_ECLEVEL_M);
  ASSERT_NE(code, nullptr);
  ASSERT_EQ(parsed.size, code->width + 8);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      EXPECT_EQ(dark(parsed.grid, x + 4, y + 4), (code->data[y * code->width + x] & 1) != 0);
    }
  }
  QRcode_free(code);
}

TEST(QrSvgTest, HasNoScriptNoExternalReferenceAndNoFixedSize) {
  const auto svg = qr_svg("<script>alert(1)</script>\"'&");
  ASSERT_TRUE(svg.has_value());
  EXPECT_EQ(svg->find("script"), std::string::npos);
  EXPECT_EQ(svg->find("href"), std::string::npos);
  EXPECT_EQ(svg->find("url("), std::string::npos);
  const std::string open_tag = svg->substr(0, svg->find('>'));
  EXPECT_EQ(open_tag.find("width"), std::string::npos);
  EXPECT_EQ(open_tag.find("height"), std::string::npos);
}

TEST(QrSvgTest, RefusesTextLongerThanAQrCodeHolds) {
  const auto svg = qr_svg(std::string(3 * 1024 + 1, 'a'));
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code, Errc::InvalidRequest);
  const auto just_over = qr_svg(std::string(kQrMaxBytes + 1, '\xff'));
  ASSERT_FALSE(just_over.has_value());
  EXPECT_EQ(just_over.error().code, Errc::InvalidRequest);
}

TEST(QrSvgTest, AcceptsTheLargestText) {
  const auto svg = qr_svg(std::string(kQrMaxBytes, '\xff'));
  ASSERT_TRUE(svg.has_value());
  EXPECT_EQ(parse(*svg).size, 177 + 8);  // version 40
}

TEST(QrSvgTest, RefusesEmptyText) {
  const auto svg = qr_svg("");
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code, Errc::InvalidRequest);
}

}  // namespace
}  // namespace latch::crypto
