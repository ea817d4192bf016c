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

TEST(CharsetTest, NamesAreReadAsNodeReadsThem) {
  EXPECT_EQ(charset_named("UTF-8"), Charset::Utf8);
  EXPECT_EQ(charset_named("utf16le"), Charset::Utf16Le);
  EXPECT_EQ(charset_named("UCS-2"), Charset::Utf16Le);
  EXPECT_EQ(charset_named("latin1"), Charset::Latin1);
  EXPECT_EQ(charset_named("ISO-8859-1"), Charset::Latin1);
  EXPECT_FALSE(charset_named("koi8-r").has_value());
  EXPECT_FALSE(charset_named("").has_value());
}

TEST(CharsetTest, Utf16AndLatin1BecomeUtf8) {
  // "aé🔒" in UTF-16LE: a, é, then the surrogate pair D83D DD12.
  EXPECT_EQ(to_utf8(std::string("a\0\xe9\0\x3d\xd8\x12\xdd", 8), Charset::Utf16Le), "aé🔒");
  EXPECT_EQ(to_utf8("caf\xe9", Charset::Latin1), "café");
  EXPECT_EQ(to_utf8("as is", Charset::Utf8), "as is");
}

TEST(CharsetTest, BrokenUtf16IsRefused) {
  EXPECT_FALSE(to_utf8(std::string("a\0b", 3), Charset::Utf16Le).has_value());      // odd length
  EXPECT_FALSE(to_utf8(std::string("\x3d\xd8", 2), Charset::Utf16Le).has_value());  // cut pair
  EXPECT_FALSE(to_utf8(std::string("\x12\xdd", 2), Charset::Utf16Le).has_value());  // lone low
  EXPECT_FALSE(to_utf8(std::string("\x3d\xd8\x41\0", 4), Charset::Utf16Le).has_value());
}

}  // namespace
}  // namespace latch
