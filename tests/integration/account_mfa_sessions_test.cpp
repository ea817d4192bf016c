// The Account API's second factors (/api/my-account/mfa-verifications) and browser sessions
// (/api/my-account/sessions): TOTP with codes the test computes, backup codes, removal, and
// revoking a session with the grants of the apps that signed in through it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/account_fixture.hpp"
#include "support/totp_code.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class AccountFactorsTest : public AccountApiTest {
 protected:
  static void SetUpTestSuite() {
    AccountApiTest::SetUpTestSuite();
    // NoPrompt: the users here sign in without being offered a factor; they add them through
    // the Account API.
    json::object mfa{{"factors", json::array{"Totp", "BackupCode"}}, {"policy", "NoPrompt"}};
    if (server_ready()) manage(verb::patch, "/api/sign-in-exp", json::object{{"mfa", mfa}});
  }

  // Adds a TOTP factor with a code computed from a secret the server generated.
  void add_totp(const AccountUser& user, const std::string& record) {
    auto secret =
        call(user.token, verb::post, "/my-account/mfa-verifications/totp-secret/generate");
    ASSERT_EQ(secret.status, 200u) << secret.body;
    std::string key = json_text(secret.json(), "secret");
    json::object body{{"type", "Totp"}, {"secret", key}, {"code", totp_code(key, unix_now())}};
    auto added = call(user.token, verb::post, "/my-account/mfa-verifications", body, record);
    ASSERT_EQ(added.status, 204u) << added.body;
  }
  // The Account.Mfa.* audit entries of `user`, oldest first: "KEY RESULT ERROR APP" per line.
  std::string factor_entries(const AccountUser& user) {
    std::string query =
        "SELECT key || ' ' || result || ' ' || coalesce(json_extract(payload, '$.error'), '') || "
        "' ' || (application_id <> '') FROM logs WHERE key LIKE 'Account.Mfa.%' AND user_id = '" +
        user.id + "' ORDER BY created_at, rowid";
    return server().sql(query);
  }
  json::array factors(const AccountUser& user) {
    auto res = call(user.token, verb::get, "/my-account/mfa-verifications");
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.json().is_array() ? res.json().as_array() : json::array{};
  }
};

TEST_F(AccountFactorsTest, AUserStartsWithoutFactors) { EXPECT_TRUE(factors(new_user()).empty()); }

TEST_F(AccountFactorsTest, TotpIsAddedWithACodeFromItsSecret) {
  AccountUser user = new_user();
  add_totp(user, password_record(user));
  auto listed = factors(user);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(json_text(listed[0], "type"), "Totp");
}

TEST_F(AccountFactorsTest, AWrongTotpCodeIsRefused) {
  AccountUser user = new_user();
  auto secret = call(user.token, verb::post, "/my-account/mfa-verifications/totp-secret/generate");
  std::string key = json_text(secret.json(), "secret");
  std::string wrong = totp_code(key, unix_now() - 3600);
  auto res =
      call(user.token, verb::post, "/my-account/mfa-verifications",
           json::object{{"type", "Totp"}, {"secret", key}, {"code", wrong}}, password_record(user));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "session.mfa.invalid_totp_code");
  EXPECT_TRUE(factors(user).empty());
}

TEST_F(AccountFactorsTest, AddingAFactorNeedsAVerificationRecord) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::post, "/my-account/mfa-verifications",
                  json::object{{"type", "Totp"}, {"secret", "JBSWY3DPEHPK3PXPJBSWY3DP"}});
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(code_of(res), "verification_record.permission_denied");
}

TEST_F(AccountFactorsTest, ATokenWithoutTheIdentitiesScopeCannotListFactors) {
  AccountUser user = new_user("openid profile");
  auto res = call(user.token, verb::get, "/my-account/mfa-verifications");
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(code_of(res), "auth.unauthorized");
}

TEST_F(AccountFactorsTest, AFactorTheSignInExperienceDoesNotOfferIsRefused) {
  AccountUser user = new_user();
  auto res = call(user.token, verb::post, "/my-account/mfa-verifications",
                  json::object{{"type", "WebAuthn"}, {"newIdentifierVerificationRecordId", "x"}},
                  password_record(user));
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "session.mfa.mfa_factor_not_enabled");
}

TEST_F(AccountFactorsTest, BackupCodesAreBoundAfterAnotherFactorAndShownOnlyOnce) {
  AccountUser user = new_user();
  std::string record = password_record(user);
  auto generated =
      call(user.token, verb::post, "/my-account/mfa-verifications/backup-codes/generate");
  ASSERT_EQ(generated.status, 200u) << generated.body;
  json::value codes = generated.json().at("codes");
  ASSERT_EQ(codes.as_array().size(), 10u);
  json::object body{{"type", "BackupCode"}, {"codes", codes}};
  auto alone = call(user.token, verb::post, "/my-account/mfa-verifications", body, record);
  EXPECT_EQ(alone.status, 422u);
  EXPECT_EQ(code_of(alone), "session.mfa.backup_code_can_not_be_alone");
  auto none =
      call(user.token, verb::get, "/my-account/mfa-verifications/backup-codes", nullptr, record);
  EXPECT_EQ(none.status, 404u);

  add_totp(user, record);
  auto bound = call(user.token, verb::post, "/my-account/mfa-verifications", body, record);
  ASSERT_EQ(bound.status, 204u) << bound.body;
  auto again = call(user.token, verb::post, "/my-account/mfa-verifications", body, record);
  EXPECT_EQ(again.status, 422u);
  EXPECT_EQ(code_of(again), "user.backup_code_already_in_use");
  auto shown =
      call(user.token, verb::get, "/my-account/mfa-verifications/backup-codes", nullptr, record);
  ASSERT_EQ(shown.status, 200u) << shown.body;
  EXPECT_TRUE(shown.json().at("codes").as_array().empty()) << "stored hashed";
  EXPECT_EQ(shown.json().at("remainCodes").as_int64(), 10);
}

TEST_F(AccountFactorsTest, AddingAndRemovingFactorsIsInTheAuditLog) {
  AccountUser user = new_user();
  std::string record = password_record(user);
  auto secret = call(user.token, verb::post, "/my-account/mfa-verifications/totp-secret/generate");
  std::string key = json_text(secret.json(), "secret");
  auto wrong = call(
      user.token, verb::post, "/my-account/mfa-verifications",
      json::object{{"type", "Totp"}, {"secret", key}, {"code", totp_code(key, unix_now() - 3600)}},
      record);
  EXPECT_EQ(wrong.status, 400u);
  add_totp(user, record);
  std::string id = json_text(factors(user)[0], "id");
  ASSERT_EQ(call(user.token, verb::delete_, "/my-account/mfa-verifications/" + id, nullptr, record)
                .status,
            204u);
  EXPECT_EQ(factor_entries(user),
            "Account.Mfa.Totp.Create Error session.mfa.invalid_totp_code 1\n"
            "Account.Mfa.Totp.Create Success  1\n"
            "Account.Mfa.Totp.Delete Success  1");
}

TEST_F(AccountFactorsTest, AFactorIsRemoved) {
  AccountUser user = new_user();
  std::string record = password_record(user);
  add_totp(user, record);
  std::string id = json_text(factors(user)[0], "id");
  auto unknown =
      call(user.token, verb::delete_, "/my-account/mfa-verifications/nope", nullptr, record);
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(code_of(unknown), "verification_record.not_found");
  auto removed =
      call(user.token, verb::delete_, "/my-account/mfa-verifications/" + id, nullptr, record);
  EXPECT_EQ(removed.status, 204u) << removed.body;
  EXPECT_TRUE(factors(user).empty());
}

class AccountSessionsTest : public AccountApiTest {
 protected:
  json::array sessions(const std::string& token, const std::string& record) {
    auto res = call(token, verb::get, "/my-account/sessions", nullptr, record);
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.json().is_object() ? res.json().at("sessions").as_array() : json::array{};
  }
  static const json::value* find_current(const json::array& list, bool current) {
    for (const auto& s : list) {
      if (s.at("isCurrent").as_bool() == current) return &s;
    }
    return nullptr;
  }
};

TEST_F(AccountSessionsTest, ListingNeedsTheSessionsScopeAndARecord) {
  AccountUser user = new_user("openid profile");
  auto unverified = call(user.token, verb::get, "/my-account/sessions");
  EXPECT_EQ(unverified.status, 401u);
  EXPECT_EQ(code_of(unverified), "verification_record.permission_denied");
  auto res = call(user.token, verb::get, "/my-account/sessions", nullptr, password_record(user));
  EXPECT_EQ(res.status, 401u);
  EXPECT_EQ(code_of(res), "auth.unauthorized");
}

TEST_F(AccountSessionsTest, TheCallersSessionIsMarkedCurrentAndNamesTheApp) {
  AccountUser user = new_user();
  sign_in(user);  // a second browser
  auto list = sessions(user.token, password_record(user));
  ASSERT_EQ(list.size(), 2u);
  const auto* current = find_current(list, true);
  ASSERT_NE(current, nullptr);
  EXPECT_NE(find_current(list, false), nullptr);
  EXPECT_TRUE(current->at("payload").at("authorizations").as_object().contains(spa_.id));
  EXPECT_EQ(json_text(current->at("payload"), "accountId"), user.id);
}

TEST_F(AccountSessionsTest, RevokingASessionWithItsGrantsEndsTheTokensOfThatSignIn) {
  AccountUser user = new_user();
  std::string other_token = sign_in(user);
  std::string record = password_record(user);
  auto list = sessions(user.token, record);
  const auto* other = find_current(list, false);
  ASSERT_NE(other, nullptr);
  std::string uid = json_text(other->at("payload"), "uid");
  auto revoked = call(user.token, verb::delete_,
                      "/my-account/sessions/" + uid + "?revokeGrantsTarget=all", nullptr, record);
  ASSERT_EQ(revoked.status, 204u) << revoked.body;
  EXPECT_EQ(sessions(user.token, record).size(), 1u);
  EXPECT_EQ(call(other_token, verb::get, "/my-account").status, 401u);
  EXPECT_EQ(call(user.token, verb::get, "/my-account").status, 200u);
}

TEST_F(AccountSessionsTest, AnUnknownSessionIsNotFound) {
  AccountUser user = new_user();
  auto res =
      call(user.token, verb::delete_, "/my-account/sessions/nope", nullptr, password_record(user));
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(code_of(res), "oidc.session_not_found");
}

TEST_F(AccountSessionsTest, AnotherUsersSessionCannotBeRevoked) {
  AccountUser user = new_user();
  AccountUser other = new_user();
  auto theirs = sessions(other.token, password_record(other));
  ASSERT_EQ(theirs.size(), 1u);
  std::string uid = json_text(theirs[0].at("payload"), "uid");
  auto res = call(user.token, verb::delete_, "/my-account/sessions/" + uid, nullptr,
                  password_record(user));
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(sessions(other.token, password_record(other)).size(), 1u);
}

}  // namespace
}  // namespace latch::test
