#include "saml/instant.hpp"

#include <gtest/gtest.h>

namespace latch::saml {
namespace {

using namespace std::chrono;

TEST(InstantTest, FormatsUtcWholeSeconds) {
  EXPECT_EQ(format_instant(Instant(seconds(1'796'000'000) + milliseconds(999))),
            "2026-11-30T00:53:20Z");
}

TEST(InstantTest, ParsesZoneOffsetsAndFractions) {
  const Instant expected(seconds(1'796'000'000));
  EXPECT_EQ(parse_instant("2026-11-30T00:53:20Z"), expected);
  EXPECT_EQ(parse_instant("2026-11-30T01:53:20+01:00"), expected);
  EXPECT_EQ(parse_instant("2026-11-29T23:53:20-01:00"), expected);
  EXPECT_EQ(parse_instant("2026-11-30T00:53:20.250Z"), expected + milliseconds(250));
}

TEST(InstantTest, RefusesMalformedTimes) {
  for (const std::string_view bad :
       {"", "2026-11-30", "2026-11-30T00:53:20", "2026-02-30T00:00:00Z", "2026-11-30T24:00:00Z",
        "2026-11-30T00:53:20.Z", "2026-11-30T00:53:20+0100", "2026-11-30 00:53:20Z",
        "2026-11-30T00:53:20Zjunk"}) {
    EXPECT_EQ(parse_instant(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace latch::saml
