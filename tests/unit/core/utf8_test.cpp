#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace latch {
namespace {

TEST(Utf8Test, AcceptsAsciiAndMultibyteText) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("plain"));
  EXPECT_TRUE(is_utf8("サインイン"));
  EXPECT_TRUE(is_utf8("\xf0\x9f\x94\x92"));  // U+1F512
}

TEST(Utf8Test, RefusesWhatNoDatabaseStores) {
  for (std::string_view bad : {std::string_view("\xff"), std::string_view("\xfe\xff"),
                               std::string_view("\xc0\xaf"),          // overlong '/'
                               std::string_view("\xed\xa0\x80"),      // a surrogate
                               std::string_view("\xf4\x90\x80\x80"),  // past U+10FFFF
                               std::string_view("\xe3\x82"),          // cut short
                               std::string_view("a\x80z")}) {
    EXPECT_FALSE(is_utf8(bad)) << testing::PrintToString(std::string(bad));
    EXPECT_FALSE(decode_utf8(bad).has_value());
  }
}

TEST(Utf8Test, DecodeAndEncodeRoundTrip) {
  auto points = decode_utf8("aé中🔒");
  ASSERT_TRUE(points);
  EXPECT_EQ(*points, (std::vector<char32_t>{U'a', U'é', U'中', U'🔒'}));
  std::string back;
  for (char32_t p : *points) encode_utf8(p, back);
  EXPECT_EQ(back, "aé中🔒");
}

}  // namespace
}  // namespace latch
