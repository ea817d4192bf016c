// Logto's user search (issue #24, item 2): GET /api/users with search.<field>, mode.<field>,
// joint, isCaseSensitive, excludeOrganizationId and includePasswordHash, and Logto's errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class UserSearchTest : public RolesFixture<UserSearchTest> {
 public:
  // Users "Tom Scott" ×3 and "Jerry Swift", "Jerry Swift Jr" ×2, phones 131080500NN.
  static void provision_more(TestServer&) {
    const char* usernames[] = {"ss_tom_1",   "ss_tom_2",      "ss_tom_3",
                               "ss_jerry_1", "ss_jerry_jr_1", "ss_jerry_jr_2"};
    const char* names[] = {"Tom Scott",   "Tom Scott",      "Tom Scott",
                           "Jerry Swift", "Jerry Swift Jr", "Jerry Swift Jr"};
    for (int i = 0; i < 6; ++i) {
      json::object body{{"username", usernames[i]},
                        {"name", names[i]},
                        {"primaryEmail", std::string(usernames[i]) + "@example.test"},
                        {"primaryPhone", "13108050" + std::to_string(100 + i)}};
      if (i == 0) body["password"] = "Copper-Lantern-318";
      auto res = call(verb::post, "/api/users", body);
      if (res.status != 200) throw std::runtime_error("cannot create a user: " + res.body);
      ids_.push_back(json_text(res.json(), "id"));
    }
  }

 protected:
  static HttpResponse search(const std::string& query) {
    return call(verb::get, "/api/users?" + query);
  }
  // The usernames a search finds; a failure when it is refused.
  static std::set<std::string> found(const std::string& query) {
    auto res = search(query);
    EXPECT_EQ(res.status, 200u) << query << " " << res.body;
    std::set<std::string> out;
    if (res.status != 200) return out;
    json::value users = res.json();
    for (const auto& user : users.as_array()) out.insert(json_text(user, "username"));
    EXPECT_EQ(res.header("Total-Number"), std::to_string(out.size())) << query;
    return out;
  }
  static void expect_refused(const std::string& query, std::string_view words) {
    auto res = search(query);
    EXPECT_EQ(res.status, 400u) << query << " " << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), "request.invalid_input") << query;
    EXPECT_NE(json_text(res.json(), "message").find(words), std::string::npos)
        << query << " " << res.body;
  }
  static inline std::vector<std::string> ids_;
};

using Names = std::set<std::string>;

TEST_F(UserSearchTest, ExactSearchIgnoresCaseUnlessAskedNotTo) {
  EXPECT_EQ(found("search.name=jerry%20swift&mode.name=exact"), Names{"ss_jerry_1"});
  EXPECT_EQ(found("search.name=jerry%20swift&mode.name=exact&isCaseSensitive=true"), Names{});
  EXPECT_EQ(found("search.primaryEmail=SS_TOM_1%40example.test&search.primaryEmail=ss_tom_2%40"
                  "example.test&search.primaryEmail=nobody&mode.primaryEmail=exact"),
            (Names{"ss_tom_1", "ss_tom_2"}));
  EXPECT_EQ(found("search.id=" + ids_[0] + "&search.id=" + ids_[0] + "&mode.id=exact"),
            Names{"ss_tom_1"});
}

TEST_F(UserSearchTest, LikePosixAndSimilarToMatchAsInPostgres) {
  EXPECT_EQ(found("search.username=ss_tom%25"), (Names{"ss_tom_1", "ss_tom_2", "ss_tom_3"}));
  EXPECT_EQ(found("search=%25SS_JERRY_JR%25"), (Names{"ss_jerry_jr_1", "ss_jerry_jr_2"}));
  EXPECT_EQ(found("search=%25SS_JERRY_JR%25&isCaseSensitive=true"), Names{});
  EXPECT_EQ(found("search.name=%5EJerry((%3F!Jr).)*%24&mode.name=posix&isCaseSensitive=true"),
            Names{"ss_jerry_1"});
  EXPECT_EQ(found("search.username=ss_tom_(1%7C3)&mode.username=similar_to&isCaseSensitive=true"),
            (Names{"ss_tom_1", "ss_tom_3"}));
  // SIMILAR TO matches the whole value, and its "." is a dot.
  EXPECT_EQ(found("search.username=ss.tom.1&mode.username=similar_to&isCaseSensitive=true"),
            Names{});
}

TEST_F(UserSearchTest, JointAndAsksForEveryMatch) {
  EXPECT_EQ(found("search.name=%25Jr&search.primaryPhone=%25105&joint=and"),
            Names{"ss_jerry_jr_2"});
  EXPECT_EQ(found("search.name=%25Jr&search.primaryPhone=%25100"),
            (Names{"ss_tom_1", "ss_jerry_jr_1", "ss_jerry_jr_2"}));
}

TEST_F(UserSearchTest, MalformedSearchesAreRefusedInLogtosWords) {
  expect_refused("search.primaryEmail=a&search.primaryEmail=b", "`exact`");
  expect_refused("search.primaryEmail=&search=tom", "cannot be empty");
  expect_refused("search.primaryEmail=%25a%25&mode.primaryEmail=similar_to", "case-insensitive");
  expect_refused("search.primaryEmail=a&mode.primaryEmail=similar%20to", "is not valid");
  expect_refused("search.email=a", "is not valid");
  expect_refused("search.primaryEmail=a&joint=and1", "is not valid");
  expect_refused("search.profile.name=a", "nested");
  expect_refused("search.name=(&mode.name=posix", "regular expression");
  expect_refused("excludeRoleId=a&excludeOrganizationId=b", "at the same time");
}

TEST_F(UserSearchTest, ExcludeOrganizationIdLeavesOutItsMembers) {
  auto org = call(verb::post, "/api/organizations", json::object{{"name", "Search club"}});
  ASSERT_EQ(org.status, 201u) << org.body;
  std::string org_id = json_text(org.json(), "id");
  auto added = call(verb::post, "/api/organizations/" + org_id + "/users",
                    json::object{{"userIds", json::array{ids_[0].c_str(), ids_[1].c_str()}}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(found("search.username=ss_tom%25&excludeOrganizationId=" + org_id), Names{"ss_tom_3"});
}

TEST_F(UserSearchTest, IncludePasswordHashShowsTheDigestAndItsAlgorithm) {
  auto plain = search("search.username=ss_tom_1");
  ASSERT_EQ(plain.status, 200u);
  json::value plain_users = plain.json();
  EXPECT_FALSE(plain_users.as_array()[0].as_object().contains("passwordDigest"));
  auto res = search("search.username=ss_tom_%25&includePasswordHash=true");
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value users = res.json();
  for (const auto& user : users.as_array()) {
    if (json_text(user, "username") == "ss_tom_1") {
      EXPECT_TRUE(json_text(user, "passwordDigest").starts_with("$argon2id$")) << user;
      EXPECT_EQ(json_text(user, "passwordAlgorithm"), "Argon2id");
    } else {
      EXPECT_TRUE(user.at("passwordDigest").is_null()) << user;
      EXPECT_TRUE(user.at("passwordAlgorithm").is_null()) << user;
    }
  }
  auto one = call(verb::get, "/api/users/" + ids_[0] + "?includePasswordHash=true");
  EXPECT_EQ(json_text(one.json(), "passwordAlgorithm"), "Argon2id");
}

}  // namespace
}  // namespace latch::test
