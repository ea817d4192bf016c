#include "management/user_search.hpp"

#include <gtest/gtest.h>

#include "storage/search_pattern.hpp"

// Logto's user search parameters, parsed and checked (its utils/search.ts), and the patterns
// SQLite matches with.
namespace latch::management {
namespace {

using Mode = storage::UserSearchMatch::Mode;
using storage::UserSearchField;

TEST(UserSearchTest, FieldsModesAndJointAreRead) {
  auto search = parse_user_search({{"search.primaryEmail", "a@x"},
                                   {"search.primaryEmail", "b@x"},
                                   {"mode.primaryEmail", "exact"},
                                   {"search", "%tom%"},
                                   {"joint", "and"},
                                   {"isCaseSensitive", "TRUE"}});
  ASSERT_TRUE(search) << search.error().description;
  EXPECT_TRUE(search->all_of);
  EXPECT_TRUE(search->case_sensitive);
  ASSERT_EQ(search->matches.size(), 2u);
  EXPECT_EQ(search->matches[0].mode, Mode::Exact);
  EXPECT_EQ(search->matches[0].fields, std::vector{UserSearchField::PrimaryEmail});
  EXPECT_EQ(search->matches[0].values, (std::vector<std::string>{"a@x", "b@x"}));
  EXPECT_EQ(search->matches[1].mode, Mode::Like);
  EXPECT_EQ(search->matches[1].fields.size(), 5u);
}

TEST(UserSearchTest, TheGeneralModeAppliesToFieldsWithoutTheirOwn) {
  auto search = parse_user_search(
      {{"search.name", "^T"}, {"search.id", "x"}, {"mode", "posix"}, {"mode.id", "exact"}});
  ASSERT_TRUE(search);
  EXPECT_EQ(search->matches[0].mode, Mode::Posix);
  EXPECT_EQ(search->matches[1].mode, Mode::Exact);
}

TEST(UserSearchTest, OnlyLatchsOwnParametersKeepTheIndexedSearch) {
  EXPECT_FALSE(is_advanced_user_search({{"search", "ali"}, {"excludeRoleId", "r"}}));
  EXPECT_TRUE(is_advanced_user_search({{"search.name", "ali"}}));
  EXPECT_TRUE(is_advanced_user_search({{"search", "ali"}, {"isCaseSensitive", "true"}}));
}

TEST(SearchPatternTest, LikeAndSimilarToMatchTheWholeValue) {
  auto like = storage::search_regex(Mode::Like, "ab%_", false);
  ASSERT_TRUE(like);
  EXPECT_TRUE(std::regex_search("ABcd", *like));
  EXPECT_FALSE(std::regex_search("xabcd", *like));
  EXPECT_FALSE(std::regex_search("ab", *like));
  auto similar = storage::search_regex(Mode::SimilarTo, "a.(b|c)%", true);
  ASSERT_TRUE(similar);
  EXPECT_TRUE(std::regex_search("a.cz", *similar));
  EXPECT_FALSE(std::regex_search("axcz", *similar));
  EXPECT_FALSE(storage::search_regex(Mode::Posix, "(", true));
  EXPECT_FALSE(storage::search_regex(Mode::Posix, std::string(300, 'a'), true));
}

// A pattern that makes a backtracking matcher run for 2^n steps is matched in polynomial time;
// one that needs backtracking (a back-reference) is refused as not valid.
TEST(SearchPatternTest, NoPatternBacktracks) {
  auto nested = storage::search_regex(Mode::Posix, "^(a+)+$", true);
  ASSERT_TRUE(nested);
  EXPECT_FALSE(storage::search_matches(*nested, std::string(120, 'a') + "b"));
  EXPECT_TRUE(storage::search_matches(*nested, std::string(120, 'a')));
  EXPECT_FALSE(storage::search_regex(Mode::Posix, "(a)\\1", true));
}

}  // namespace
}  // namespace latch::management
