// The admin user routes as Logto answers them (issue #24, item 2): phone numbers stored in
// Logto's form (country code and national number, the national prefix dropped) and compared in
// either form, an update with nothing in it, profile and custom data merged, the password
// expiration route, a password check with no password, plain digests of any text.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class AdminUsersTest : public RolesFixture<AdminUsersTest> {
 protected:
  static HttpResponse create(const json::object& body) {
    return call(verb::post, "/api/users", body);
  }
  static std::string created_id(const json::object& body) {
    auto res = create(body);
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
};

TEST_F(AdminUsersTest, APhoneNumberIsStoredWithoutTheNationalPrefix) {
  auto au = create({{"username", "au_phone"}, {"primaryPhone", "610412345678"}});
  ASSERT_EQ(au.status, 200u) << au.body;
  EXPECT_EQ(json_text(au.json(), "primaryPhone"), "61412345678");
  auto uk = create({{"username", "uk_phone"}, {"primaryPhone", "+4407911123456"}});
  EXPECT_EQ(json_text(uk.json(), "primaryPhone"), "447911123456");
  // Italy writes no national prefix: its leading 0 is part of the number.
  auto it = create({{"username", "it_phone"}, {"primaryPhone", "390612345678"}});
  EXPECT_EQ(json_text(it.json(), "primaryPhone"), "390612345678");
  auto us = create({{"username", "us_phone"}, {"primaryPhone", "13102051234"}});
  EXPECT_EQ(json_text(us.json(), "primaryPhone"), "13102051234");
  std::string id = created_id({{"username", "au_later"}});
  auto updated =
      call(verb::patch, "/api/users/" + id, json::object{{"primaryPhone", "61023456789"}});
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(json_text(updated.json(), "primaryPhone"), "6123456789");
}

TEST_F(AdminUsersTest, BothFormsOfANumberAreOneNumber) {
  std::string owner = created_id({{"username", "phone_owner"}, {"primaryPhone", "61487654321"}});
  auto again = create({{"username", "phone_twin"}, {"primaryPhone", "610487654321"}});
  EXPECT_EQ(again.status, 422u);
  EXPECT_EQ(json_text(again.json(), "code"), "user.phone_already_in_use");
  std::string other = created_id({{"username", "phone_other"}});
  auto taken =
      call(verb::patch, "/api/users/" + other, json::object{{"primaryPhone", "610487654321"}});
  EXPECT_EQ(taken.status, 422u);
  EXPECT_EQ(json_text(taken.json(), "code"), "user.phone_already_in_use");
  auto own =
      call(verb::patch, "/api/users/" + owner, json::object{{"primaryPhone", "610487654321"}});
  EXPECT_EQ(own.status, 200u) << own.body;
  // A number stored with the leading 0 before Latch normalised numbers is still taken.
  server().sql("UPDATE users SET primary_phone = '610411111111' WHERE id = '" + owner + "'");
  auto legacy = create({{"username", "phone_legacy"}, {"primaryPhone", "61411111111"}});
  EXPECT_EQ(legacy.status, 422u) << legacy.body;
  EXPECT_EQ(json_text(legacy.json(), "code"), "user.phone_already_in_use");
  // So is one Latch stored with its "+" before.
  server().sql("UPDATE users SET primary_phone = '+61422222222' WHERE id = '" + owner + "'");
  auto plus = create({{"username", "phone_plus"}, {"primaryPhone", "61422222222"}});
  EXPECT_EQ(plus.status, 422u) << plus.body;
}

TEST_F(AdminUsersTest, DigitsThatAreNoPhoneNumberAreRefused) {
  for (const char* phone : {"99912345678", "0123456789"}) {
    auto res = create({{"username", "no_phone"}, {"primaryPhone", phone}});
    EXPECT_EQ(res.status, 422u) << phone << " " << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), "user.invalid_phone") << phone;
  }
}

// Logto's Management API creates a user with no identifier at all; it can be given one later.
TEST_F(AdminUsersTest, AUserMayBeCreatedWithOnlyAName) {
  std::string id = created_id({{"name", "Only A. Name"}});
  ASSERT_FALSE(id.empty());
  auto read = call(verb::get, "/api/users/" + id);
  EXPECT_EQ(json_text(read.json(), "name"), "Only A. Name");
  EXPECT_TRUE(read.json().at("username").is_null()) << read.body;
  auto named = call(verb::patch, "/api/users/" + id, json::object{{"username", "named_later"}});
  EXPECT_EQ(named.status, 200u) << named.body;
  EXPECT_EQ(json_text(named.json(), "username"), "named_later");
}

TEST_F(AdminUsersTest, AnUpdateWithNothingInItIsRefused) {
  std::string id = created_id({{"username", "nothing_new"}});
  auto res = call(verb::patch, "/api/users/" + id, json::object{});
  EXPECT_EQ(res.status, 422u) << res.body;
  EXPECT_EQ(json_text(res.json(), "code"), "entity.invalid_input");
}

TEST_F(AdminUsersTest, ProfileAndCustomDataPatchesAreMerged) {
  std::string id = created_id({{"username", "merged"}});
  auto first =
      call(verb::patch, "/api/users/" + id + "/profile",
           json::object{{"profile", {{"familyName", "A"}, {"address", {{"formatted", "x"}}}}}});
  ASSERT_EQ(first.status, 200u) << first.body;
  auto second =
      call(verb::patch, "/api/users/" + id + "/profile",
           json::object{{"profile", {{"familyName", "B"}, {"website", "https://b.test/"}}}});
  ASSERT_EQ(second.status, 200u) << second.body;
  EXPECT_EQ(second.json(), (json::value{{"familyName", "B"},
                                        {"address", {{"formatted", "x"}}},
                                        {"website", "https://b.test/"}}));
  call(verb::patch, "/api/users/" + id + "/custom-data", json::object{{"customData", {{"a", 1}}}});
  auto data = call(verb::patch, "/api/users/" + id + "/custom-data",
                   json::object{{"customData", {{"b", 2}}}});
  EXPECT_EQ(data.json(), (json::value{{"a", 1}, {"b", 2}}));
  // PATCH /api/users/:id replaces the documents whole, as Logto's does.
  auto whole = call(verb::patch, "/api/users/" + id, json::object{{"customData", {{"c", 3}}}});
  EXPECT_EQ(whole.json().at("customData"), (json::value{{"c", 3}}));
}

TEST_F(AdminUsersTest, APasswordCannotBeExpiredWithoutAnExpirationPolicy) {
  std::string id = created_id({{"username", "expiring"}, {"password", "Copper-Lantern-318"}});
  auto expire = call(verb::patch, "/api/users/" + id + "/password/expiration",
                     json::object{{"isExpired", true}});
  EXPECT_EQ(expire.status, 400u);
  EXPECT_EQ(json_text(expire.json(), "code"),
            "sign_in_experiences.password_expiration_not_enabled");
  auto keep = call(verb::patch, "/api/users/" + id + "/password/expiration",
                   json::object{{"isExpired", false}});
  EXPECT_EQ(keep.status, 200u) << keep.body;
  EXPECT_EQ(json_text(keep.json(), "id"), id);
  EXPECT_EQ(
      call(verb::patch, "/api/users/nobody/password/expiration", json::object{{"isExpired", true}})
          .status,
      404u);
}

TEST_F(AdminUsersTest, AnEmptyPasswordIsMalformedNotWrong) {
  std::string id = created_id({{"username", "no_password"}});
  auto res =
      call(verb::post, "/api/users/" + id + "/password/verify", json::object{{"password", ""}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(json_text(res.json(), "code"), "guard.invalid_input");
}

TEST_F(AdminUsersTest, AnUnsaltedDigestOfAnyTextIsStoredAsLogtoStoresIt) {
  auto res = create({{"username", "odd_digest"},
                     {"passwordDigest", std::string(256, 'a')},
                     {"passwordAlgorithm", "MD5"}});
  ASSERT_EQ(res.status, 200u) << res.body;
  auto check = call(verb::post, "/api/users/" + json_text(res.json(), "id") + "/password/verify",
                    json::object{{"password", "password"}});
  EXPECT_EQ(check.status, 422u);
}

}  // namespace
}  // namespace latch::test
