// The account center's settings (Logto's PATCH /api/account-center): defaults, patches, and
// what a bad patch is told.
#include "management/account_center.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace latch::management {
namespace {

namespace json = boost::json;

Result<AccountCenter> patch(const char* text) {
  return apply_account_center_patch(default_account_center(), json::parse(text).as_object());
}

TEST(AccountCenterTest, LatchStartsEnabledWithEveryFieldEditableButCustomData) {
  AccountCenter center = default_account_center();
  EXPECT_TRUE(center.enabled);
  EXPECT_TRUE(center.editable(AccountField::Password));
  EXPECT_TRUE(center.editable(AccountField::Session));
  EXPECT_EQ(center.control(AccountField::CustomData), FieldControl::ReadOnly);
  EXPECT_EQ(center.control(AccountField::TrustedDevice), FieldControl::Off);
}

TEST(AccountCenterTest, FieldsReplaceTheWholeMapAndAbsentFieldsAreOff) {
  auto center = patch(R"({"enabled":true,"fields":{"username":"Edit"}})");
  ASSERT_TRUE(center);
  EXPECT_TRUE(center->editable(AccountField::Username));
  EXPECT_EQ(center->control(AccountField::Name), FieldControl::Off);
}

TEST(AccountCenterTest, PasskeysFollowMfaUnlessSetThemselves) {
  auto center = patch(R"({"fields":{"mfa":"ReadOnly"}})");
  ASSERT_TRUE(center);
  EXPECT_EQ(center->passkey_control(), FieldControl::ReadOnly);
  center = patch(R"({"fields":{"mfa":"ReadOnly","passkey":"Edit"}})");
  ASSERT_TRUE(center);
  EXPECT_EQ(center->passkey_control(), FieldControl::Edit);
}

TEST(AccountCenterTest, AnEmptyDeleteAccountUrlClearsIt) {
  auto set = patch(R"({"deleteAccountUrl":"https://example.com/delete"})");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->delete_account_url, "https://example.com/delete");
  auto cleared =
      apply_account_center_patch(*set, json::parse(R"({"deleteAccountUrl":""})").as_object());
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->delete_account_url);
  EXPECT_TRUE(account_center_json(*cleared).at("deleteAccountUrl").is_null());
}

struct BadPatch {
  const char* description;
  const char* body;
  const char* field;
};

class AccountCenterBadPatchTest : public ::testing::TestWithParam<BadPatch> {};

TEST_P(AccountCenterBadPatchTest, IsRefusedNamingTheMember) {
  auto result = patch(GetParam().body);
  ASSERT_FALSE(result) << GetParam().description;
  EXPECT_EQ(result.error().code, Errc::InvalidRequest);
  EXPECT_EQ(result.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AccountCenterBadPatchTest,
    ::testing::Values(BadPatch{"enabled not a boolean", R"({"enabled":"yes"})", "enabled"},
                      BadPatch{"unknown field", R"({"fields":{"shoeSize":"Edit"}})",
                               "fields.shoeSize"},
                      BadPatch{"unknown control", R"({"fields":{"name":"Write"}})", "fields.name"},
                      BadPatch{"origins not strings", R"({"webauthnRelatedOrigins":[1]})",
                               "webauthnRelatedOrigins"},
                      BadPatch{"not a URL", R"j({"deleteAccountUrl":"javascript:alert(1)"})j",
                               "deleteAccountUrl"},
                      BadPatch{"unknown member", R"({"theme":"dark"})", "theme"}));

}  // namespace
}  // namespace latch::management
