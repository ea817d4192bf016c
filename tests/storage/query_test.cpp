#include "storage/sql/query.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

// The backend-neutral helpers under the repositories.
namespace latch::storage::sql {
namespace {

TEST(PrefixUpperBoundTest, IncrementsTheLastCharacter) {
  EXPECT_EQ(prefix_upper_bound("abc"), std::optional<std::string>("abd"));
  EXPECT_EQ(prefix_upper_bound("user0001"), std::optional<std::string>("user0002"));
  EXPECT_EQ(prefix_upper_bound("a\x7F"), std::optional<std::string>("a\xC2\x80"));
  EXPECT_EQ(prefix_upper_bound("\xC3\xA9"), std::optional<std::string>("\xC3\xAA"));  // é -> ê
  EXPECT_EQ(prefix_upper_bound("\xED\x9F\xBF"),  // U+D7FF skips the surrogates to U+E000
            std::optional<std::string>("\xEE\x80\x80"));
}

TEST(PrefixUpperBoundTest, DropsTheLastCharacterWhenItHasNoSuccessor) {
  EXPECT_EQ(prefix_upper_bound("a\xF4\x8F\xBF\xBF"), std::optional<std::string>("b"));
  EXPECT_EQ(prefix_upper_bound("\xF4\x8F\xBF\xBF"), std::nullopt);
}

TEST(PrefixUpperBoundTest, RefusesTextThatIsNotUtf8) {
  EXPECT_EQ(prefix_upper_bound("\xC3"), std::nullopt);              // cut short
  EXPECT_EQ(prefix_upper_bound("\x80"), std::nullopt);              // a lone continuation
  EXPECT_EQ(prefix_upper_bound("\xC0\xAF"), std::nullopt);          // overlong "/"
  EXPECT_EQ(prefix_upper_bound("\xED\xA0\x80"), std::nullopt);      // a surrogate
  EXPECT_EQ(prefix_upper_bound("\xF4\x90\x80\x80"), std::nullopt);  // past U+10FFFF
}

TEST(PrefixUpperBoundTest, BoundsExactlyTheStringsThatStartWithThePrefix) {
  std::string bound = *prefix_upper_bound("ab");
  for (std::string inside : {"ab", "ab\xF4\x8F\xBF\xBF", "abzzz", "ab\xC3\xA9"}) {
    EXPECT_TRUE(inside >= "ab" && inside < bound) << inside;
  }
  for (std::string outside : {"aa\xF4\x8F\xBF\xBF", "ac", "b", "a"}) {
    EXPECT_FALSE(outside >= "ab" && outside < bound) << outside;
  }
}

}  // namespace
}  // namespace latch::storage::sql
