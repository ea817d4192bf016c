// response_mode=form_post (OAuth 2.0 Form Post Response Mode §2) at /oidc/auth, for codes and for
// errors, and the social callback that providers post back to (POST /callback/:connectorId).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";
const UserSpec kUser{.username = "form_poster", .password = "Quill-Meadow-4821"};

class ResponseModeTest : public SharedServerTest<ResponseModeTest> {
 public:
  static void provision(TestServer& server) {
    app_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    create_user(server, kUser);
    if (!wait_until_client_known(server, app_, kCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
  }

 protected:
  static std::string issuer() { return server().endpoint() + "/oidc"; }

  AuthorizeRequest form_post(std::string state = "st-1") {
    AuthorizeRequest request{.client_id = app_.id, .redirect_uri = kCallback, .state = state};
    request.extra.add("response_mode", "form_post");
    return request;
  }

  // Success when `page` is the form_post page: a form posting to the callback, with no redirect
  // and no inline script.
  static ::testing::AssertionResult is_form_post(const HttpResponse& page) {
    if (page.status != 200 || page.has_header("Location")) {
      return ::testing::AssertionFailure() << "status " << page.status << " " << page.body;
    }
    if (page.body.find("<form method=\"post\" action=\"" + std::string(kCallback) + "\"") ==
        std::string::npos) {
      return ::testing::AssertionFailure() << "no form to the callback: " << page.body;
    }
    if (page.body.find("<script src=\"/oidc/form-post.js\"></script>") == std::string::npos ||
        page.body.find("<script>") != std::string::npos) {
      return ::testing::AssertionFailure() << "the script is not the external one: " << page.body;
    }
    if (page.header("Content-Security-Policy").find("script-src 'self'") == std::string::npos ||
        page.header("Cache-Control").find("no-store") == std::string::npos) {
      return ::testing::AssertionFailure() << "headers: CSP and no-store expected";
    }
    return ::testing::AssertionSuccess();
  }

  static inline AppCredentials app_;
};

TEST_F(ResponseModeTest, FormPostSendsCodeStateAndIssToTheRedirectUri) {
  BrowserSession browser(server());
  HttpResponse page = authorize_and_sign_in(browser, form_post(), kUser.username, kUser.password);
  ASSERT_TRUE(is_form_post(page));
  EXPECT_EQ(input_value(page.body, "state"), "st-1");
  EXPECT_EQ(input_value(page.body, "iss"), issuer());
  auto code = input_value(page.body, "code");
  ASSERT_TRUE(code && !code->empty()) << page.body;
  auto tokens = redeem_code(server(), app_, *code, kCallback);
  EXPECT_EQ(tokens.status, 200u) << tokens.body;
}

// A browser with a session signs in at once: the form comes straight from /oidc/auth.
TEST_F(ResponseModeTest, FormPostAlsoAnswersASignedInBrowserAtOnce) {
  BrowserSession browser(server());
  ASSERT_TRUE(
      is_form_post(authorize_and_sign_in(browser, form_post(), kUser.username, kUser.password)));
  HttpResponse again = browser.get(form_post("st-2").target());
  ASSERT_TRUE(is_form_post(again));
  EXPECT_EQ(input_value(again.body, "state"), "st-2");
}

TEST_F(ResponseModeTest, ErrorsAfterTheRedirectUriIsTrustedArePostedToo) {
  AuthorizeRequest request = form_post("st-3");
  request.extra.add("prompt", "sometimes");
  HttpResponse page = server().client().get(request.target());
  ASSERT_TRUE(is_form_post(page));
  EXPECT_EQ(input_value(page.body, "error"), "invalid_request");
  EXPECT_TRUE(input_value(page.body, "error_description").has_value());
  EXPECT_EQ(input_value(page.body, "state"), "st-3");
  EXPECT_EQ(input_value(page.body, "iss"), issuer());
  EXPECT_FALSE(input_value(page.body, "code").has_value());
}

// prompt=none without a session: login_required, in the mode asked for (OIDC Core §3.1.2.6).
TEST_F(ResponseModeTest, PromptNoneWithoutASessionPostsLoginRequired) {
  AuthorizeRequest request = form_post("st-4");
  request.extra.add("prompt", "none");
  HttpResponse page = server().client().get(request.target());
  ASSERT_TRUE(is_form_post(page));
  EXPECT_EQ(input_value(page.body, "error"), "login_required");
}

// Without script the person presses the button, so its words follow ui_locales (then
// Accept-Language) like every hosted page.
TEST_F(ResponseModeTest, TheNoScriptWordsAreInThePersonsLanguage) {
  AuthorizeRequest request = form_post("st-5");
  request.extra.add("prompt", "sometimes");
  HttpResponse english = server().client().get(request.target());
  ASSERT_TRUE(is_form_post(english));
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos) << english.body;
  EXPECT_NE(english.body.find(">Continue</button>"), std::string::npos) << english.body;
  request.extra.add("ui_locales", "ja");
  HttpResponse japanese = server().client().get(request.target());
  ASSERT_TRUE(is_form_post(japanese));
  EXPECT_NE(japanese.body.find("<html lang=\"ja\">"), std::string::npos) << japanese.body;
  EXPECT_NE(japanese.body.find(">続行</button>"), std::string::npos) << japanese.body;
  EXPECT_NE(japanese.body.find("スクリプト"), std::string::npos) << japanese.body;
}

TEST_F(ResponseModeTest, AnUnknownResponseModeIsRefusedInTheQuery) {
  AuthorizeRequest request{.client_id = app_.id, .redirect_uri = kCallback, .state = "s"};
  request.extra.add("response_mode", "web_message");
  HttpResponse res = server().client().get(request.target());
  EXPECT_TRUE(is_error_redirect(res, kCallback, "invalid_request", "s", issuer()));
}

TEST_F(ResponseModeTest, HostileValuesAreEscapedInTheForm) {
  std::string hostile = "\"><script>alert(1)</script>";
  HttpResponse page = server().client().get(form_post(hostile).target() + "&prompt=sometimes");
  ASSERT_TRUE(is_form_post(page));
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(input_value(page.body, "state"), hostile);
}

TEST_F(ResponseModeTest, TheSubmitScriptIsServedFromTheIssuer) {
  HttpResponse script = server().client().get("/oidc/form-post.js");
  EXPECT_EQ(script.status, 200u);
  EXPECT_NE(script.header("Content-Type").find("javascript"), std::string::npos);
  EXPECT_NE(script.body.find("submit()"), std::string::npos);
}

TEST_F(ResponseModeTest, DiscoveryListsExactlyTheModesThatWork) {
  auto doc = server().client().get("/oidc/.well-known/openid-configuration").json();
  EXPECT_EQ(doc.at("response_modes_supported"), (json::array{"query", "form_post"}));
}

// A provider's form post (cross-site, so without Latch's SameSite=Lax cookies) becomes a GET of
// the same callback, which the browser's cookies reach.
TEST_F(ResponseModeTest, APostedSocialCallbackBecomesTheGetCallback) {
  http::Params answer{{"code", "c-1"}, {"state", "s&1"}, {"user", "{\"name\":\"A\"}"}};
  HttpResponse res = server().client().post_form("/callback/apple-1", http::encode_form(answer));
  ASSERT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(location_base(res), "/callback/apple-1");
  http::Params query = location_query(res);
  EXPECT_EQ(query.value("code"), "c-1");
  EXPECT_EQ(query.value("state"), "s&1");
  EXPECT_EQ(query.value("user"), "{\"name\":\"A\"}");
  EXPECT_EQ(res.header("Referrer-Policy"), "no-referrer");
}

TEST_F(ResponseModeTest, APostedSocialCallbackThatIsNotAFormIsRefused) {
  HttpResponse res = server().client().post("/callback/apple-1", "{\"code\":\"c\"}",
                                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(res.status, 400u) << res.body;
  EXPECT_FALSE(res.has_header("Location"));
}

}  // namespace
}  // namespace latch::test
