// /api/users/:userId/mfa-verifications and /trusted-devices (issue 18, part C): Logto's shapes,
// status codes and error codes, the migration bodies (a given TOTP secret, given backup codes),
// Latch's reset, the audit log, and PATCH /api/sign-in-exp's rules for `mfa`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/encoding.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";  // 32 base32 characters

class UserMfaApiTest : public RolesFixture<UserMfaApiTest> {
 protected:
  static std::string factors_path(const std::string& user) {
    return "/api/users/" + user + "/mfa-verifications";
  }
  static HttpResponse add(const std::string& user, const json::object& body) {
    return call(verb::post, factors_path(user), body);
  }
  static json::array factors(const std::string& user) {
    auto res = call(verb::get, factors_path(user));
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.status == 200 ? res.json().as_array() : json::array{};
  }
  // A user with a TOTP factor; its id.
  static std::string user_with_totp(const std::string& username) {
    std::string user = create_api_user(username);
    auto res = add(user, {{"type", "Totp"}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return user;
  }
  static void expect_error(const HttpResponse& res, unsigned status, const std::string& code) {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), code) << res.body;
    EXPECT_FALSE(json_text(res.json(), "message").empty());
  }
};

TEST_F(UserMfaApiTest, ANewUserHasNoFactorsAndAnUnknownUserIsNotFound) {
  std::string user = create_api_user("mfa_nobody");
  EXPECT_TRUE(factors(user).empty());
  expect_error(call(verb::get, factors_path("no-such-user")), 404, "entity.not_found");
  expect_error(add("no-such-user", {{"type", "Totp"}}), 404, "entity.not_found");
  expect_error(call(verb::delete_, factors_path("no-such-user") + "/x"), 404, "entity.not_found");
  expect_error(call(verb::delete_, factors_path("no-such-user")), 404, "entity.not_found");
}

TEST_F(UserMfaApiTest, ATotpFactorIsCreatedWithASecretAndAnSvgQrCode) {
  std::string user = create_api_user("mfa_totp");
  auto res = add(user, {{"type", "Totp"}});
  ASSERT_EQ(res.status, 200u) << res.body;
  auto body = res.json().as_object();
  EXPECT_EQ(json_text(body, "type"), "Totp");
  std::string secret = json_text(body, "secret");
  EXPECT_GE(secret.size(), 16u);
  EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
  std::string qr = json_text(body, "secretQrCode");
  const std::string prefix = "data:image/svg+xml;base64,";
  ASSERT_EQ(qr.rfind(prefix, 0), 0u) << qr.substr(0, 40);
  auto svg = crypto::base64_decode(qr.substr(prefix.size()));
  ASSERT_TRUE(svg);
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_EQ(svg->find("<script"), std::string::npos);

  auto listed = factors(user);
  ASSERT_EQ(listed.size(), 1u);
  const auto& factor = listed[0].as_object();
  EXPECT_EQ(json_text(factor, "type"), "Totp");
  EXPECT_EQ(json_text(factor, "id").size(), 21u);
  // Logto's createdAt is an ISO 8601 string; a TOTP factor has no name, agent or codes.
  EXPECT_NE(json_text(factor, "createdAt").find('T'), std::string::npos);
  EXPECT_FALSE(factor.contains("remainCodes"));
  EXPECT_FALSE(factor.contains("secret"));

  // One TOTP factor per user (Logto's 422).
  expect_error(add(user, {{"type", "Totp"}}), 422, "user.totp_already_in_use");
  expect_error(add(user, {{"type", "Totp"}, {"secret", kSecret}}), 422, "user.totp_already_in_use");
  // Before the secret is looked at, as Logto's.
  expect_error(add(user, {{"type", "Totp"}, {"secret", "bad"}}), 422, "user.totp_already_in_use");
}

TEST_F(UserMfaApiTest, AGivenTotpSecretIsKeptForMigration) {
  std::string user = create_api_user("mfa_migrated");
  auto res = add(user, {{"type", "Totp"}, {"secret", kSecret}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "secret"), kSecret);
  EXPECT_EQ(json_text(res.json(), "secretQrCode").rfind("data:image/svg+xml;base64,", 0), 0u);
  EXPECT_EQ(factors(user).size(), 1u);

  std::string other = create_api_user("mfa_bad_secret");
  const std::string huge(5000, 'A');  // longer than any QR code holds
  for (const std::string& bad : {std::string("TOOSHORT"), std::string("not base32 at all!!"),
                                 std::string("JBSWY3DPEHPK3PXP1"), huge}) {
    SCOPED_TRACE(bad.substr(0, 20));
    expect_error(add(other, {{"type", "Totp"}, {"secret", bad}}), 422, "user.totp_secret_invalid");
  }
  EXPECT_TRUE(factors(other).empty());
  // An empty secret asks for a new one (Logto's truthiness test).
  auto fresh = add(other, {{"type", "Totp"}, {"secret", ""}});
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_EQ(json_text(fresh.json(), "secret").size(), 32u);
}

TEST_F(UserMfaApiTest, BackupCodesNeedAnotherFactorAndAreShownOnce) {
  std::string alone = create_api_user("mfa_backup_alone");
  expect_error(add(alone, {{"type", "BackupCode"}}), 422,
               "session.mfa.backup_code_can_not_be_alone");
  EXPECT_TRUE(factors(alone).empty());

  std::string user = user_with_totp("mfa_backup");
  auto res = add(user, {{"type", "BackupCode"}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "type"), "BackupCode");
  auto created = res.json();  // the array below lives in it
  const auto& codes = created.at("codes").as_array();
  ASSERT_EQ(codes.size(), 10u);
  for (const auto& code : codes) EXPECT_EQ(code.as_string().size(), 10u);

  auto listed = factors(user);
  ASSERT_EQ(listed.size(), 2u);
  bool seen = false;
  for (const auto& f : listed) {
    if (json_text(f, "type") != "BackupCode") continue;
    seen = true;
    EXPECT_EQ(f.at("remainCodes").as_int64(), 10);
    EXPECT_FALSE(f.as_object().contains("codes"));  // never readable again
  }
  EXPECT_TRUE(seen);
  // A user with unused codes keeps them (Logto's Management API refuses a second set).
  expect_error(add(user, {{"type", "BackupCode"}}), 422, "user.backup_code_already_in_use");
}

TEST_F(UserMfaApiTest, GivenBackupCodesAreStoredForMigration) {
  std::string user = user_with_totp("mfa_backup_given");
  json::array given;
  for (int i = 0; i < 10; ++i) given.emplace_back("0123456a" + std::to_string(10 + i));
  auto res = add(user, {{"type", "BackupCode"}, {"codes", given}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("codes").as_array(), given);

  std::string other = user_with_totp("mfa_backup_bad");
  for (const json::array& bad : {json::array{"short"}, json::array{"zzzzzzzzzz"}, json::array{}}) {
    SCOPED_TRACE(json::serialize(bad));
    expect_error(add(other, {{"type", "BackupCode"}, {"codes", bad}}), 422,
                 "user.wrong_backup_code_format");
  }
}

TEST_F(UserMfaApiTest, MalformedBodiesAreRefusedNamingTheField) {
  std::string user = create_api_user("mfa_malformed");
  struct Case {
    json::object body;
    std::string field;
  };
  std::vector<Case> cases{
      {{}, "type"},
      {{{"type", "WebAuthn"}}, "type"},
      {{{"type", 1}}, "type"},
      {{{"type", "Totp"}, {"secret", 7}}, "secret"},
      {{{"type", "Totp"}, {"codes", json::array{}}}, "codes"},
      {{{"type", "BackupCode"}, {"codes", "0123456789"}}, "codes"},
      {{{"type", "BackupCode"}, {"secret", kSecret}}, "secret"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(json::serialize(c.body));
    auto res = add(user, c.body);
    expect_error(res, 400, "guard.invalid_input");
    EXPECT_EQ(json_text(res.json(), "field"), c.field);
  }
  EXPECT_TRUE(factors(user).empty());
}

TEST_F(UserMfaApiTest, OneFactorIsRemovedAndOnlyFromItsUser) {
  std::string user = user_with_totp("mfa_remove");
  std::string other = user_with_totp("mfa_remove_other");
  std::string id = json_text(factors(user)[0], "id");
  // Another user's factor is not found under this user, and stays.
  expect_error(call(verb::delete_, factors_path(other) + "/" + id), 404, "entity.not_found");
  EXPECT_EQ(factors(user).size(), 1u);
  EXPECT_EQ(call(verb::delete_, factors_path(user) + "/" + id).status, 204u);
  EXPECT_TRUE(factors(user).empty());
  expect_error(call(verb::delete_, factors_path(user) + "/" + id), 404, "entity.not_found");
  EXPECT_EQ(factors(other).size(), 1u);
}

TEST_F(UserMfaApiTest, RemovingTheLastRealFactorTakesTheBackupCodesWithIt) {
  std::string user = user_with_totp("mfa_last_factor");
  ASSERT_EQ(add(user, {{"type", "BackupCode"}}).status, 200u);
  std::string totp;
  for (const auto& f : factors(user)) {
    if (json_text(f, "type") == "Totp") totp = json_text(f, "id");
  }
  ASSERT_EQ(call(verb::delete_, factors_path(user) + "/" + totp).status, 204u);
  EXPECT_TRUE(factors(user).empty());  // backup codes alone are no second factor
}

TEST_F(UserMfaApiTest, AResetRemovesEveryFactor) {
  std::string user = user_with_totp("mfa_reset");
  ASSERT_EQ(add(user, {{"type", "BackupCode"}}).status, 200u);
  std::string other = user_with_totp("mfa_reset_other");
  ASSERT_EQ(factors(user).size(), 2u);
  EXPECT_EQ(call(verb::delete_, factors_path(user)).status, 204u);
  EXPECT_TRUE(factors(user).empty());
  EXPECT_EQ(call(verb::delete_, factors_path(user)).status, 204u);  // nothing left is no error
  EXPECT_EQ(factors(other).size(), 1u);
  // The user can be given a factor again.
  EXPECT_EQ(add(user, {{"type", "Totp"}}).status, 200u);
}

TEST_F(UserMfaApiTest, TrustedDevicesAreListedPagedAndForgotten) {
  std::string user = create_api_user("mfa_devices");
  std::string path = "/api/users/" + user + "/trusted-devices";
  auto none = call(verb::get, path);
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.json().as_array().empty());
  EXPECT_EQ(none.header("Total-Number"), "0");
  expect_error(call(verb::get, path + "?page_size=0"), 400, "guard.invalid_pagination");
  expect_error(call(verb::delete_, path + "/no-such-device"), 404, "entity.not_found");
  expect_error(call(verb::get, "/api/users/no-such-user/trusted-devices"), 404, "entity.not_found");
  expect_error(call(verb::delete_, "/api/users/no-such-user/trusted-devices/x"), 404,
               "entity.not_found");
}

TEST_F(UserMfaApiTest, EveryChangeIsInTheAuditLog) {
  std::string user = create_api_user("mfa_audited");
  ASSERT_EQ(add(user, {{"type", "Totp"}}).status, 200u);
  std::string id = json_text(factors(user)[0], "id");
  ASSERT_EQ(call(verb::delete_, factors_path(user) + "/" + id).status, 204u);
  ASSERT_EQ(call(verb::delete_, factors_path(user)).status, 204u);
  auto logged = [&](const std::string& key, const std::string& path) {
    auto logs = call(verb::get, "/api/logs?page_size=100&logKey=" + key).json();
    for (const auto& entry : logs.as_array()) {
      if (json_text(entry.at("payload"), "path") == path) return true;
    }
    return false;
  };
  EXPECT_TRUE(logged("Management.POST", factors_path(user)));
  EXPECT_TRUE(logged("Management.DELETE", factors_path(user) + "/" + id));
  EXPECT_TRUE(logged("Management.DELETE", factors_path(user)));
}

// latch user mfa list / reset: the operator's CLI, on the same database as the server.
TEST_F(UserMfaApiTest, TheCliListsAndResetsAUsersFactors) {
  std::string user = user_with_totp("mfa_cli");
  ASSERT_EQ(add(user, {{"type", "BackupCode"}}).status, 200u);
  auto listed = server().cli({"user", "mfa", "list", "mfa_cli", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out), json::value(factors(user)));
  auto text = server().cli({"user", "mfa", "list", user});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Totp"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("10 of 10 codes left"), std::string::npos) << text.out;

  auto reset = server().cli({"user", "mfa", "reset", "mfa_cli"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_NE(reset.out.find("removed 2 MFA factors"), std::string::npos) << reset.out;
  EXPECT_TRUE(factors(user).empty());
  auto unknown = server().cli({"user", "mfa", "reset", "nobody_here"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("nobody_here"), std::string::npos) << unknown.err;
}

// PATCH /api/sign-in-exp with `mfa`: Logto's codes where Logto has a rule, the field named.
TEST_F(UserMfaApiTest, SignInExperienceMfaSettingsAreValidated) {
  struct Case {
    json::object mfa;
    std::string code;
    std::string field;
  };
  std::vector<Case> cases{
      {{{"factors", {"Sms"}}}, "guard.invalid_input", "mfa.factors"},
      {{{"factors", {"Totp", "Totp"}}},
       "sign_in_experiences.duplicated_mfa_factors",
       "mfa.factors"},
      {{{"factors", {"BackupCode"}}},
       "sign_in_experiences.backup_code_cannot_be_enabled_alone",
       "mfa.factors"},
      {{{"factors", json::array{}}, {"policy", "Mandatory"}},
       "sign_in_experiences.mandatory_mfa_needs_a_factor",
       "mfa.policy"},
      {{{"policy", "Sometimes"}}, "guard.invalid_input", "mfa.policy"},
      {{{"organizationRequiredMfaPolicy", "Maybe"}},
       "guard.invalid_input",
       "mfa.organizationRequiredMfaPolicy"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(json::serialize(c.mfa));
    auto res = call(verb::patch, "/api/sign-in-exp", json::object{{"mfa", c.mfa}});
    expect_error(res, 400, c.code);
    EXPECT_EQ(json_text(res.json(), "field"), c.field);
  }
  auto days = call(verb::patch, "/api/sign-in-exp",
                   json::object{{"trustedDevice", {{"enabled", true}, {"durationDays", 0}}}});
  expect_error(days, 400, "guard.invalid_input");
  EXPECT_EQ(json_text(days.json(), "field"), "trustedDevice.durationDays");
  // A phone code cannot be both a way to sign in and the second factor (Logto's rule).
  json::object phone_code_sign_in{
      {"signIn",
       {{"methods",
         json::array{
             {{"identifier", "username"}, {"password", true}},
             {{"identifier", "phone"}, {"password", false}, {"verificationCode", true}}}}}}};
  auto both = phone_code_sign_in;
  both["mfa"] = json::object{{"factors", {"PhoneVerificationCode"}}};
  expect_error(call(verb::patch, "/api/sign-in-exp", both), 400,
               "sign_in_experiences.phone_verification_code_cannot_be_used_for_sign_in");
  ASSERT_EQ(call(verb::patch, "/api/sign-in-exp", phone_code_sign_in).status, 200u);
  auto factor = call(verb::patch, "/api/sign-in-exp",
                     json::object{{"mfa", {{"factors", {"Totp", "PhoneVerificationCode"}}}}});
  expect_error(factor, 400, "sign_in_experiences.phone_verification_code_cannot_be_used_for_mfa");
  EXPECT_EQ(json_text(factor.json(), "field"), "mfa.factors");
  json::object username_only{
      {"signIn", {{"methods", json::array{{{"identifier", "username"}, {"password", true}}}}}}};
  ASSERT_EQ(call(verb::patch, "/api/sign-in-exp", username_only).status, 200u);

  json::object good{{"mfa",
                     {{"factors", {"Totp", "WebAuthn", "BackupCode"}},
                      {"policy", "PromptAtSignInAndSignUp"},
                      {"organizationRequiredMfaPolicy", "Mandatory"}}},
                    {"trustedDevice", {{"enabled", true}, {"durationDays", 30}}},
                    {"passkeySignIn", {{"enabled", true}}}};
  auto saved = call(verb::patch, "/api/sign-in-exp", good);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  auto read = call(verb::get, "/api/sign-in-exp").json();
  EXPECT_EQ(read.at("mfa"), good.at("mfa"));
  EXPECT_EQ(read.at("trustedDevice"), good.at("trustedDevice"));
  EXPECT_TRUE(read.at("passkeySignIn").at("enabled").as_bool());
  // Back to no MFA, so the other tests' users sign in as before.
  json::object off{{"mfa", {{"factors", json::array{}}, {"policy", "UserControlled"}}},
                   {"trustedDevice", {{"enabled", false}}},
                   {"passkeySignIn", {{"enabled", false}}}};
  ASSERT_EQ(call(verb::patch, "/api/sign-in-exp", off).status, 200u);
}

}  // namespace
}  // namespace latch::test
