// The hosted sign-in pages (Logto's experience, section 2 of the reference): the sign-in form,
// registration, CSRF protection, login_hint, and the consent page of third-party apps.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "support/code_flow.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kPartnerCallback = "https://partner.example.test/cb";

class HostedSignInTest : public SharedServerTest<HostedSignInTest> {
 public:
  static void provision(TestServer& server) {
    bob_ = {.username = "bob", .password = "Tr0mbone-Quartz-41", .email = "bob@example.test"};
    bob_id_ = create_user(server, bob_);
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    partner_ = create_user_app(
        server, {.type = "traditional", .redirect_uris = {kPartnerCallback}, .third_party = true});
    if (!wait_until_client_known(server, web_, kCallback) ||
        !wait_until_client_known(server, partner_, kPartnerCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  std::string issuer() const { return server().endpoint() + "/oidc"; }
  AuthorizeRequest web_request() const { return {.client_id = web_.id, .redirect_uri = kCallback}; }
  AuthorizeRequest partner_request() const {
    return {.client_id = partner_.id, .redirect_uri = kPartnerCallback, .state = "p-state"};
  }
  static http::Params credentials(const std::string& identifier, const std::string& password) {
    http::Params fields;
    fields.add("identifier", identifier);
    fields.add("password", password);
    return fields;
  }
  // The message of the page's alert.
  static std::string alert_of(const HttpResponse& page) {
    std::size_t at = page.body.find("role=\"alert\">");
    if (at == std::string::npos) return {};
    at += std::string_view("role=\"alert\">").size();
    return page.body.substr(at, page.body.find('<', at) - at);
  }
  // The fields of a new account for the registration form `page`: the username goes into
  // "username" or, when the form asks for one identifier, into "identifier"; an email address
  // only when the form has a field for it.
  static http::Params registration(const HttpResponse& page, const std::string& username,
                                   const std::string& password) {
    http::Params fields;
    fields.add(input_value(page.body, "username") ? "username" : "identifier", username);
    if (input_value(page.body, "email")) fields.add("email", username + "@example.test");
    fields.add("password", password);
    fields.add("confirm", password);
    return fields;
  }
  HttpResponse registration_page(BrowserSession& browser) const {
    AuthorizeRequest request = web_request();
    request.extra.add("first_screen", "register");
    return browser.navigate(request.target());
  }
  static bool user_exists(const TestServer& server, const std::string& username) {
    json::value users = cli_json(server, {"user", "list", "--json"});
    for (const auto& user : users.as_array()) {
      if (json_text(user, "username") == username) return true;
    }
    return false;
  }

  static inline UserSpec bob_;
  static inline std::string bob_id_;
  static inline AppCredentials web_, partner_;
};

TEST_F(HostedSignInTest, LoginHintPrefillsTheIdentifier) {
  AuthorizeRequest request = web_request();
  request.extra.add("login_hint", "bob@example.test");
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(request.target());
  ASSERT_TRUE(is_sign_in_page(page));
  EXPECT_EQ(input_value(page.body, "identifier"), "bob@example.test");
}

TEST_F(HostedSignInTest, LoginHintIsEscapedInThePage) {
  AuthorizeRequest request = web_request();
  request.extra.add("login_hint", "\"><script>alert(1)</script>");
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(request.target());
  ASSERT_TRUE(is_sign_in_page(page));
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(input_value(page.body, "identifier"), "\"><script>alert(1)</script>");
}

TEST_F(HostedSignInTest, UiLocalesPicksTheFirstSupportedLanguageOfThePage) {
  AuthorizeRequest request = web_request();
  request.extra.add("ui_locales", "fr-CA ja en");
  BrowserSession japanese(server()), english(server());
  HttpResponse page = japanese.navigate(request.target());
  ASSERT_TRUE(is_sign_in_page(page));
  EXPECT_NE(page.body.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(english.navigate(web_request().target()).body.find("<html lang=\"en\">"),
            std::string::npos);
}

TEST_F(HostedSignInTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  BrowserSession first(server()), second(server());
  HttpResponse wrong_password =
      first.submit(first.navigate(web_request().target()), credentials("bob", "not-his-password"));
  HttpResponse unknown_user = second.submit(second.navigate(web_request().target()),
                                            credentials("nobody-here", "not-his-password"));
  EXPECT_EQ(wrong_password.status, 401u);
  EXPECT_EQ(unknown_user.status, wrong_password.status);
  EXPECT_FALSE(alert_of(wrong_password).empty());
  EXPECT_EQ(alert_of(unknown_user), alert_of(wrong_password));
  EXPECT_FALSE(first.cookie("_latch_session").has_value());
  EXPECT_FALSE(second.cookie("_latch_session").has_value());
}

TEST_F(HostedSignInTest, AFailedSignInShowsTheFormAgainWithTheIdentifierKept) {
  BrowserSession browser(server());
  HttpResponse page = browser.submit(browser.navigate(web_request().target()),
                                     credentials("bob", "not-his-password"));
  EXPECT_EQ(input_value(page.body, "identifier"), "bob");
  EXPECT_EQ(input_value(page.body, "password"), "") << "a password is never echoed";
  HttpResponse retry = browser.submit(page, credentials("bob", bob_.password));
  EXPECT_TRUE(is_code_redirect(retry, kCallback, "state-1", issuer()));
}

// A double submit, or HAProxy replaying the POST on another node after the node that signed the
// user in died before its answer left (tests/multinode/failover.test.mjs): the second POST finds
// the sign-in ended and goes on to the authorization instead of failing with "This step does not
// belong to the current sign-in".
TEST_F(HostedSignInTest, ASignInFormPostedAgainAfterItEndedGoesOnToTheAuthorization) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(web_request().target());
  http::Params fields = credentials("bob", bob_.password);
  fields.add("csrf", input_value(page.body, "csrf").value_or(""));
  HttpResponse first = browser.post_form("/sign-in", fields);
  ASSERT_EQ(first.status, 303u) << first.body;
  std::string resume = first.header("location");
  ASSERT_NE(resume.find("/oidc/auth/"), std::string::npos) << resume;
  HttpResponse replayed = browser.post_form("/sign-in", fields);
  EXPECT_EQ(replayed.status, 303u) << replayed.body;
  EXPECT_EQ(replayed.header("location"), resume);
  EXPECT_TRUE(is_code_redirect(browser.follow(replayed), kCallback, "state-1", issuer()));
}

TEST_F(HostedSignInTest, ARegistrationFormPostedAgainAfterItEndedCreatesNoSecondAccount) {
  BrowserSession browser(server());
  HttpResponse page = registration_page(browser);
  http::Params fields = registration(page, "dora", "Wq7-Compass-Juniper");
  fields.add("csrf", input_value(page.body, "csrf").value_or(""));
  HttpResponse first = browser.post_form("/register", fields);
  ASSERT_EQ(first.status, 303u) << first.body;
  HttpResponse replayed = browser.post_form("/register", fields);
  EXPECT_EQ(replayed.status, 303u) << replayed.body;
  EXPECT_EQ(replayed.header("location"), first.header("location"));
  EXPECT_TRUE(is_code_redirect(browser.follow(replayed), kCallback, "state-1", issuer()));
}

TEST_F(HostedSignInTest, AnEmptyPasswordIsRefusedWithoutSigningIn) {
  BrowserSession browser(server());
  HttpResponse page =
      browser.submit(browser.navigate(web_request().target()), credentials("bob", ""));
  EXPECT_GE(page.status, 400u);
  EXPECT_LT(page.status, 500u);
  EXPECT_FALSE(alert_of(page).empty());
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
}

TEST_F(HostedSignInTest, MissingCsrfTokenGivesAnErrorPageAndNoSignIn) {
  BrowserSession browser(server());
  ASSERT_TRUE(is_sign_in_page(browser.navigate(web_request().target())));
  std::string uid = *browser.cookie("_latch_interaction");
  HttpResponse res = browser.post_form("/sign-in", credentials("bob", bob_.password));
  EXPECT_TRUE(is_error_page(res));
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
  HttpResponse resume = browser.get("/oidc/auth/" + uid);
  EXPECT_TRUE(code_of(resume).empty()) << "the interaction must still lack a user";
}

TEST_F(HostedSignInTest, WrongCsrfTokenGivesAnErrorPageAndNoSignIn) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(web_request().target());
  http::Params fields = credentials("bob", bob_.password);
  fields.add("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  HttpResponse res = browser.submit(page, fields);
  EXPECT_TRUE(is_error_page(res));
  EXPECT_TRUE(code_of(browser.get("/oidc/auth/" + *browser.cookie("_latch_interaction"))).empty());
}

TEST_F(HostedSignInTest, CsrfTokenOfAnotherBrowsersInteractionIsRefused) {
  BrowserSession attacker(server()), victim(server());
  HttpResponse attacker_page = attacker.navigate(web_request().target());
  ASSERT_TRUE(is_sign_in_page(victim.navigate(web_request().target())));
  http::Params fields = credentials("bob", bob_.password);
  fields.add("csrf", input_value(attacker_page.body, "csrf").value_or(""));
  EXPECT_TRUE(is_error_page(victim.post_form("/sign-in", fields)));
  EXPECT_FALSE(victim.cookie("_latch_session").has_value());
}

TEST_F(HostedSignInTest, SignInPageWithoutAnInteractionIsAnErrorPage) {
  BrowserSession browser(server());
  EXPECT_TRUE(is_error_page(browser.get("/sign-in")));
  EXPECT_TRUE(is_error_page(browser.post_form("/sign-in", credentials("bob", bob_.password))));
}

TEST_F(HostedSignInTest, ResumeUrlOpenedInAnotherBrowserIsRefused) {
  BrowserSession owner(server()), other(server());
  HttpResponse page = owner.navigate(web_request().target());
  http::Params fields = credentials("bob", bob_.password);
  fields.add("csrf", input_value(page.body, "csrf").value_or(""));
  HttpResponse posted = owner.post_form("/sign-in", fields);
  ASSERT_EQ(posted.status, 303u);
  HttpResponse stolen = other.get(posted.header("Location"));
  EXPECT_TRUE(is_error_page(stolen));
  EXPECT_TRUE(code_of(stolen).empty());
  EXPECT_TRUE(is_code_redirect(owner.follow(posted), kCallback, "state-1", issuer()));
}

TEST_F(HostedSignInTest, PagesRefuseToBeFramed) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(web_request().target());
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
  EXPECT_NE(page.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
}

TEST_F(HostedSignInTest, CookiesAreHttpOnlyAndSameSiteLax) {
  BrowserSession browser(server());
  HttpResponse res = browser.get(web_request().target());
  std::string cookie = res.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
}

TEST_F(HostedSignInTest, FirstScreenRegisterLandsOnTheRegistrationPage) {
  AuthorizeRequest request = web_request();
  request.extra.add("first_screen", "register");
  BrowserSession browser(server());
  HttpResponse res = browser.get(request.target());
  EXPECT_EQ(res.status, 303u);
  EXPECT_EQ(res.header("Location"), "/register");
  HttpResponse page = browser.follow(res);
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(form_action(page.body), "/register");
  EXPECT_TRUE(input_value(page.body, "username") || input_value(page.body, "identifier"));
  for (const char* name : {"csrf", "password", "confirm"}) {
    EXPECT_TRUE(input_value(page.body, name).has_value()) << name;
  }
}

TEST_F(HostedSignInTest, InteractionModeSignUpLandsOnTheRegistrationPage) {
  AuthorizeRequest request = web_request();
  request.extra.add("interaction_mode", "signUp");
  BrowserSession browser(server());
  EXPECT_EQ(browser.get(request.target()).header("Location"), "/register");
}

TEST_F(HostedSignInTest, RegistrationCreatesTheUserAndSignsThemIn) {
  BrowserSession browser(server());
  HttpResponse page = registration_page(browser);
  HttpResponse callback = browser.submit(page, registration(page, "carol", "Vq8-Lantern-Harbor"));
  ASSERT_TRUE(is_code_redirect(callback, kCallback, "state-1", issuer()));
  HttpResponse tokens = redeem_code(server(), web_, code_of(callback), kCallback);
  json::object claims = verified_payload(server(), json_text(tokens.json(), "id_token"));
  EXPECT_EQ(json_text(claims, "username"), "carol");
  EXPECT_TRUE(user_exists(server(), "carol"));
  BrowserSession later(server());
  EXPECT_FALSE(
      code_of(authorize_and_sign_in(later, web_request(), "carol", "Vq8-Lantern-Harbor")).empty());
}

TEST_F(HostedSignInTest, RegistrationWithMismatchedPasswordsShowsTheFormAgain) {
  BrowserSession browser(server());
  HttpResponse page = registration_page(browser);
  http::Params fields = registration(page, "dave", "Vq8-Lantern-Harbor");
  http::Params mismatched;
  for (const auto& [name, value] : fields.items()) {
    mismatched.add(name, name == "confirm" ? "Vq8-Lantern-Harbour" : value);
  }
  HttpResponse again = browser.submit(page, mismatched);
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(form_action(again.body), "/register");
  EXPECT_FALSE(alert_of(again).empty());
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
  EXPECT_FALSE(user_exists(server(), "dave"));
}

TEST_F(HostedSignInTest, RegistrationWithATakenUsernameIsRefused) {
  BrowserSession browser(server());
  HttpResponse page = registration_page(browser);
  HttpResponse again = browser.submit(page, registration(page, "bob", "Vq8-Lantern-Harbor"));
  EXPECT_GE(again.status, 400u);
  EXPECT_LT(again.status, 500u);
  EXPECT_FALSE(alert_of(again).empty());
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
  BrowserSession owner(server());
  EXPECT_FALSE(code_of(authorize_and_sign_in(owner, web_request(), "bob", bob_.password)).empty())
      << "the existing account keeps its password";
}

TEST_F(HostedSignInTest, RegistrationWithoutCsrfIsRefused) {
  BrowserSession browser(server());
  HttpResponse page = registration_page(browser);
  ASSERT_EQ(page.status, 200u);
  HttpResponse res =
      browser.post_form("/register", registration(page, "eve", "Vq8-Lantern-Harbor"));
  EXPECT_TRUE(is_error_page(res));
  EXPECT_FALSE(user_exists(server(), "eve"));
}

TEST_F(HostedSignInTest, ThirdPartyAppShowsTheConsentPageAfterSignIn) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, partner_request(), "bob", bob_.password);
  EXPECT_EQ(page.status, 200u) << page.header("Location");
  EXPECT_EQ(form_action(page.body), "/consent");
  EXPECT_TRUE(input_value(page.body, "csrf").has_value());
  EXPECT_NE(page.body.find("<li>"), std::string::npos) << "the scopes are listed";
}

TEST_F(HostedSignInTest, AllowingConsentRedirectsWithACode) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, partner_request(), "bob", bob_.password);
  http::Params decision;
  decision.add("decision", "allow");
  HttpResponse callback = browser.submit(page, decision);
  ASSERT_TRUE(is_code_redirect(callback, kPartnerCallback, "p-state", issuer()));
  EXPECT_EQ(redeem_code(server(), partner_, code_of(callback), kPartnerCallback).status, 200u);
}

TEST_F(HostedSignInTest, DenyingConsentRedirectsWithAccessDenied) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, partner_request(), "bob", bob_.password);
  http::Params decision;
  decision.add("decision", "deny");
  HttpResponse callback = browser.submit(page, decision);
  EXPECT_TRUE(is_error_redirect(callback, kPartnerCallback, "access_denied", "p-state", issuer()));
}

TEST_F(HostedSignInTest, AfterDenyingConsentTheInteractionCannotBeResumed) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, partner_request(), "bob", bob_.password);
  std::string uid = browser.cookie("_latch_interaction").value_or("");
  http::Params decision;
  decision.add("decision", "deny");
  ASSERT_FALSE(location_query(browser.submit(page, decision)).value("error").empty());
  HttpResponse resume = browser.get("/oidc/auth/" + uid);
  EXPECT_TRUE(code_of(resume).empty());
  EXPECT_TRUE(is_error_page(resume));
}

// Logto asks a user to consent to each organization a third-party app may act in; Latch's
// consent page does not, so a third-party app gets no organization token (403, Logto's message).
TEST_F(HostedSignInTest, AThirdPartyAppGetsNoOrganizationToken) {
  auto admin = create_app(server(), "m2m", {"--management-api"});
  ASSERT_TRUE(wait_until_token_issued(server(), admin, "urn:latch:management"));
  http::Params params{
      {"grant_type", "client_credentials"}, {"resource", "urn:latch:management"}, {"scope", "all"}};
  std::string token = json_text(token_request(server(), admin, params).json(), "access_token");
  auto org = management_request(server(), boost::beast::http::verb::post, "/api/organizations",
                                json::object{{"name", "Partners Inc"}}, token);
  ASSERT_EQ(org.status, 201u) << org.body;
  std::string org_id = json_text(org.json(), "id");
  json::array members{json::value(bob_id_)};
  ASSERT_EQ(management_request(server(), boost::beast::http::verb::post,
                               "/api/organizations/" + org_id + "/users",
                               json::object{{"userIds", members}}, token)
                .status,
            201u);

  BrowserSession browser(server());
  AuthorizeRequest request = partner_request();
  request.scope = "openid offline_access urn:logto:scope:organizations";
  HttpResponse page = authorize_and_sign_in(browser, request, "bob", bob_.password);
  http::Params decision;
  decision.add("decision", "allow");
  HttpResponse callback = browser.submit(page, decision);
  ASSERT_TRUE(is_code_redirect(callback, kPartnerCallback, "p-state", issuer()));
  auto tokens = redeem_code(server(), partner_, code_of(callback), kPartnerCallback);
  ASSERT_EQ(tokens.status, 200u) << tokens.body;
  http::Params extra{{"organization_id", org_id}};
  auto refused = refresh(server(), partner_, json_text(tokens.json(), "refresh_token"), extra);
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(json_text(refused.json(), "error_description"),
            "organization access is not granted to the application");
}

TEST_F(HostedSignInTest, ConsentWithoutCsrfIsRefused) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, partner_request(), "bob", bob_.password);
  ASSERT_EQ(form_action(page.body), "/consent");
  http::Params decision;
  decision.add("decision", "allow");
  EXPECT_TRUE(is_error_page(browser.post_form("/consent", decision)));
}

TEST_F(HostedSignInTest, ThirdPartyAppAsksForConsentEvenWithASession) {
  BrowserSession browser(server());
  ASSERT_FALSE(
      code_of(authorize_and_sign_in(browser, web_request(), "bob", bob_.password)).empty());
  HttpResponse res = browser.get(partner_request().target());
  EXPECT_EQ(res.status, 303u);
  EXPECT_EQ(res.header("Location"), "/consent?app_id=" + partner_.id);  // Logto's address
  EXPECT_EQ(form_action(browser.follow(res).body), "/consent");
}

TEST_F(HostedSignInTest, ThirdPartyAppWithPromptNoneGetsConsentRequired) {
  BrowserSession browser(server());
  ASSERT_FALSE(
      code_of(authorize_and_sign_in(browser, web_request(), "bob", bob_.password)).empty());
  AuthorizeRequest request = partner_request();
  request.extra.add("prompt", "none");
  EXPECT_TRUE(is_error_redirect(browser.get(request.target()), kPartnerCallback, "consent_required",
                                "p-state", issuer()));
}

}  // namespace
}  // namespace latch::test
