// PATCH /api/sign-in-exp for the rest of Logto's sign_in_experiences fields (issue 24): the
// support fields and adaptive MFA round-trip with Logto's rules, forgot-password methods need a
// connector, the username policy keeps Latch's case-insensitive usernames, and settings of
// features Latch does not have are refused naming the setting unless they ask for nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4100/callback";

class SignInExperienceSettingsTest : public SharedServerTest<SignInExperienceSettingsTest> {
 public:
  static void provision(TestServer& server) {
    auto app = create_app(server, "m2m", {"--management-api"});
    if (!wait_until_token_issued(server, app, "urn:latch:management")) {
      throw std::runtime_error("the server did not load the app");
    }
    auto res = token_with_basic(
        server, app, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    token_ = json_text(res.json(), "access_token");
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    if (!wait_until_client_known(server, web_, kCallback)) {
      throw std::runtime_error("the server did not load the web app");
    }
  }

 protected:
  static HttpResponse call(verb method, const std::string& path,
                           const json::value& body = nullptr) {
    return management_request(server(), method, path, body, token_);
  }
  static HttpResponse patch(const json::object& body) {
    return call(verb::patch, "/api/sign-in-exp", body);
  }
  static void expect_error(const HttpResponse& res, unsigned status, const std::string& code,
                           const std::string& field = "") {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), code) << res.body;
    if (!field.empty()) EXPECT_EQ(json_text(res.json(), "field"), field) << res.body;
  }

  // The hosted sign-in page, reached as a browser is: through an authorization request.
  static HttpResponse sign_in_page() {
    BrowserSession browser(server());
    return browser.navigate(
        AuthorizeRequest{.client_id = web_.id, .redirect_uri = kCallback}.target());
  }

  static inline std::string token_;
  static inline AppCredentials web_;
};

TEST_F(SignInExperienceSettingsTest, SupportFieldsAndAnyUrlSchemeRoundTrip) {
  json::object body{{"supportEmail", "contact@example.test"},
                    {"supportWebsiteUrl", "https://example.test/help"},
                    {"termsOfUseUrl", "mock://fake-url/terms"},
                    {"branding", {{"logoUrl", "mock://fake-url/logo.png"}}},
                    {"forgotPasswordMethods", json::array{}}};
  auto res = patch(body);
  ASSERT_EQ(res.status, 200u) << res.body;
  auto read = call(verb::get, "/api/sign-in-exp").json();
  EXPECT_EQ(json_text(read, "supportEmail"), "contact@example.test");
  EXPECT_EQ(json_text(read, "supportWebsiteUrl"), "https://example.test/help");
  EXPECT_EQ(json_text(read, "termsOfUseUrl"), "mock://fake-url/terms");
  EXPECT_EQ(json_text(read.at("branding"), "logoUrl"), "mock://fake-url/logo.png");
  EXPECT_EQ(read.at("forgotPasswordMethods"), json::value(json::array{}));
  EXPECT_TRUE(read.at("unknownSessionRedirectUrl").is_null());
  expect_error(patch({{"supportEmail", "not an address"}}), 400, "guard.invalid_input",
               "supportEmail");
  expect_error(patch({{"termsOfUseUrl", "javascript:alert(1)"}}), 400, "guard.invalid_input");
  ASSERT_EQ(patch({{"supportEmail", nullptr}}).status, 200u);
  EXPECT_TRUE(call(verb::get, "/api/sign-in-exp").json().at("supportEmail").is_null());
}

// Logto's adaptive MFA rules (422): it needs a factor and a non-skippable prompt policy, and
// those policies need it; turning MFA off without naming it turns it off.
TEST_F(SignInExperienceSettingsTest, AdaptiveMfaFollowsLogtosRules) {
  json::object off{{"mfa", {{"policy", "PromptAtSignInAndSignUp"}, {"factors", json::array{}}}},
                   {"adaptiveMfa", {{"enabled", false}}}};
  ASSERT_EQ(patch(off).status, 200u);
  expect_error(patch({{"adaptiveMfa", {{"enabled", true}}}}), 422,
               "sign_in_experiences.adaptive_mfa_requires_mfa");
  json::object adaptive{
      {"mfa", {{"policy", "PromptAtSignInAndSignUpMandatory"}, {"factors", {"Totp"}}}},
      {"adaptiveMfa", {{"enabled", true}}}};
  auto on = patch(adaptive);
  ASSERT_EQ(on.status, 200u) << on.body;
  EXPECT_EQ(on.json().at("adaptiveMfa"), json::value({{"enabled", true}}));
  auto disabled =
      patch({{"mfa", {{"policy", "PromptAtSignInAndSignUp"}, {"factors", json::array{}}}}});
  ASSERT_EQ(disabled.status, 200u) << disabled.body;
  EXPECT_EQ(disabled.json().at("adaptiveMfa"), json::value({{"enabled", false}}));
  ASSERT_EQ(patch({{"mfa", {{"policy", "Mandatory"}, {"factors", {"Totp"}}}}}).status, 200u);
  expect_error(patch({{"adaptiveMfa", {{"enabled", true}}}}), 422,
               "sign_in_experiences.adaptive_mfa_requires_non_skippable_policy");
  expect_error(patch({{"mfa", {{"policy", "PromptOnlyAtSignInMandatory"}, {"factors", {"Totp"}}}}}),
               422, "sign_in_experiences.non_adaptive_mfa_requires_skippable_policy");
  ASSERT_EQ(patch(off).status, 200u);
}

TEST_F(SignInExperienceSettingsTest, ForgotPasswordMethodsNeedAConnector) {
  call(verb::delete_, "/api/connectors/simple-mail-transfer-protocol");
  call(verb::delete_, "/api/connectors/http-sms");
  expect_error(patch({{"forgotPasswordMethods", {"EmailVerificationCode"}}}), 400,
               "sign_in_experiences.forgot_password_method_requires_connector",
               "forgotPasswordMethods");
  expect_error(patch({{"forgotPasswordMethods", {"PhoneVerificationCode"}}}), 400,
               "sign_in_experiences.forgot_password_method_requires_connector");
  expect_error(patch({{"forgotPasswordMethods", {"Carrier pigeon"}}}), 400, "guard.invalid_input");

  FakeSmtpServer smtp;
  auto created = call(verb::post, "/api/connectors",
                      json::object{{"connectorId", "simple-mail-transfer-protocol"},
                                   {"config",
                                    {{"host", "127.0.0.1"},
                                     {"port", smtp.port()},
                                     {"security", "none"},
                                     {"from", "Latch <no-reply@example.test>"}}}});
  ASSERT_EQ(created.status, 200u) << created.body;
  auto ok = patch({{"forgotPasswordMethods", {"EmailVerificationCode"}}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json().at("forgotPasswordMethods"),
            json::value(json::array{"EmailVerificationCode"}));

  // The hosted sign-in page offers a reset by email only while the methods include it.
  auto page = sign_in_page();
  EXPECT_NE(page.body.find("/forgot-password"), std::string::npos);
  ASSERT_EQ(patch({{"forgotPasswordMethods", json::array{}}}).status, 200u);
  page = sign_in_page();
  EXPECT_EQ(page.body.find("/forgot-password"), std::string::npos);
  call(verb::delete_, "/api/connectors/simple-mail-transfer-protocol");
}

// Latch's usernames are unique and matched without regard to case: the policy says so, and a
// PATCH asking for case-sensitive usernames is refused naming the setting.
TEST_F(SignInExperienceSettingsTest, UsernamePolicyIsCaseInsensitive) {
  auto read = call(verb::get, "/api/sign-in-exp").json();
  EXPECT_EQ(read.at("usernamePolicy").at("caseSensitive"), json::value(false));
  json::object policy{
      {"caseSensitive", false},
      {"minLength", 3},
      {"maxLength", 20},
      {"allowedChars",
       {{"lowercase", true}, {"uppercase", true}, {"numbers", true}, {"underscore", false}}}};
  auto res = patch({{"usernamePolicy", policy}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("usernamePolicy"), json::value(policy));
  auto sensitive = policy;
  sensitive["caseSensitive"] = true;
  expect_error(patch({{"usernamePolicy", sensitive}}), 400, "request.invalid_input",
               "usernamePolicy.caseSensitive");
  auto inverted = policy;
  inverted["minLength"] = 30;
  expect_error(patch({{"usernamePolicy", inverted}}), 400, "guard.invalid_input",
               "usernamePolicy.maxLength");
  auto digits_only = policy;
  digits_only["allowedChars"] = json::object{
      {"lowercase", false}, {"uppercase", false}, {"numbers", true}, {"underscore", false}};
  expect_error(patch({{"usernamePolicy", digits_only}}), 400, "guard.invalid_input",
               "usernamePolicy.allowedChars");
  policy["minLength"] = 1;
  policy["maxLength"] = 128;
  policy["allowedChars"].as_object()["underscore"] = true;
  ASSERT_EQ(patch({{"usernamePolicy", policy}}).status, 200u);
}

// Settings for features Latch does not have: what GET shows goes back unchanged; asking for
// the feature is refused with request.invalid_input naming the setting.
TEST_F(SignInExperienceSettingsTest, SettingsOfMissingFeaturesAreRefusedUnlessOff) {
  auto read = call(verb::get, "/api/sign-in-exp").json().as_object();
  EXPECT_EQ(read.at("customUiCsp"), json::value(json::object{}));
  EXPECT_TRUE(read.at("customUiAssets").is_null());
  read.erase("version");
  read.erase("id");
  auto back = patch(read);
  EXPECT_EQ(back.status, 200u) << back.body;
  auto cleared =
      patch({{"customUiAssets", nullptr},
             {"customUiCsp", {{"scriptSrc", json::array{}}, {"connectSrc", json::array{}}}}});
  ASSERT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_EQ(cleared.json().at("customUiCsp"), json::value(json::object{}));
  struct Case {
    const char* key;
    json::value value;
  };
  for (const auto& c : {Case{"customUiCsp", {{"scriptSrc", {"https://scripts.example.test"}}}},
                        Case{"customUiAssets", {{"id", "x"}, {"createdAt", 1}}},
                        Case{"hideLogtoBranding", true}, Case{"captchaPolicy", {{"enabled", true}}},
                        Case{"passwordExpiration", {{"enabled", true}, {"validPeriodDays", 90}}},
                        Case{"emailBlocklistPolicy", {{"blockSubaddressing", true}}}}) {
    SCOPED_TRACE(c.key);
    expect_error(patch({{c.key, c.value}}), 400, "request.invalid_input", c.key);
  }
  expect_error(patch({{"somethingElse", 1}}), 400, "guard.invalid_input", "somethingElse");
}

TEST_F(SignInExperienceSettingsTest, PasswordlessSignUpWithoutVerificationIsLogtosCode) {
  json::object body{
      {"signUp", {{"identifiers", {"email"}}, {"password", false}, {"verify", false}}},
      {"signIn",
       {{"methods", json::array{{{"identifier", "email"},
                                 {"password", false},
                                 {"verificationCode", true},
                                 {"isPasswordPrimary", false}}}}}}};
  expect_error(patch(body), 400, "sign_in_experiences.passwordless_requires_verify",
               "signUp.verify");
}

// POST /api/sign-in-exp/default/check-password: every rule broken, in Logto's codes.
TEST_F(SignInExperienceSettingsTest, CheckPasswordListsEveryRuleBroken) {
  json::object policy{
      {"passwordPolicy",
       {{"length", {{"min", 8}, {"max", 64}}},
        {"characterTypes", {{"min", 3}}},
        {"rejects", {{"pwned", true}, {"repetitionAndSequence", true}, {"userInfo", true}}}}}};
  ASSERT_EQ(patch(policy).status, 200u);
  const std::string path = "/api/sign-in-exp/default/check-password";
  auto no_user = call(verb::post, path, json::object{{"password", "johnny13"}});
  EXPECT_EQ(no_user.status, 400u);
  EXPECT_EQ(json_text(no_user.json(), "code"), "request.invalid_input");
  EXPECT_EQ(json_text(no_user.json().at("data"), "message"),
            "User information data is required to check user information.");
  auto created = call(verb::post, "/api/users", json::object{{"username", "johnny"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string user = json_text(created.json(), "id");
  auto codes = [&](const std::string& password) {
    auto res = call(verb::post, path, json::object{{"password", password}, {"userId", user}});
    EXPECT_EQ(res.status, 400u) << res.body;
    auto body = res.json();
    EXPECT_EQ(body.at("result"), json::value(false));
    std::vector<std::string> out;
    for (const auto& issue : body.at("issues").as_array()) out.push_back(json_text(issue, "code"));
    return out;
  };
  EXPECT_EQ(codes("123"), (std::vector<std::string>{"password_rejected.too_short",
                                                    "password_rejected.character_types",
                                                    "password_rejected.restricted.sequence"}));
  EXPECT_EQ(codes("johnny13"),
            (std::vector<std::string>{"password_rejected.character_types",
                                      "password_rejected.restricted.user_info"}));
  auto strong =
      call(verb::post, path, json::object{{"password", "Tr0ub4dor&3-Horse"}, {"userId", user}});
  EXPECT_EQ(strong.status, 200u) << strong.body;
  EXPECT_EQ(strong.json(), json::value({{"result", true}}));
  auto nobody = call(verb::post, path, json::object{{"password", "x"}, {"userId", "nobody"}});
  EXPECT_EQ(nobody.status, 404u);
  EXPECT_EQ(call(verb::post, path, json::object{{"pass", "x"}}).status, 400u);
  call(verb::delete_, "/api/users/" + user);
  json::object relaxed{{"passwordPolicy",
                        {{"length", {{"min", 8}, {"max", 256}}},
                         {"characterTypes", {{"min", 1}}},
                         {"rejects", {{"repetitionAndSequence", false}}}}}};
  ASSERT_EQ(patch(relaxed).status, 200u);
}

}  // namespace
}  // namespace latch::test
