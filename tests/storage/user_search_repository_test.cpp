#include <gtest/gtest.h>

#include <set>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

// Logto's user search (UserRepository::search) on every backend: PostgreSQL's own LIKE, ILIKE,
// SIMILAR TO and ~ operators, SQLite's latch_match function, with the same answers.
namespace latch::storage::test {
namespace {

using Mode = UserSearchMatch::Mode;

class UserSearchRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    int at = 1000;
    for (const char* name : {"Tom Scott", "Jerry Swift", "Jerry Swift Jr"}) {
      std::string id = "u" + std::to_string(at);
      model::User user = sample_user(id, at++);
      user.name = name;
      ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(user); }));
    }
  }
  std::set<std::string> names(const UserSearch& search) {
    auto found = in_read([&](Tx& tx) { return tx.users().search(search, Page{1, 20}); });
    EXPECT_OK(found);
    auto count = in_read([&](Tx& tx) { return tx.users().count_search(search); });
    EXPECT_OK(count);
    std::set<std::string> out;
    if (!found) return out;
    for (const auto& user : *found) out.insert(*user.name);
    EXPECT_EQ(count ? *count : -1, static_cast<std::int64_t>(out.size()));
    return out;
  }
  static UserSearch one(Mode mode, std::string value, bool case_sensitive = false) {
    return {.matches = {{mode, {UserSearchField::Name}, {std::move(value)}}},
            .case_sensitive = case_sensitive};
  }
};

using Names = std::set<std::string>;

TEST_P(UserSearchRepositoryTest, EachModeMatchesAsPostgresDoes) {
  EXPECT_EQ(names(one(Mode::Exact, "jerry swift")), Names{"Jerry Swift"});
  EXPECT_EQ(names(one(Mode::Exact, "jerry swift", true)), Names{});
  EXPECT_EQ(names(one(Mode::Like, "jerry%")), (Names{"Jerry Swift", "Jerry Swift Jr"}));
  EXPECT_EQ(names(one(Mode::Like, "jerry%", true)), Names{});
  EXPECT_EQ(names(one(Mode::SimilarTo, "(Tom|Jerry) S%t", true)),
            (Names{"Tom Scott", "Jerry Swift"}));
  EXPECT_EQ(names(one(Mode::Posix, "jr$")), Names{"Jerry Swift Jr"});
  EXPECT_EQ(names(one(Mode::Posix, "jr$", true)), Names{});
}

TEST_P(UserSearchRepositoryTest, MatchesJoinWithOrOrAndAndSkipAnOrganizationsMembers) {
  UserSearch search{.matches = {{Mode::Like, {UserSearchField::Name}, {"Jerry%"}},
                                {Mode::Exact, {UserSearchField::Id}, {"u1000", "u1002"}}}};
  EXPECT_EQ(names(search), (Names{"Tom Scott", "Jerry Swift", "Jerry Swift Jr"}));
  search.all_of = true;
  EXPECT_EQ(names(search), Names{"Jerry Swift Jr"});
  UserSearch everyone{.exclude_organization_id = "org-none"};
  EXPECT_EQ(names(everyone).size(), 3u);
}

LATCH_STORAGE_SUITE(UserSearchRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
