// Auth0's user export and password hashes export (migrate/auth0.hpp), from the fixtures in
// tests/fixtures/migrate, shaped as Auth0 documents them.
#include "migrate/auth0.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "unit/migrate/fixture.hpp"

namespace latch::migrate {
namespace {

const ImportedUser* find(const ImportPlan& plan, std::string_view source_id) {
  for (const auto& u : plan.users) {
    if (u.source_id == source_id) return &u;
  }
  return nullptr;
}

class Auth0ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = read_auth0(fixture("auth0-users.ndjson"), fixture("auth0-password-hashes.ndjson"));
    ASSERT_TRUE(read) << read.error().description;
    plan_ = std::move(*read);
  }
  ImportPlan plan_;
};

TEST_F(Auth0ImportTest, AUsersProfileMetadataAndPasswordComeAlong) {
  const auto* ada = find(plan_, "auth0|5dea9f9c82dd7c0e76e4ec93");
  ASSERT_NE(ada, nullptr);
  EXPECT_EQ(ada->id.size(), 12u);
  EXPECT_EQ(ada->id, derived_id("auth0", "auth0|5dea9f9c82dd7c0e76e4ec93", 12)) << "stable";
  EXPECT_EQ(ada->username, "ada");
  EXPECT_EQ(ada->email, "ada@example.test");
  EXPECT_EQ(ada->name, "Ada Lovelace");
  EXPECT_EQ(ada->avatar, "https://example.test/ada.png");
  EXPECT_EQ(ada->profile.at("givenName"), "Ada");
  EXPECT_EQ(ada->profile.at("familyName"), "Lovelace");
  EXPECT_EQ(boost::json::serialize(ada->custom_data),
            R"({"userMetadata":{"theme":"dark"},"appMetadata":{"plan":"gold"}})");
  EXPECT_EQ(ada->created_at, 1575657372412);
  EXPECT_FALSE(ada->suspended);
  ASSERT_TRUE(ada->password);
  EXPECT_EQ(ada->password->algorithm, "Bcrypt");
  EXPECT_TRUE(ada->password->digest.starts_with("$2b$10$abcdefghijklmnopqrstuu"));
  EXPECT_TRUE(ada->identities.empty()) << "the database connection is no social identity";
}

TEST_F(Auth0ImportTest, ASocialIdentityBecomesALogtoIdentityWithItsNumericId) {
  const auto* grace = find(plan_, "github|1234567");
  ASSERT_NE(grace, nullptr);
  ASSERT_TRUE(grace->identities.contains("github"));
  EXPECT_EQ(boost::json::serialize(grace->identities.at("github")),
            R"({"userId":"1234567","details":{"login":"grace"}})");
  EXPECT_FALSE(grace->password);
}

TEST_F(Auth0ImportTest, AHashJoinsItsUserByAltIdAndABlockedUserIsSuspended) {
  const auto* euclid = find(plan_, "auth0|euclid");
  ASSERT_NE(euclid, nullptr);
  EXPECT_TRUE(euclid->suspended);
  EXPECT_EQ(euclid->created_at, 1643767322200);
  ASSERT_TRUE(euclid->password);
  EXPECT_TRUE(euclid->password->digest.starts_with("$2b$10$ABCDEFGHIJKLMNOPQRSTUu"));
}

TEST_F(Auth0ImportTest, AHashWithoutAUserIsAUserOfItsOwnAndANonBcryptHashIsRefused) {
  const auto* only = find(plan_, "auth0|61f000000000000000000002");
  ASSERT_NE(only, nullptr);
  EXPECT_EQ(only->email, "only-hash@example.test");
  ASSERT_TRUE(only->password);
  EXPECT_EQ(find(plan_, "auth0|61f000000000000000000003"), nullptr);
  EXPECT_EQ(plan_.users.size(), 5u);
  std::string notes;
  for (const auto& n : plan_.not_imported) notes += n + "\n";
  EXPECT_NE(notes.find("(md5@example.test): not a bcrypt hash"), std::string::npos) << notes;
  EXPECT_NE(notes.find("the samlp identity"), std::string::npos) << notes;
}

TEST(Auth0ImportErrorsTest, ALineThatIsNotAnObjectIsRefusedWithItsNumber) {
  auto read = read_auth0("{\"user_id\":\"auth0|a\"}\n[1,2]\n", "");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Errc::InvalidRequest);
  EXPECT_EQ(read.error().description, "users line 2: not a JSON object");
  auto no_id = read_auth0("{\"email\":\"a@b.test\"}\n", "");
  ASSERT_FALSE(no_id);
  EXPECT_EQ(no_id.error().description, "users line 1: no user_id");
  auto hashes = read_auth0("", "not json\n");
  ASSERT_FALSE(hashes);
  EXPECT_EQ(hashes.error().description, "password hashes line 1: not a JSON object");
}

TEST(DerivedIdTest, ALatchIdIsKeptAndAnyOtherIsHashedIntoOne) {
  EXPECT_EQ(derived_id("logto", "abcdefghij12", 12), "abcdefghij12");
  std::string derived = derived_id("keycloak", "1b3c5a7e-0000-4000-8000-000000000001", 12);
  EXPECT_EQ(derived.size(), 12u);
  EXPECT_EQ(derived.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz"), std::string::npos);
  EXPECT_NE(derived, derived_id("auth0", "1b3c5a7e-0000-4000-8000-000000000001", 12));
  EXPECT_EQ(derived_id("keycloak", "shop", 21).size(), 21u);
  EXPECT_EQ(derived_id("keycloak", "shop", 40).size(), 40u);
}

TEST(IsoMillisTest, ReadsIsoTimesWithAndWithoutFractions) {
  EXPECT_EQ(iso_millis("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(iso_millis("2019-12-06T18:36:12.412Z"), 1575657372412);
  EXPECT_EQ(iso_millis("2019-12-06T18:36:12.4123456Z"), 1575657372412);
  EXPECT_EQ(iso_millis("2019-12-06T18:36:12.4Z"), 1575657372400);
  for (std::string_view bad : {"", "2019-12-06", "2019-13-06T18:36:12Z", "2019-12-06T18:36:12",
                               "2019-12-06T18:36:12.Z", "2019-12-06T18:36:12.4aZ"}) {
    EXPECT_FALSE(iso_millis(bad)) << bad;
  }
}

}  // namespace
}  // namespace latch::migrate
