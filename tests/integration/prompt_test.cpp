// prompt and max_age at /oidc/auth (OIDC Core §3.1.2.1): when the browser session is enough and
// when the user must sign in again.
#include <gtest/gtest.h>

#include <stdexcept>

#include "support/code_flow.hpp"
#include "support/resigned_token.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

constexpr const char* kCallback = "http://localhost:3000/callback";

class PromptTest : public SharedServerTest<PromptTest> {
 public:
  static void provision(TestServer& server) {
    create_user(server, dana_);
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    if (!wait_until_client_known(server, web_, kCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
  }

 protected:
  std::string issuer() const { return server().endpoint() + "/oidc"; }
  AuthorizeRequest request_with(const std::string& name, const std::string& value) const {
    AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kCallback, .state = "s-9"};
    if (!name.empty()) request.extra.add(name, value);
    return request;
  }
  // A browser with a session from a completed sign-in.
  void sign_in(BrowserSession& browser) const {
    HttpResponse callback =
        authorize_and_sign_in(browser, request_with("", ""), dana_.username, dana_.password);
    ASSERT_FALSE(code_of(callback).empty()) << callback.status << " " << callback.body;
    ASSERT_TRUE(browser.cookie("_latch_session").has_value());
  }

  // An ID token of `user`, from a sign-in in a browser of its own.
  std::string id_token_of(const UserSpec& user) const {
    BrowserSession other(server());
    HttpResponse callback =
        authorize_and_sign_in(other, request_with("", ""), user.username, user.password);
    HttpResponse tokens = redeem_code(server(), web_, code_of(callback), kCallback);
    EXPECT_EQ(tokens.status, 200u) << tokens.body;
    return json_text(tokens.json(), "id_token");
  }
  AuthorizeRequest with_hint(const std::string& hint, const std::string& prompt = "") const {
    AuthorizeRequest request = request_with("id_token_hint", hint);
    if (!prompt.empty()) request.extra.add("prompt", prompt);
    return request;
  }

  static inline UserSpec dana_{.username = "dana", .password = "Mosaic-Fern-2207"};
  static inline AppCredentials web_;
};

TEST_F(PromptTest, PromptNoneWithoutASessionRedirectsWithLoginRequired) {
  BrowserSession browser(server());
  HttpResponse res = browser.get(request_with("prompt", "none").target());
  EXPECT_TRUE(is_error_redirect(res, kCallback, "login_required", "s-9", issuer()));
  EXPECT_FALSE(browser.cookie("_latch_interaction").has_value());
}

TEST_F(PromptTest, PromptNoneWithASessionIssuesACode) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_code_redirect(browser.get(request_with("prompt", "none").target()), kCallback,
                               "s-9", issuer()));
}

TEST_F(PromptTest, PromptNoneWithAnUnknownSessionCookieRedirectsWithLoginRequired) {
  BrowserSession browser(server());
  browser.set_cookie("_latch_session", "forged-session-value");
  EXPECT_TRUE(is_error_redirect(browser.get(request_with("prompt", "none").target()), kCallback,
                                "login_required", "s-9", issuer()));
}

TEST_F(PromptTest, PromptLoginShowsTheSignInFormDespiteASession) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse page = browser.navigate(request_with("prompt", "login").target());
  ASSERT_TRUE(is_sign_in_page(page));
  http::Params fields;
  fields.add("identifier", dana_.username);
  fields.add("password", dana_.password);
  EXPECT_TRUE(is_code_redirect(browser.submit(page, fields), kCallback, "s-9", issuer()));
}

TEST_F(PromptTest, MaxAgeZeroShowsTheSignInFormDespiteASession) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_sign_in_page(browser.navigate(request_with("max_age", "0").target())));
}

TEST_F(PromptTest, MaxAgeLongerThanTheSessionsAgeSignsInSilently) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_code_redirect(browser.get(request_with("max_age", "3600").target()), kCallback,
                               "s-9", issuer()));
}

// Logto's SDKs send prompt=consent; first-party apps are consented automatically (1.11).
TEST_F(PromptTest, PromptConsentForAFirstPartyAppNeedsNoConsentPage) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_code_redirect(browser.get(request_with("prompt", "consent").target()), kCallback,
                               "s-9", issuer()));
}

TEST_F(PromptTest, PromptConsentWithOfflineAccessIssuesARefreshToken) {
  AuthorizeRequest request = request_with("prompt", "consent");
  request.scope = "openid offline_access profile";
  auto tokens = sign_in_and_redeem(server(), web_, request, dana_);
  EXPECT_FALSE(json_text(tokens, "refresh_token").empty());
}

TEST_F(PromptTest, PromptNoneCombinedWithLoginIsAnInvalidRequest) {
  BrowserSession browser(server());
  EXPECT_TRUE(is_error_redirect(browser.get(request_with("prompt", "none login").target()),
                                kCallback, "invalid_request", "s-9", issuer()));
}

// Issue #14, defect 3: an id_token_hint is checked, never ignored (OIDC Core §3.1.2.1).
TEST_F(PromptTest, AnIdTokenHintThatIsNotAJwtIsAnInvalidRequest) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_error_redirect(browser.get(with_hint("garbage").target()), kCallback,
                                "invalid_request", "s-9", issuer()));
}

TEST_F(PromptTest, AnIdTokenHintWithABrokenSignatureIsAnInvalidRequest) {
  std::string hint = id_token_of(dana_);
  char& c = hint[hint.size() - 10];  // inside the signature, not its padding bits
  c = c == 'A' ? 'B' : 'A';
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_error_redirect(browser.get(with_hint(hint, "none").target()), kCallback,
                                "invalid_request", "s-9", issuer()));
}

TEST_F(PromptTest, AnIdTokenHintOfTheSessionsUserSignsInSilently) {
  std::string hint = id_token_of(dana_);
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(
      is_code_redirect(browser.get(with_hint(hint, "none").target()), kCallback, "s-9", issuer()));
}

TEST_F(PromptTest, AnExpiredIdTokenHintIsStillAHint) {
  std::string hint = resigned_token(server(), id_token_of(dana_), -7200);
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(
      is_code_redirect(browser.get(with_hint(hint, "none").target()), kCallback, "s-9", issuer()));
}

TEST_F(PromptTest, AnIdTokenHintOfAnotherUserWithPromptNoneIsLoginRequired) {
  UserSpec ezra{.username = "ezra", .password = "Cobalt-Thistle-540"};
  create_user(server(), ezra);
  std::string hint = id_token_of(ezra);
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_error_redirect(browser.get(with_hint(hint, "none").target()), kCallback,
                                "login_required", "s-9", issuer()));
}

TEST_F(PromptTest, AnIdTokenHintOfAnotherUserAsksToSignIn) {
  UserSpec flo{.username = "flo", .password = "Harbor-Violet-218"};
  create_user(server(), flo);
  std::string hint = id_token_of(flo);
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_sign_in_page(browser.navigate(with_hint(hint).target())));
}

TEST_F(PromptTest, AcrValuesAskingForASecondFactorSignASingleFactorSessionInAgain) {
  BrowserSession browser(server());
  sign_in(browser);
  // A step-up request: the session's sign-in used one factor, so the user signs in again.
  HttpResponse step_up = browser.get(
      request_with("acr_values", "http://schemas.openid.net/pape/policies/2007/06/multi-factor")
          .target());
  EXPECT_TRUE(is_sign_in_page(browser.follow(step_up)));
  // An acr value Latch does not act on changes nothing: the session is enough.
  HttpResponse other = browser.get(request_with("acr_values", "urn:example:bronze").target());
  EXPECT_TRUE(is_code_redirect(other, kCallback, "s-9", issuer()));
}

TEST_F(PromptTest, DiscoveryNamesTheMultiFactorAcr) {
  HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(res.status, 200u);
  boost::json::value doc = res.json();
  const auto& acr = doc.as_object().at("acr_values_supported").as_array();
  ASSERT_EQ(acr.size(), 1u);
  EXPECT_EQ(acr[0].as_string(), "http://schemas.openid.net/pape/policies/2007/06/multi-factor");
}

}  // namespace
}  // namespace latch::test
