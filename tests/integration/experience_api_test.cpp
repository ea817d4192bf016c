// The experience API (/api/experience) end to end: every step validated on the server, bad input
// and out-of-order steps answered with {code, message}, codes by email through a fake SMTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/post_receiver.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class ExperienceApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    smtp_ = std::make_unique<FakeSmtpServer>();
    app_ = create_app(*server_, "traditional", {"--redirect-uri", "http://localhost/cb"});
    must(server_->cli({"user", "create", "--username", "alice", "--email", "alice@example.test",
                       "--password", "Correct-Horse-9"}));
    must(server_->cli({"email", "set-smtp", "--host", "127.0.0.1", "--port",
                       std::to_string(smtp_->port()), "--security", "none", "--from",
                       "Latch <no-reply@example.test>"}));
    must(server_->cli({"experience", "set",
                       R"(signIn.methods=[{"identifier":"username","password":true},)"
                       R"({"identifier":"email","password":true,"verificationCode":true}])"}));
    for (int i = 0; i < 100 && auth_status() == 400; ++i) {  // until the server loaded the app
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  static std::string auth_path() {
    return "/oidc/auth?client_id=" + app_.id +
           "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code"
           "&scope=openid&state=s&code_challenge_method=S256"
           "&code_challenge=E9Melhoa2OwvFrYMHUu6qXMLf8NZrqKR0Ul2BCemf1M";
  }
  static unsigned auth_status() { return server_->client().get(auth_path()).status; }
  static void TearDownTestSuite() {
    smtp_.reset();
    server_.reset();
  }
  static void must(const ProcessResult& r) {
    if (r.exit_code != 0) throw std::runtime_error("cli failed: " + r.err);
  }

  // A code sent to `email` in interaction `uid`: its verification and the code the fake SMTP
  // server received.
  struct EmailCode {
    std::string email, verification_id, code;
  };
  EmailCode send_email_code(const std::string& uid, const std::string& email) {
    auto before = smtp_->messages().size();
    json::object id{{"type", "email"}, {"value", email}};
    auto sent =
        call(uid, verb::post, "/verification/verification-code", json::object{{"identifier", id}});
    EXPECT_EQ(sent.status, 200u) << sent.body;
    auto body = sent.json();
    std::string vid = body.is_object() ? json_text(body, "verificationId") : "";
    return {email, vid, smtp_->wait_for(before + 1).code()};
  }
  // Verifies `sent` and identifies the interaction's user by it.
  void verify_and_identify(const std::string& uid, const EmailCode& sent) {
    json::object id{{"type", "email"}, {"value", sent.email}};
    auto verified = call(
        uid, verb::post, "/verification/verification-code/verify",
        json::object{
            {"identifier", id}, {"verificationId", sent.verification_id}, {"code", sent.code}});
    EXPECT_EQ(verified.status, 200u) << verified.body;
    auto identified = call(uid, verb::post, "/identification",
                           json::object{{"verificationId", sent.verification_id}});
    EXPECT_EQ(identified.status, 204u) << identified.body;
  }

  // A fresh interaction: the cookie of a browser sent to /oidc/auth.
  std::string start_interaction() {
    BrowserSession browser(*server_);
    auto res = browser.get(auth_path());
    EXPECT_TRUE(res.status == 302u || res.status == 303u) << res.body;
    return browser.cookie("_latch_interaction").value_or("");
  }
  HttpResponse call(const std::string& uid, verb method, const std::string& path,
                    const json::value& body = nullptr) {
    Headers headers{{"Content-Type", "application/json"}};
    if (!uid.empty()) headers.push_back({"Cookie", "_latch_interaction=" + uid});
    std::string text = body.is_null() ? "" : json::serialize(body);
    return server_->client().request(method, "/api/experience" + path, text, headers);
  }
  std::string password_verification(const std::string& uid, const std::string& user,
                                    const std::string& password) {
    auto res = call(uid, verb::post, "/verification/password",
                    json::object{{"identifier", {{"type", "username"}, {"value", user}}},
                                 {"password", password}});
    return res.status == 200 ? std::string(res.json().at("verificationId").as_string()) : "";
  }
  static std::string code_of(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("code") ? std::string(v.at("code").as_string())
                                                           : "";
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<FakeSmtpServer> smtp_;
  static inline AppCredentials app_;
};

TEST_F(ExperienceApiTest, PasswordSignInEndsWithRedirectToTheAuthorizationEndpoint) {
  auto uid = start_interaction();
  EXPECT_EQ(call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}}).status, 204u);
  auto vid = password_verification(uid, "alice", "Correct-Horse-9");
  ASSERT_FALSE(vid.empty());
  EXPECT_EQ(call(uid, verb::post, "/identification", json::object{{"verificationId", vid}}).status,
            204u);
  auto done = call(uid, verb::post, "/submit");
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json().at("redirectTo").as_string(), server_->endpoint() + "/oidc/auth/" + uid);
}

TEST_F(ExperienceApiTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto body = [](std::string user) {
    return json::object{{"identifier", {{"type", "username"}, {"value", user}}},
                        {"password", "Wrong-Pass-123"}};
  };
  auto wrong = call(uid, verb::post, "/verification/password", body("alice"));
  auto unknown = call(uid, verb::post, "/verification/password", body("nobody_here"));
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(wrong.status, unknown.status);
  EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(ExperienceApiTest, SubmitBeforeVerificationIsRejected) {
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto res = call(uid, verb::post, "/submit");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "session.verification_required");
}

TEST_F(ExperienceApiTest, StepsBeforeStartAreRejected) {
  auto uid = start_interaction();
  auto res = call(uid, verb::post, "/identification", json::object{});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "session.not_started");
}

TEST_F(ExperienceApiTest, VerificationOfAnotherInteractionIsNotFound) {
  auto first = start_interaction();
  call(first, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto vid = password_verification(first, "alice", "Correct-Horse-9");
  auto second = start_interaction();
  call(second, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto res = call(second, verb::post, "/identification", json::object{{"verificationId", vid}});
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(code_of(res), "session.verification_session_not_found");
}

TEST_F(ExperienceApiTest, RequestsWithoutAnInteractionAreNotFound) {
  auto res = call("", verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(code_of(res), "session.not_found");
  EXPECT_EQ(call("nosuchuid", verb::post, "/submit").status, 404u);
}

TEST_F(ExperienceApiTest, MalformedBodiesAreBadRequests) {
  auto uid = start_interaction();
  Headers headers{{"Content-Type", "application/json"}, {"Cookie", "_latch_interaction=" + uid}};
  auto res = server_->client().request(verb::put, "/api/experience", "{not json", headers);
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(code_of(res), "guard.invalid_input");
  EXPECT_EQ(call(uid, verb::put, "", json::object{{"interactionEvent", "Dance"}}).status, 400u);
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto bad_id = call(uid, verb::post, "/verification/password",
                     json::object{{"identifier", "alice"}, {"password", "x"}});
  EXPECT_EQ(bad_id.status, 400u);
}

TEST_F(ExperienceApiTest, EmailCodeVerifiesOnceAndRejectsReplayAndWrongCodes) {
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto before = smtp_->messages().size();
  json::object id{{"type", "email"}, {"value", "alice@example.test"}};
  auto sent = call(uid, verb::post, "/verification/verification-code",
                   json::object{{"identifier", id}, {"interactionEvent", "SignIn"}});
  ASSERT_EQ(sent.status, 200u) << sent.body;
  auto vid = std::string(sent.json().at("verificationId").as_string());
  auto mail = smtp_->wait_for(before + 1);
  ASSERT_EQ(mail.code().size(), 6u);
  std::string wrong = mail.code() == "000000" ? "111111" : "000000";
  auto bad = call(uid, verb::post, "/verification/verification-code/verify",
                  json::object{{"identifier", id}, {"verificationId", vid}, {"code", wrong}});
  EXPECT_EQ(code_of(bad), "verification_code.code_mismatch");
  auto good =
      call(uid, verb::post, "/verification/verification-code/verify",
           json::object{{"identifier", id}, {"verificationId", vid}, {"code", mail.code()}});
  EXPECT_EQ(good.status, 200u) << good.body;
  auto replay =
      call(uid, verb::post, "/verification/verification-code/verify",
           json::object{{"identifier", id}, {"verificationId", vid}, {"code", mail.code()}});
  EXPECT_EQ(code_of(replay), "verification_code.used");
  EXPECT_EQ(call(uid, verb::post, "/identification", json::object{{"verificationId", vid}}).status,
            204u);
  EXPECT_EQ(call(uid, verb::post, "/submit").status, 200u);
}

TEST_F(ExperienceApiTest, RepeatedFailuresLockTheIdentifierWithoutRevealingIt) {
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  for (int i = 0; i < 5; ++i) password_verification(uid, "ghost_user", "Wrong-Pass-123");
  auto locked = call(uid, verb::post, "/verification/password",
                     json::object{{"identifier", {{"type", "username"}, {"value", "ghost_user"}}},
                                  {"password", "Wrong-Pass-123"}});
  EXPECT_EQ(locked.status, 403u);
  EXPECT_EQ(code_of(locked), "session.too_many_attempts");
  // Issue #14, defect 18: the message names the lockout's minutes, not a placeholder.
  std::string message(locked.json().at("message").as_string());
  EXPECT_EQ(message.find('{'), std::string::npos) << message;
  EXPECT_NE(message.find("15"), std::string::npos) << message;
}

// Issue #14, defect 13: the username, email and phone of one account share one budget.
TEST_F(ExperienceApiTest, EveryIdentifierOfAnAccountSharesOneLockoutBudget) {
  must(server_->cli({"user", "create", "--username", "bruno", "--email", "bruno@example.test",
                     "--phone", "+15550100", "--password", "Correct-Horse-7"}));
  must(server_->cli({"experience", "set",
                     R"(signIn.methods=[{"identifier":"username","password":true},)"
                     R"({"identifier":"email","password":true,"verificationCode":true},)"
                     R"({"identifier":"phone","password":true}])"}));
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  auto attempt = [&](std::string type, std::string value, std::string password) {
    return call(
        uid, verb::post, "/verification/password",
        json::object{{"identifier", {{"type", type}, {"value", value}}}, {"password", password}});
  };
  for (const auto& [type, value] : {std::pair{"username", "bruno"},
                                    {"email", "bruno@example.test"},
                                    {"phone", "+15550100"},
                                    {"username", "BRUNO"},
                                    {"email", "Bruno@Example.test"}}) {
    EXPECT_EQ(code_of(attempt(type, value, "Wrong-Pass-123")), "session.invalid_credentials");
  }
  auto locked = attempt("phone", "+15550100", "Correct-Horse-7");
  EXPECT_EQ(locked.status, 403u) << locked.body;
  EXPECT_EQ(code_of(locked), "session.too_many_attempts");
}

TEST_F(ExperienceApiTest, RegistrationRejectsCommonPasswordsAndTakenUsernames) {
  auto uid = start_interaction();
  ASSERT_EQ(call(uid, verb::put, "", json::object{{"interactionEvent", "Register"}}).status, 204u);
  auto body = [](std::string user, std::string pw) {
    return json::object{{"identifier", {{"type", "username"}, {"value", user}}}, {"password", pw}};
  };
  EXPECT_EQ(code_of(call(uid, verb::post, "/verification/new-password-identity",
                         body("newbie", "password123"))),
            "password.common");
  EXPECT_EQ(code_of(call(uid, verb::post, "/verification/new-password-identity",
                         body("newbie", "short"))),
            "password.too_short");
  EXPECT_EQ(code_of(call(uid, verb::post, "/verification/new-password-identity",
                         body("newbie", "newbie-Secret-42"))),
            "password.contains_user_info");
  EXPECT_EQ(code_of(call(uid, verb::post, "/verification/new-password-identity",
                         body("alice", "Unrelated-Secret-42"))),
            "user.username_already_in_use");
  auto ok = call(uid, verb::post, "/verification/new-password-identity",
                 body("newbie", "Unrelated-Secret-42"));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  auto vid = std::string(ok.json().at("verificationId").as_string());
  EXPECT_EQ(call(uid, verb::post, "/identification", json::object{{"verificationId", vid}}).status,
            201u);
  EXPECT_EQ(call(uid, verb::post, "/submit").status, 200u);
}

TEST_F(ExperienceApiTest, ForgotPasswordResetsThroughAnEmailCode) {
  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "ForgotPassword"}});
  EmailCode sent = send_email_code(uid, "alice@example.test");
  EXPECT_EQ(call(uid, verb::put, "/profile/password", json::object{{"password", "x"}}).status,
            400u);  // not verified yet
  verify_and_identify(uid, sent);
  auto reset =
      call(uid, verb::put, "/profile/password", json::object{{"password", "Brand-New-Secret-7"}});
  EXPECT_EQ(reset.status, 204u) << reset.body;
  EXPECT_EQ(call(uid, verb::post, "/submit").status, 204u);
  auto again = start_interaction();
  call(again, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
  EXPECT_FALSE(password_verification(again, "alice", "Brand-New-Secret-7").empty());
}

TEST_F(ExperienceApiTest, AResetPasswordIsUserDataUpdatedAndPostResetPassword) {
  PostReceiver receiver;
  AppCredentials admin = create_app(*server_, "m2m", {"--management-api"});
  ASSERT_TRUE(wait_until_token_issued(*server_, admin, "urn:latch:management"));
  auto token = token_with_basic(
      *server_, admin, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
  json::object hook{{"name", "reset"},
                    {"events", {"User.Data.Updated", "PostResetPassword"}},
                    {"config", {{"url", receiver.url("/reset")}}}};
  ASSERT_EQ(management_request(*server_, verb::post, "/api/hooks", hook,
                               json_text(token.json(), "access_token"))
                .status,
            201u);
  must(server_->cli({"user", "create", "--username", "resetter", "--email", "resetter@example.test",
                     "--password", "Correct-Horse-9"}));

  auto uid = start_interaction();
  call(uid, verb::put, "", json::object{{"interactionEvent", "ForgotPassword"}});
  verify_and_identify(uid, send_email_code(uid, "resetter@example.test"));
  call(uid, verb::put, "/profile/password", json::object{{"password", "Brand-New-Secret-8"}});
  ASSERT_EQ(call(uid, verb::post, "/submit").status, 204u);

  auto deliveries = receiver.wait_for("/reset", 2);
  ASSERT_EQ(deliveries.size(), 2u);
  std::set<std::string> events;
  for (const auto& d : deliveries) {
    events.insert(json_text(d.payload, "event"));
    if (json_text(d.payload, "event") == "User.Data.Updated") {
      EXPECT_EQ(json_text(d.payload.at("data"), "username"), "resetter");
    }
  }
  EXPECT_EQ(events, (std::set<std::string>{"PostResetPassword", "User.Data.Updated"}));
}

TEST_F(ExperienceApiTest, SignInExperienceIsPublicButPatchNeedsAManagementToken) {
  auto pub = server_->client().get("/api/.well-known/sign-in-exp");
  ASSERT_EQ(pub.status, 200u);
  EXPECT_TRUE(pub.json().at("signUp").at("identifiers").is_array());
  auto patch = server_->client().request(verb::patch, "/api/sign-in-exp", R"({"customCss":""})",
                                         {{"Content-Type", "application/json"}});
  EXPECT_EQ(patch.status, 401u);
  auto forged = server_->client().request(
      verb::patch, "/api/sign-in-exp", R"({"customCss":""})",
      {{"Content-Type", "application/json"}, {"Authorization", "Bearer a.b.c"}});
  EXPECT_EQ(forged.status, 401u);
}

}  // namespace
}  // namespace latch::test
