// The Account API (/api/my-account, Logto's routes/account) and its verification records
// (/api/verifications): the user's own access token, the scopes each route needs, a verification
// record for sensitive changes, and Logto's codes and statuses when something is missing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/account_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

TEST_F(AccountApiTest, GetReturnsWhatTheTokensScopesAllow) {
  AccountUser user = new_user("openid profile");
  auto res = call(user.token, verb::get, "/my-account");
  ASSERT_EQ(res.status, 200u) << res.body;
  auto body = res.json().as_object();
  EXPECT_EQ(json_text(body, "id"), user.id);
  EXPECT_EQ(json_text(body, "username"), user.spec.username);
  EXPECT_EQ(json_text(body, "name"), "Account User");
  EXPECT_FALSE(body.contains("primaryEmail")) << "no email scope";
  EXPECT_FALSE(body.contains("identities")) << "no identities scope";
  EXPECT_EQ(body.at("hasPassword"), json::value(true));
  EXPECT_EQ(body.at("hasSecurityVerificationMethod"), json::value(true));
  EXPECT_EQ(res.header("Cache-Control"), "no-store");

  auto full = call(new_user().token, verb::get, "/my-account").json().as_object();
  EXPECT_TRUE(full.contains("primaryEmail"));
  EXPECT_TRUE(full.contains("identities"));
}

TEST_F(AccountApiTest, EnterpriseSsoIdentitiesAreListedWithTheIdentitiesScope) {
  auto connector = management(verb::post, "/api/sso-connectors",
                              json::object{{"providerName", "OIDC"}, {"connectorName", "Corp"}});
  ASSERT_EQ(connector.status, 200u) << connector.body;  // Logto answers a creation here with 200
  AccountUser user = new_user();
  // An identity as an enterprise sign-in stores it (the sign-in itself is sso_sign_in_test's).
  server().sql(
      "INSERT INTO user_sso_identities (id, user_id, issuer, identity_id, detail, "
      "sso_connector_id, created_at, updated_at) VALUES ('ssoid1', '" +
      user.id + "', 'https://corp.example.test', 'corp-42', '{\"email\":\"a@corp.test\"}', '" +
      json_text(connector.json(), "id") + "', 1, 1)");
  auto body = call(user.token, verb::get, "/my-account").json();
  ASSERT_TRUE(body.is_object() && body.as_object().contains("ssoIdentities")) << body;
  const auto& sso = body.at("ssoIdentities").as_array();
  ASSERT_EQ(sso.size(), 1u);
  EXPECT_EQ(json_text(sso[0], "issuer"), "https://corp.example.test");
  EXPECT_EQ(json_text(sso[0], "identityId"), "corp-42");
  EXPECT_EQ(json_text(sso[0].at("detail"), "email"), "a@corp.test");
  auto narrow = call(sign_in(user, "openid profile"), verb::get, "/my-account").json();
  EXPECT_FALSE(narrow.as_object().contains("ssoIdentities")) << "no identities scope";
}

TEST_F(AccountApiTest, ARequestWithoutAValidTokenIsUnauthorized) {
  for (const std::string token : {"", "not-a-token"}) {
    auto res = call(token, verb::get, "/my-account");
    EXPECT_EQ(res.status, 401u);
    EXPECT_EQ(code_of(res), "auth.unauthorized");
  }
}

TEST_F(AccountApiTest, PatchChangesTheNameAndAnswersWithTheProfile) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::patch, "/my-account", json::object{{"name", "Renamed"}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "name"), "Renamed");
  EXPECT_EQ(json_text(call(user.token, verb::get, "/my-account").json(), "name"), "Renamed");
}

TEST_F(AccountApiTest, PatchWithoutTheProfileScopeIsRefused) {
  AccountUser user = new_user("openid email");
  auto res = call(user.token, verb::patch, "/my-account", json::object{{"name", "Nope"}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "auth.unauthorized");
}

TEST_F(AccountApiTest, ChangingTheUsernameNeedsAVerificationRecord) {
  AccountUser user = new_user();
  json::object body{{"username", user.spec.username + "_new"}};
  auto refused = call(user.token, verb::patch, "/my-account", body);
  EXPECT_EQ(refused.status, 401u);
  EXPECT_EQ(code_of(refused), "verification_record.permission_denied");
  auto bogus = call(user.token, verb::patch, "/my-account", body, "no-such-record");
  EXPECT_EQ(bogus.status, 401u);
  auto changed = call(user.token, verb::patch, "/my-account", body, password_record(user));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(json_text(changed.json(), "username"), user.spec.username + "_new");
}

TEST_F(AccountApiTest, AUsernameSomeoneElseHasIsRefused) {
  AccountUser user = new_user();
  AccountUser other = new_user();
  auto res = call(user.token, verb::patch, "/my-account",
                  json::object{{"username", other.spec.username}}, password_record(user));
  EXPECT_EQ(res.status, 422u);
  EXPECT_EQ(code_of(res), "user.username_already_in_use");
}

TEST_F(AccountApiTest, AnotherUsersRecordProvesNothing) {
  AccountUser user = new_user();
  AccountUser other = new_user();
  auto res = call(user.token, verb::post, "/my-account/password",
                  json::object{{"password", "Brand-New-Secret-42"}}, password_record(other));
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(code_of(res), "verification_record.permission_denied");
}

TEST_F(AccountApiTest, PatchProfileMergesStandardClaims) {
  AccountUser user = new_user();
  auto first =
      call(user.token, verb::patch, "/my-account/profile", json::object{{"givenName", "Ada"}});
  ASSERT_EQ(first.status, 200u) << first.body;
  auto second = call(user.token, verb::patch, "/my-account/profile",
                     json::object{{"familyName", "Lovelace"}});
  ASSERT_EQ(second.status, 200u) << second.body;
  EXPECT_EQ(json_text(second.json(), "givenName"), "Ada");
  EXPECT_EQ(json_text(second.json(), "familyName"), "Lovelace");
  auto bad = call(user.token, verb::patch, "/my-account/profile", json::object{{"shoeSize", "44"}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(code_of(bad), "guard.invalid_input");
}

TEST_F(AccountApiTest, AThirdPartyAppsTokenCannotChangeTheAccount) {
  AccountUser user = new_user();
  std::string token = sign_in(user, "openid profile", true);
  ASSERT_FALSE(token.empty());
  auto res = call(token, verb::patch, "/my-account", json::object{{"name", "Partner Was Here"}});
  EXPECT_EQ(res.status, 403u);
  EXPECT_EQ(code_of(res), "auth.third_party_application_forbidden");
  auto record = call(token, verb::post, "/verifications/password",
                     json::object{{"password", user.spec.password}});
  EXPECT_EQ(record.status, 403u);
}

TEST_F(AccountApiTest, AWrongPasswordMakesNoRecord) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::post, "/verifications/password",
                  json::object{{"password", "Not-The-Password-1"}});
  EXPECT_EQ(res.status, 422u);
  EXPECT_EQ(code_of(res), "session.invalid_credentials");
}

TEST_F(AccountApiTest, APasswordRecordSaysWhenItExpires) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::post, "/verifications/password",
                  json::object{{"password", user.spec.password}});
  ASSERT_EQ(res.status, 201u) << res.body;
  EXPECT_EQ(json_text(res.json(), "verificationRecordId").size(), 21u);
  EXPECT_TRUE(json_text(res.json(), "expiresAt").ends_with("Z"));
}

TEST_F(AccountApiTest, ThePasswordChangesWithTheCurrentOneAndTheNewOneSignsIn) {
  AccountUser user = new_user();
  auto without = call(user.token, verb::post, "/my-account/password",
                      json::object{{"password", "Brand-New-Secret-42"}});
  EXPECT_EQ(without.status, 401u);
  EXPECT_EQ(code_of(without), "verification_record.permission_denied");
  auto changed = call(user.token, verb::post, "/my-account/password",
                      json::object{{"password", "Brand-New-Secret-42"}}, password_record(user));
  ASSERT_EQ(changed.status, 204u) << changed.body;
  AccountUser renewed = user;
  renewed.spec.password = "Brand-New-Secret-42";
  EXPECT_FALSE(sign_in(renewed, "openid").empty());
}

TEST_F(AccountApiTest, APasswordThePolicyRefusesIsRejected) {
  AccountUser user = new_user();
  std::string record = password_record(user);
  auto weak = call(user.token, verb::post, "/my-account/password",
                   json::object{{"password", "123"}}, record);
  EXPECT_EQ(weak.status, 422u);
  EXPECT_EQ(code_of(weak), "password.rejected");
  auto same = call(user.token, verb::post, "/my-account/password",
                   json::object{{"password", user.spec.password}}, record);
  EXPECT_EQ(same.status, 422u);
  EXPECT_EQ(code_of(same), "user.same_password");
}

TEST_F(AccountApiTest, ANewEmailIsSetWithACodeSentToIt) {
  AccountUser user = new_user();
  std::string email = user.spec.username + ".new@example.test";
  std::string proof = email_record(user.token, email);
  auto res = call(user.token, verb::post, "/my-account/primary-email",
                  json::object{{"email", email}, {"newIdentifierVerificationRecordId", proof}},
                  password_record(user));
  ASSERT_EQ(res.status, 204u) << res.body;
  EXPECT_EQ(json_text(call(user.token, verb::get, "/my-account").json(), "primaryEmail"), email);
}

TEST_F(AccountApiTest, ANewEmailCodeDoesNotProveTheUser) {
  AccountUser user = new_user();
  std::string email = user.spec.username + ".other@example.test";
  std::string proof = email_record(user.token, email);
  auto res =
      call(user.token, verb::post, "/my-account/primary-email",
           json::object{{"email", email}, {"newIdentifierVerificationRecordId", proof}}, proof);
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(code_of(res), "verification_record.permission_denied");
}

TEST_F(AccountApiTest, ACodeSentToTheUsersOwnEmailProvesTheUser) {
  AccountUser user = new_user();
  std::string proof = email_record(user.token, user.spec.email);
  auto res = call(user.token, verb::post, "/my-account/password",
                  json::object{{"password", "Fresh-Verification-88"}}, proof);
  EXPECT_EQ(res.status, 204u) << res.body;
}

TEST_F(AccountApiTest, ARecordForAnotherAddressIsNotFound) {
  AccountUser user = new_user();
  std::string proof = email_record(user.token, user.spec.username + ".a@example.test");
  auto res = call(user.token, verb::post, "/my-account/primary-email",
                  json::object{{"email", user.spec.username + ".b@example.test"},
                               {"newIdentifierVerificationRecordId", proof}},
                  password_record(user));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "verification_record.not_found");
}

TEST_F(AccountApiTest, AWrongCodeIsRefusedAndCounted) {
  AccountUser user = new_user();
  json::object identifier{{"type", "email"}, {"value", user.spec.username + ".c@example.test"}};
  auto sent = call(user.token, verb::post, "/verifications/verification-code",
                   json::object{{"identifier", identifier}});
  ASSERT_EQ(sent.status, 201u) << sent.body;
  json::object attempt{{"identifier", identifier},
                       {"verificationId", json_text(sent.json(), "verificationRecordId")},
                       {"code", "000000"}};
  std::string last;
  for (int i = 0; i < 6; ++i) {
    last =
        code_of(call(user.token, verb::post, "/verifications/verification-code/verify", attempt));
  }
  EXPECT_EQ(last, "verification_code.exceed_max_try");
}

TEST_F(AccountApiTest, AnEmailSomeoneElseHasIsRefused) {
  AccountUser user = new_user();
  AccountUser other = new_user();
  std::string proof = email_record(user.token, other.spec.email);
  auto res =
      call(user.token, verb::post, "/my-account/primary-email",
           json::object{{"email", other.spec.email}, {"newIdentifierVerificationRecordId", proof}},
           password_record(user));
  EXPECT_EQ(res.status, 422u);
  EXPECT_EQ(code_of(res), "user.email_already_in_use");
}

TEST_F(AccountApiTest, TheEmailIsRemovedButNotTheLastWayToSignIn) {
  AccountUser user = new_user();
  std::string record = password_record(user);
  ASSERT_EQ(call(user.token, verb::delete_, "/my-account/primary-email", nullptr, record).status,
            204u);
  auto last =
      call(user.token, verb::patch, "/my-account", json::object{{"username", nullptr}}, record);
  EXPECT_EQ(last.status, 400u);
  EXPECT_EQ(code_of(last), "user.last_sign_in_method_required");
}

TEST_F(AccountApiTest, UnlinkingAnIdentityTheUserDoesNotHaveIsNotFound) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::delete_, "/my-account/identities/github", nullptr,
                  password_record(user));
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(code_of(res), "user.identity_not_exist");
}

TEST_F(AccountApiTest, LinkingNeedsAVerifiedSocialRecord) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::post, "/my-account/identities",
                  json::object{{"newIdentifierVerificationRecordId", password_record(user)}},
                  password_record(user));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "verification_record.not_found");
}

TEST_F(AccountApiTest, ADisabledAccountCenterRefusesTheAccountRoutes) {
  AccountUser user = new_user();
  manage(verb::patch, "/api/account-center", json::object{{"enabled", false}});
  auto res = call(user.token, verb::get, "/my-account");
  manage(verb::patch, "/api/account-center", json::object{{"enabled", true}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "account_center.not_enabled");
}

TEST_F(AccountApiTest, AReadOnlyFieldIsShownButNotChanged) {
  AccountUser user = new_user();
  json::object fields{
      {"name", "ReadOnly"}, {"username", "Edit"}, {"password", "Edit"}, {"email", "Off"}};
  manage(verb::patch, "/api/account-center", json::object{{"fields", fields}});
  auto shown = call(user.token, verb::get, "/my-account").json().as_object();
  auto changed = call(user.token, verb::patch, "/my-account", json::object{{"name", "X"}});
  json::object all{{"name", "Edit"},     {"avatar", "Edit"}, {"profile", "Edit"},
                   {"email", "Edit"},    {"phone", "Edit"},  {"password", "Edit"},
                   {"username", "Edit"}, {"social", "Edit"}, {"customData", "ReadOnly"},
                   {"mfa", "Edit"},      {"session", "Edit"}};
  manage(verb::patch, "/api/account-center", json::object{{"fields", all}});
  EXPECT_TRUE(shown.contains("name"));
  EXPECT_FALSE(shown.contains("primaryEmail")) << "email is Off";
  EXPECT_EQ(changed.status, 400u);
  EXPECT_EQ(code_of(changed), "account_center.field_not_editable");
}

}  // namespace
}  // namespace latch::test
