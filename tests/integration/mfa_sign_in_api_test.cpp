// Second factors through the experience API (issue 18): the submit gate, TOTP and backup codes
// enrolled and used (codes computed here from the secret), replays refused, the lockout after
// wrong codes, trusted devices, mandatory enrolment that no skip or replayed step gets around,
// and passkey sign-in's refusals. WebAuthn ceremonies themselves run in Chromium
// (tests/browser/mfa.test.mjs, passkeys.test.mjs).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>
#include <string>

#include "crypto/totp.hpp"
#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/browser_session.hpp"
#include "support/provisioning.hpp"
#include "support/subprocess.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kPassword = "Correct-Horse-9";

// The 6-digit TOTP code of `secret` (base32) at time step `step` (RFC 6238 §4).
std::string totp_at(const std::string& secret, std::int64_t step) {
  auto key = crypto::base32_decode(secret);
  return key ? crypto::hotp(*key, static_cast<std::uint64_t>(step)) : "";
}
std::int64_t step_now() { return static_cast<std::int64_t>(std::time(nullptr)) / 30; }

// One server per policy: the suites change the sign-in experience.
class MfaApiTest : public ::testing::Test {
 protected:
  static void start(const std::string& mfa) {
    server_ = std::make_unique<TestServer>();
    app_ = create_app(*server_, "traditional", {"--redirect-uri", "http://localhost/cb"});
    must(server_->cli({"experience", "set", "mfa=" + mfa,
                       R"(trustedDevice={"enabled":true,"durationDays":30})",
                       R"(sentinelPolicy={"maxAttempts":3,"lockoutDuration":5})"}));
    for (int i = 0; i < 100 && auth_status() == 400; ++i) {  // until the server loaded the app
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  static void TearDownTestSuite() { server_.reset(); }
  static void must(const ProcessResult& r) {
    if (r.exit_code != 0) throw std::runtime_error("cli failed: " + r.err);
  }
  static std::string auth_path() {
    return "/oidc/auth?client_id=" + app_.id +
           "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code"
           "&scope=openid&state=s&code_challenge_method=S256"
           "&code_challenge=E9Melhoa2OwvFrYMHUu6qXMLf8NZrqKR0Ul2BCemf1M";
  }
  static unsigned auth_status() { return server_->client().get(auth_path()).status; }
  static void create_user(const std::string& name) {
    must(server_->cli({"user", "create", "--username", name, "--password", kPassword}));
  }
  // The answer of `sqlite3` on the server's database.
  static std::string sql(const std::string& statement) { return server_->sql(statement); }

  // The BindMfa audit entries of `username`, oldest first: "KEY RESULT ERROR" per line.
  static std::string bind_entries(const std::string& username) {
    return sql(
        "SELECT key || ' ' || result || ' ' || coalesce(json_extract(payload, '$.error'), '') "
        "FROM logs WHERE key LIKE '%.BindMfa.%' AND user_id = "
        "(SELECT id FROM users WHERE username = '" +
        username + "') ORDER BY created_at, rowid");
  }

  std::string start_interaction() {
    BrowserSession browser(*server_);
    auto res = browser.get(auth_path());
    EXPECT_TRUE(res.status == 302u || res.status == 303u) << res.body;
    return browser.cookie("_latch_interaction").value_or("");
  }
  HttpResponse call(const std::string& uid, const std::string& path,
                    const json::value& body = nullptr, verb method = verb::post) {
    Headers headers{{"Content-Type", "application/json"}};
    std::string cookie = "_latch_interaction=" + uid;
    if (!device_.empty()) cookie += "; _latch_trusted_device=" + device_;
    headers.push_back({"Cookie", cookie});
    std::string text = body.is_null() ? "" : json::serialize(body);
    return server_->client().request(method, "/api/experience" + path, text, headers);
  }
  static std::string code_of(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("code") ? std::string(v.at("code").as_string())
                                                           : "";
  }
  static std::string vid_of(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("verificationId")
               ? std::string(v.at("verificationId").as_string())
               : "";
  }
  // A new interaction in which `user` proved their password and was identified.
  std::string signed_in_first_factor(const std::string& user, const std::string& event = "SignIn") {
    auto uid = start_interaction();
    EXPECT_EQ(call(uid, "", json::object{{"interactionEvent", event}}, verb::put).status, 204u);
    auto res = call(uid, "/verification/password",
                    json::object{{"identifier", {{"type", "username"}, {"value", user}}},
                                 {"password", kPassword}});
    EXPECT_EQ(res.status, 200u) << res.body;
    auto identified = call(uid, "/identification", json::object{{"verificationId", vid_of(res)}});
    EXPECT_EQ(identified.status, 204u) << identified.body;
    return uid;
  }
  struct Enrolled {
    std::string secret;
    std::int64_t step = 0;
    std::vector<std::string> codes;
  };
  // Binds a TOTP (and the backup codes the experience asks for next) in interaction `uid`, then
  // submits it.
  Enrolled enrol(const std::string& uid) {
    Enrolled out;
    auto secret = call(uid, "/verification/totp/secret");
    EXPECT_EQ(secret.status, 200u) << secret.body;
    out.secret = std::string(secret.json().at("secret").as_string());
    EXPECT_TRUE(secret.json().at("secretQrCode").as_string().starts_with("data:image/svg+xml"));
    out.step = step_now();
    auto verified = call(
        uid, "/verification/totp/verify",
        json::object{{"verificationId", vid_of(secret)}, {"code", totp_at(out.secret, out.step)}});
    EXPECT_EQ(verified.status, 200u) << verified.body;
    EXPECT_EQ(call(uid, "/profile/mfa",
                   json::object{{"type", "Totp"}, {"verificationId", vid_of(secret)}})
                  .status,
              204u);
    auto need_codes = call(uid, "/submit");
    EXPECT_EQ(need_codes.status, 422u);
    EXPECT_EQ(code_of(need_codes), "session.mfa.backup_code_required");
    auto codes = call(uid, "/verification/backup-code/generate");
    EXPECT_EQ(codes.status, 200u) << codes.body;
    auto body = codes.json();  // kept while the loop reads it
    for (const auto& c : body.at("codes").as_array()) out.codes.emplace_back(c.as_string());
    EXPECT_EQ(call(uid, "/profile/mfa",
                   json::object{{"type", "BackupCode"}, {"verificationId", vid_of(codes)}})
                  .status,
              204u);
    auto done = call(uid, "/submit");
    EXPECT_EQ(done.status, 200u) << done.body;
    return out;
  }
  Enrolled new_user_with_factors(const std::string& name) {
    create_user(name);
    auto uid = signed_in_first_factor(name);
    EXPECT_EQ(code_of(call(uid, "/submit")), "user.missing_mfa");
    return enrol(uid);
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials app_;
  std::string device_;  // the trusted-device cookie this test's browser holds
};

class MfaPromptTest : public MfaApiTest {
 protected:
  static void SetUpTestSuite() {
    start(R"({"factors":["Totp","WebAuthn","BackupCode"],"policy":"UserControlled"})");
  }
};

TEST_F(MfaPromptTest, AUserWithoutAFactorIsOfferedOneAndMaySkipItOnce) {
  create_user("skipper");
  auto uid = signed_in_first_factor("skipper");
  auto offered = call(uid, "/submit");
  ASSERT_EQ(offered.status, 422u) << offered.body;
  EXPECT_EQ(code_of(offered), "user.missing_mfa");
  auto body = offered.json();  // kept: `data` points into it
  const auto& data = body.at("data");
  EXPECT_EQ(data.at("skippable"), json::value(true));
  EXPECT_EQ(data.at("availableFactors"), json::parse(R"(["Totp","WebAuthn"])"));
  EXPECT_EQ(call(uid, "/profile/mfa/mfa-skipped").status, 204u);
  EXPECT_EQ(call(uid, "/submit").status, 200u);
  auto again = signed_in_first_factor("skipper");
  EXPECT_EQ(call(again, "/submit").status, 200u) << "the skip is remembered: asked once";
}

TEST_F(MfaPromptTest, AnEnrolledUserMustGiveTheSecondFactorAndGetsMfaInAmr) {
  auto enrolled = new_user_with_factors("totp_user");
  auto uid = signed_in_first_factor("totp_user");
  auto refused = call(uid, "/submit");
  ASSERT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(code_of(refused), "session.mfa.require_mfa_verification");
  EXPECT_EQ(refused.json().at("data").at("availableFactors"),
            json::parse(R"(["Totp","BackupCode"])"));
  auto wrong = call(uid, "/verification/totp/verify", json::object{{"code", "000000"}});
  if (totp_at(enrolled.secret, step_now()) != "000000") {
    EXPECT_EQ(wrong.status, 400u);
    EXPECT_EQ(code_of(wrong), "session.mfa.invalid_totp_code");
  }
  auto ok = call(uid, "/verification/totp/verify",
                 json::object{{"code", totp_at(enrolled.secret, enrolled.step + 1)}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  ASSERT_EQ(call(uid, "/submit").status, 200u);
  auto state = sql("SELECT state FROM interactions WHERE uid = '" + uid + "'");
  EXPECT_NE(state.find(R"("amr":["pwd","otp","mfa"])"), std::string::npos) << state;
}

TEST_F(MfaPromptTest, ATotpCodeIsAcceptedOnce) {
  auto enrolled = new_user_with_factors("replay_user");
  std::string code = totp_at(enrolled.secret, enrolled.step + 1);
  auto first = signed_in_first_factor("replay_user");
  ASSERT_EQ(call(first, "/verification/totp/verify", json::object{{"code", code}}).status, 200u);
  auto second = signed_in_first_factor("replay_user");
  auto replayed = call(second, "/verification/totp/verify", json::object{{"code", code}});
  EXPECT_EQ(replayed.status, 400u);
  EXPECT_EQ(code_of(replayed), "session.mfa.invalid_totp_code");
  EXPECT_EQ(call(second, "/submit").status, 403u);
  auto enrolment_code = signed_in_first_factor("replay_user");
  auto old = call(enrolment_code, "/verification/totp/verify",
                  json::object{{"code", totp_at(enrolled.secret, enrolled.step)}});
  EXPECT_EQ(old.status, 400u) << "the code that confirmed the secret is used up too";
}

TEST_F(MfaPromptTest, ABackupCodeWorksOnce) {
  auto enrolled = new_user_with_factors("backup_user");
  ASSERT_EQ(enrolled.codes.size(), 10u);
  auto first = signed_in_first_factor("backup_user");
  auto used =
      call(first, "/verification/backup-code/verify", json::object{{"code", enrolled.codes[0]}});
  ASSERT_EQ(used.status, 200u) << used.body;
  ASSERT_EQ(call(first, "/submit").status, 200u);
  auto second = signed_in_first_factor("backup_user");
  auto reused =
      call(second, "/verification/backup-code/verify", json::object{{"code", enrolled.codes[0]}});
  EXPECT_EQ(reused.status, 400u);
  EXPECT_EQ(code_of(reused), "session.mfa.invalid_backup_code");
  EXPECT_EQ(
      call(second, "/verification/backup-code/verify", json::object{{"code", enrolled.codes[1]}})
          .status,
      200u);
  EXPECT_EQ(call(second, "/submit").status, 200u);
}

TEST_F(MfaPromptTest, RepeatedWrongCodesLockTheSecondFactor) {
  auto enrolled = new_user_with_factors("guessed_user");
  auto uid = signed_in_first_factor("guessed_user");
  std::string right = totp_at(enrolled.secret, enrolled.step + 1);
  std::string wrong = right == "111111" ? "222222" : "111111";
  for (int i = 0; i < 3; ++i) {  // sentinelPolicy.maxAttempts
    auto res = call(uid, "/verification/backup-code/verify", json::object{{"code", wrong}});
    EXPECT_EQ(code_of(res), "session.mfa.invalid_backup_code");
  }
  auto locked = call(uid, "/verification/totp/verify", json::object{{"code", right}});
  EXPECT_EQ(locked.status, 400u);
  EXPECT_EQ(code_of(locked), "session.verification_blocked_too_many_attempts");
  auto again = signed_in_first_factor("guessed_user");  // a right password gives nothing back
  EXPECT_EQ(code_of(call(again, "/verification/totp/verify", json::object{{"code", right}})),
            "session.verification_blocked_too_many_attempts");
  EXPECT_EQ(call(again, "/submit").status, 403u);
}

TEST_F(MfaPromptTest, ATrustedDeviceSkipsTheSecondFactorUntilItExpires) {
  auto enrolled = new_user_with_factors("device_user");
  auto uid = signed_in_first_factor("device_user");
  ASSERT_EQ(call(uid, "/verification/totp/verify",
                 json::object{{"code", totp_at(enrolled.secret, enrolled.step + 1)}})
                .status,
            200u);
  ASSERT_EQ(call(uid, "/profile/mfa/trusted-device").status, 204u);
  auto done = call(uid, "/submit");
  ASSERT_EQ(done.status, 200u);
  std::string cookie = done.header("Set-Cookie");
  ASSERT_TRUE(cookie.starts_with("_latch_trusted_device=")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Max-Age=2592000"), std::string::npos);
  device_ = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto trusted = signed_in_first_factor("device_user");
  EXPECT_EQ(call(trusted, "/submit").status, 200u) << "no second factor on this browser";
  sql("UPDATE mfa_trusted_devices SET expires_at = 1");  // as if its 30 days had passed
  auto expired = signed_in_first_factor("device_user");
  EXPECT_EQ(code_of(call(expired, "/submit")), "session.mfa.require_mfa_verification");
  device_.clear();
}

TEST_F(MfaPromptTest, APasswordAloneCannotAddAFactorToAnAccountThatHasOne) {
  new_user_with_factors("guarded_user");
  auto uid = signed_in_first_factor("guarded_user");
  for (const char* step : {"/verification/totp/secret", "/verification/backup-code/generate",
                           "/verification/web-authn/registration", "/profile/mfa/mfa-skipped"}) {
    auto res = call(uid, step);
    EXPECT_EQ(res.status, 403u) << step;
    EXPECT_EQ(code_of(res), "session.mfa.require_mfa_verification") << step;
  }
}

TEST_F(MfaPromptTest, SecondFactorStepsNeedAnIdentifiedUser) {
  auto uid = start_interaction();
  call(uid, "", json::object{{"interactionEvent", "SignIn"}}, verb::put);
  for (const char* step : {"/verification/totp/secret", "/verification/backup-code/generate",
                           "/verification/web-authn/authentication"}) {
    auto res = call(uid, step);
    EXPECT_EQ(res.status, 404u) << step;
    EXPECT_EQ(code_of(res), "session.identifier_not_found") << step;
  }
  auto no_code = call(uid, "/verification/totp/verify", json::object{});
  EXPECT_EQ(code_of(no_code), "guard.invalid_input");
  auto bad_type = call(uid, "/profile/mfa", json::object{{"type", "Sms"}, {"verificationId", "x"}});
  EXPECT_EQ(code_of(bad_type), "guard.invalid_input");
}

TEST_F(MfaPromptTest, BackupCodesCannotBeAUsersOnlyFactor) {
  create_user("codes_only");
  auto uid = signed_in_first_factor("codes_only");
  auto codes = call(uid, "/verification/backup-code/generate");
  ASSERT_EQ(codes.status, 200u);
  auto bound = call(uid, "/profile/mfa",
                    json::object{{"type", "BackupCode"}, {"verificationId", vid_of(codes)}});
  EXPECT_EQ(bound.status, 422u);
  EXPECT_EQ(code_of(bound), "session.mfa.backup_code_can_not_be_alone");
  EXPECT_EQ(bind_entries("codes_only"),
            "Interaction.SignIn.BindMfa.BackupCode.Submit Error "
            "session.mfa.backup_code_can_not_be_alone");
}

TEST_F(MfaPromptTest, BindingFactorsIsInTheAuditLog) {
  new_user_with_factors("audited_binder");
  EXPECT_EQ(bind_entries("audited_binder"),
            "Interaction.SignIn.BindMfa.Totp.Submit Success \n"
            "Interaction.SignIn.BindMfa.BackupCode.Submit Success ");
}

TEST_F(MfaPromptTest, PasskeySignInIsRefusedWhileItIsOff) {
  auto uid = start_interaction();
  call(uid, "", json::object{{"interactionEvent", "SignIn"}}, verb::put);
  auto res = call(uid, "/preflight/sign-in-passkey/authentication");
  EXPECT_EQ(res.status, 403u);
  EXPECT_EQ(code_of(res), "session.sign_in_method_not_enabled");
}

class MfaMandatoryTest : public MfaApiTest {
 protected:
  static void SetUpTestSuite() {
    start(R"({"factors":["Totp","BackupCode"],"policy":"Mandatory"})");
    must(server_->cli({"experience", "set", R"(passkeySignIn={"enabled":true})"}));
  }
};

TEST_F(MfaMandatoryTest, EnrolmentCannotBeSkippedOrLeftOut) {
  create_user("must_enrol");
  auto uid = signed_in_first_factor("must_enrol");
  auto refused = call(uid, "/submit");
  ASSERT_EQ(refused.status, 422u);
  EXPECT_EQ(code_of(refused), "user.missing_mfa");
  EXPECT_EQ(refused.json().at("data").at("skippable"), json::value(false));
  auto skip = call(uid, "/profile/mfa/mfa-skipped");
  EXPECT_EQ(skip.status, 422u);
  EXPECT_EQ(code_of(skip), "session.mfa.mfa_policy_not_user_controlled");
  EXPECT_EQ(code_of(call(uid, "/submit")), "user.missing_mfa");
  // A secret confirmed but not bound is no factor.
  auto secret = call(uid, "/verification/totp/secret");
  std::string base32(secret.json().at("secret").as_string());
  ASSERT_EQ(
      call(uid, "/verification/totp/verify",
           json::object{{"verificationId", vid_of(secret)}, {"code", totp_at(base32, step_now())}})
          .status,
      200u);
  EXPECT_EQ(code_of(call(uid, "/submit")), "user.missing_mfa");
  // Nor is a secret offered to another interaction.
  auto other = signed_in_first_factor("must_enrol");
  auto replayed = call(other, "/profile/mfa",
                       json::object{{"type", "Totp"}, {"verificationId", vid_of(secret)}});
  EXPECT_EQ(replayed.status, 404u);
  EXPECT_EQ(code_of(replayed), "session.verification_session_not_found");
  EXPECT_EQ(code_of(call(other, "/submit")), "user.missing_mfa");
}

TEST_F(MfaMandatoryTest, ANewAccountEnrolsAfterItIsCreated) {
  auto uid = start_interaction();
  ASSERT_EQ(call(uid, "", json::object{{"interactionEvent", "Register"}}, verb::put).status, 204u);
  auto identity = call(uid, "/verification/new-password-identity",
                       json::object{{"identifier", {{"type", "username"}, {"value", "newcomer"}}},
                                    {"password", kPassword}});
  ASSERT_EQ(identity.status, 200u) << identity.body;
  ASSERT_EQ(call(uid, "/identification", json::object{{"verificationId", vid_of(identity)}}).status,
            201u);
  auto refused = call(uid, "/submit");
  ASSERT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(code_of(refused), "user.missing_mfa");
  EXPECT_EQ(sql("SELECT COUNT(*) FROM users WHERE username = 'newcomer'"), "1")
      << "the account exists; its sign-in waits for the factor";
  enrol(uid);
  auto state = sql("SELECT state FROM interactions WHERE uid = '" + uid + "'");
  EXPECT_NE(state.find(R"("amr":["pwd","otp","mfa"])"), std::string::npos) << state;
}

TEST_F(MfaMandatoryTest, PasskeyOptionsAreDiscoverableAndABadAnswerIsRefused) {
  auto uid = start_interaction();
  call(uid, "", json::object{{"interactionEvent", "SignIn"}}, verb::put);
  auto options = call(uid, "/preflight/sign-in-passkey/authentication");
  ASSERT_EQ(options.status, 200u) << options.body;
  auto body = options.json();  // kept: `o` points into it
  const auto& o = body.at("authenticationOptions").as_object();
  EXPECT_EQ(o.at("rpId"), json::value("localhost"));
  EXPECT_FALSE(o.at("challenge").as_string().empty());
  EXPECT_TRUE(!o.contains("allowCredentials") || o.at("allowCredentials").as_array().empty());
  auto bad = call(uid, "/verification/sign-in-passkey/authentication/verify",
                  json::object{{"payload", {{"id", "AAAA"}, {"type", "public-key"}}}});
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_EQ(code_of(bad), "session.mfa.webauthn_verification_failed");
  auto spent = call(uid, "/verification/sign-in-passkey/authentication/verify",
                    json::object{{"payload", {{"id", "AAAA"}, {"type", "public-key"}}}});
  EXPECT_EQ(code_of(spent), "session.verification_session_not_found") << "a challenge answers once";
  auto named = call(uid, "/verification/sign-in-passkey/authentication",
                    json::object{{"identifier", {{"type", "username"}, {"value", "nobody"}}}});
  EXPECT_EQ(named.status, 200u) << "an unknown account looks like one without passkeys";
}

// An email code as the second factor (Logto's /verification/mfa-verification-code).
class MfaEmailCodeTest : public MfaApiTest {
 protected:
  static void SetUpTestSuite() {
    smtp_ = std::make_unique<FakeSmtpServer>();
    start(R"({"factors":["EmailVerificationCode"],"policy":"UserControlled"})");
    must(server_->cli({"email", "set-smtp", "--host", "127.0.0.1", "--port",
                       std::to_string(smtp_->port()), "--security", "none", "--from",
                       "Latch <no-reply@example.test>"}));
    must(server_->cli({"user", "create", "--username", "emma", "--email", "emma@example.test",
                       "--password", kPassword}));
  }
  static void TearDownTestSuite() {
    MfaApiTest::TearDownTestSuite();
    smtp_.reset();
  }
  // A code sent to `email` in interaction `uid` and verified; its verification id.
  std::string prove_email(const std::string& uid, const std::string& email) {
    auto before = smtp_->messages().size();
    auto sent = call(uid, "/verification/verification-code",
                     json::object{{"identifier", {{"type", "email"}, {"value", email}}},
                                  {"interactionEvent", "SignIn"}});
    EXPECT_EQ(sent.status, 200u) << sent.body;
    auto mail = smtp_->wait_for(before + 1);
    auto verified = call(uid, "/verification/verification-code/verify",
                         json::object{{"identifier", {{"type", "email"}, {"value", email}}},
                                      {"verificationId", vid_of(sent)},
                                      {"code", mail.code()}});
    EXPECT_EQ(verified.status, 200u) << verified.body;
    return vid_of(sent);
  }
  static inline std::unique_ptr<FakeSmtpServer> smtp_;
};

TEST_F(MfaEmailCodeTest, ACodeSentToTheUsersEmailIsTheSecondFactor) {
  auto uid = signed_in_first_factor("emma");
  auto refused = call(uid, "/submit");
  ASSERT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.json().at("data").at("availableFactors"),
            json::parse(R"(["EmailVerificationCode"])"));
  auto phone =
      call(uid, "/verification/mfa-verification-code", json::object{{"identifierType", "phone"}});
  EXPECT_EQ(code_of(phone), "session.mfa.mfa_factor_not_enabled") << "no phone factor";
  auto before = smtp_->messages().size();
  auto sent =
      call(uid, "/verification/mfa-verification-code", json::object{{"identifierType", "email"}});
  ASSERT_EQ(sent.status, 200u) << sent.body;
  auto mail = smtp_->wait_for(before + 1);
  EXPECT_NE(mail.to.find("emma@example.test"), std::string::npos);
  auto wrong = call(uid, "/verification/mfa-verification-code/verify",
                    json::object{{"verificationId", vid_of(sent)},
                                 {"code", mail.code() == "000000" ? "111111" : "000000"},
                                 {"identifierType", "email"}});
  EXPECT_EQ(code_of(wrong), "verification_code.code_mismatch");
  auto verified = call(
      uid, "/verification/mfa-verification-code/verify",
      json::object{
          {"verificationId", vid_of(sent)}, {"code", mail.code()}, {"identifierType", "email"}});
  ASSERT_EQ(verified.status, 200u) << verified.body;
  ASSERT_EQ(call(uid, "/submit").status, 200u);
  auto state = sql("SELECT state FROM interactions WHERE uid = '" + uid + "'");
  EXPECT_NE(state.find(R"("amr":["pwd","otp","mfa"])"), std::string::npos) << state;
}

// A user without an email address adds one, proved by a code, as their email-code factor
// (Logto's POST /profile/mfa with EmailVerificationCode); it goes onto the account at submit.
TEST_F(MfaEmailCodeTest, AUserWithoutAnEmailAddsOneAsTheirFactor) {
  must(server_->cli({"user", "create", "--username", "noel", "--password", kPassword}));
  auto uid = signed_in_first_factor("noel");
  auto missing = call(uid, "/submit");
  ASSERT_EQ(missing.status, 422u) << missing.body;
  EXPECT_EQ(code_of(missing), "user.missing_mfa");
  EXPECT_EQ(missing.json().at("data").at("availableFactors"),
            json::parse(R"(["EmailVerificationCode"])"));
  EXPECT_EQ(code_of(call(uid, "/profile/mfa",
                         json::object{{"type", "EmailVerificationCode"}, {"verificationId", "x"}})),
            "session.verification_session_not_found");
  auto taken = call(uid, "/profile/mfa",
                    json::object{{"type", "EmailVerificationCode"},
                                 {"verificationId", prove_email(uid, "emma@example.test")}});
  EXPECT_EQ(taken.status, 422u) << taken.body;
  EXPECT_EQ(code_of(taken), "user.email_already_in_use") << "another user's address";
  auto bound = call(uid, "/profile/mfa",
                    json::object{{"type", "EmailVerificationCode"},
                                 {"verificationId", prove_email(uid, "noel@example.test")}});
  ASSERT_EQ(bound.status, 204u) << bound.body;
  ASSERT_EQ(call(uid, "/submit").status, 200u);
  EXPECT_EQ(sql("SELECT primary_email FROM users WHERE username = 'noel'"), "noel@example.test");
  auto state = sql("SELECT state FROM interactions WHERE uid = '" + uid + "'");
  EXPECT_NE(state.find(R"("amr":["pwd","otp","mfa"])"), std::string::npos) << state;

  // Emma has an address: she cannot have codes sent to another one in her sign-in.
  auto emma = signed_in_first_factor("emma");
  auto other = call(emma, "/verification/verification-code",
                    json::object{{"identifier", {{"type", "email"}, {"value", "e2@example.test"}}},
                                 {"interactionEvent", "SignIn"}});
  EXPECT_EQ(code_of(other), "session.sign_in_method_not_enabled");
}

// The same for an account just registered with a username: the address goes onto it.
TEST_F(MfaEmailCodeTest, ANewAccountAddsAnEmailAsItsFactor) {
  auto uid = start_interaction();
  ASSERT_EQ(call(uid, "", json::object{{"interactionEvent", "Register"}}, verb::put).status, 204u);
  auto identity = call(uid, "/verification/new-password-identity",
                       json::object{{"identifier", {{"type", "username"}, {"value", "nadia"}}},
                                    {"password", kPassword}});
  ASSERT_EQ(identity.status, 200u) << identity.body;
  ASSERT_EQ(call(uid, "/identification", json::object{{"verificationId", vid_of(identity)}}).status,
            201u);
  EXPECT_EQ(code_of(call(uid, "/submit")), "user.missing_mfa");
  auto bound = call(uid, "/profile/mfa",
                    json::object{{"type", "EmailVerificationCode"},
                                 {"verificationId", prove_email(uid, "nadia@example.test")}});
  ASSERT_EQ(bound.status, 204u) << bound.body;
  ASSERT_EQ(call(uid, "/submit").status, 200u);
  EXPECT_EQ(sql("SELECT primary_email FROM users WHERE username = 'nadia'"), "nadia@example.test");
}

}  // namespace
}  // namespace latch::test
