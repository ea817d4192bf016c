// Logto's built-in demo app ("Live Preview", client_id demo-app) and the sign-in path Logto's
// SDK clients take through it: /oidc/auth → /sign-in → the experience API → /consent → the
// redirect with a code, every hop a 303 as node-oidc-provider answers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/raw_http.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class DemoAppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    admin_ = create_app(*server_, "m2m", {"--management-api"});
    create_user(*server_, {.username = "previewer", .password = kPassword});
    if (!wait_until_token_issued(*server_, admin_, "urn:latch:management")) {
      throw std::runtime_error("the server did not pick up the management app");
    }
    auto token = token_with_basic(
        *server_, admin_, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    admin_token_ = std::string(token.json().at("access_token").as_string());
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }

  static HttpResponse api(verb method, const std::string& path, const json::value& body = nullptr) {
    return management_request(*server_, method, path, body, admin_token_);
  }
  static std::string redirect_uri() { return server_->endpoint() + "/demo-app"; }
  static AuthorizeRequest demo_request(const Pkce& pkce) {
    return {.client_id = "demo-app",
            .redirect_uri = redirect_uri(),
            .scope = "openid offline_access",
            .code_challenge = pkce.challenge};
  }
  // `path` of the experience API with the browser's interaction cookie.
  static HttpResponse experience(BrowserSession& browser, verb method, const std::string& path,
                                 const json::value& body) {
    Headers headers{
        {"Content-Type", "application/json"},
        {"Cookie", "_latch_interaction=" + browser.cookie("_latch_interaction").value_or("")}};
    return server_->client().request(method, "/api/experience" + path, json::serialize(body),
                                     headers);
  }
  // Signs the browser's interaction in as previewer through the experience API; the redirectTo
  // of the submit.
  static std::string sign_in_by_api(BrowserSession& browser) {
    experience(browser, verb::put, "", json::object{{"interactionEvent", "SignIn"}});
    auto verified =
        experience(browser, verb::post, "/verification/password",
                   json::object{{"identifier", {{"type", "username"}, {"value", "previewer"}}},
                                {"password", kPassword}});
    EXPECT_EQ(verified.status, 200u) << verified.body;
    auto id = verified.json().at("verificationId");
    auto identified =
        experience(browser, verb::post, "/identification", json::object{{"verificationId", id}});
    EXPECT_EQ(identified.status, 204u) << identified.body;
    auto submitted = experience(browser, verb::post, "/submit", json::object{});
    EXPECT_EQ(submitted.status, 200u) << submitted.body;
    auto body = submitted.json();
    return body.is_object() ? json_text(body, "redirectTo") : "";
  }

  // GET /consent with the interaction cookie, sent with Host `host`.
  static std::optional<HttpResponse> consent_page_at(const std::string& host,
                                                     const std::string& interaction) {
    std::string bytes = "GET /consent HTTP/1.1\r\nHost: " + host +
                        "\r\nCookie: _latch_interaction=" + interaction +
                        "\r\nConnection: close\r\n\r\n";
    return parse_response(raw_exchange("127.0.0.1", server_->port(), bytes).bytes);
  }

  static constexpr const char* kPassword = "preview pass 1";
  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials admin_;
  static inline std::string admin_token_;
};

TEST_F(DemoAppTest, AFreshLatchHasTheDemoAppAsAPublicSpaAtTheEndpoint) {
  auto got = api(verb::get, "/api/applications/demo-app");
  ASSERT_EQ(got.status, 200u) << got.body;
  auto app = got.json().as_object();
  EXPECT_EQ(app.at("type"), "SPA");
  EXPECT_EQ(app.at("name"), "Live Preview");
  auto metadata = app.at("oidcClientMetadata").as_object();
  EXPECT_EQ(metadata.at("redirectUris"), json::array{json::string(redirect_uri())});
  EXPECT_EQ(metadata.at("postLogoutRedirectUris"), json::array{json::string(redirect_uri())});
  EXPECT_EQ(metadata.at("tokenEndpointAuthMethod"), "none");
}

TEST_F(DemoAppTest, TheDemoAppCannotBeChangedOrDeletedAsInLogto) {
  auto patched = api(verb::patch, "/api/applications/demo-app", json::object{{"name", "Mine"}});
  EXPECT_EQ(patched.status, 404u) << patched.body;
  EXPECT_EQ(api(verb::delete_, "/api/applications/demo-app").status, 404u);
  EXPECT_EQ(api(verb::get, "/api/applications/demo-app").json().at("name"), "Live Preview");
}

TEST_F(DemoAppTest, TheAuthorizationEndpointSendsTheBrowserToSignInWithA303) {
  BrowserSession browser(*server_);
  auto res = browser.get(demo_request(make_pkce()).target());
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_TRUE(res.header("Location").starts_with("/sign-in")) << res.header("Location");
  EXPECT_TRUE(browser.cookie("_latch_interaction").has_value());
}

TEST_F(DemoAppTest, AnExperienceApiSignInPassesTheConsentPageAndEndsInACode) {
  Pkce pkce = make_pkce();
  BrowserSession browser(*server_);
  ASSERT_EQ(browser.get(demo_request(pkce).target()).status, 303u);
  std::string resume = sign_in_by_api(browser);
  ASSERT_TRUE(resume.starts_with(server_->endpoint() + "/oidc/auth/")) << resume;

  // Signed in: the session starts (with its signature cookie) and the consent page is next.
  auto to_consent = browser.get(resume);
  EXPECT_EQ(to_consent.status, 303u) << to_consent.body;
  EXPECT_EQ(to_consent.header("Location"), "/consent?app_id=demo-app");
  EXPECT_TRUE(browser.cookie("_latch_session").has_value());
  EXPECT_TRUE(browser.cookie("_latch_session.sig").has_value());

  // A first-party app is consented by the page itself, which sends the browser back: to the
  // absolute URL, as Logto, when the browser came to the endpoint's host (localhost:PORT).
  std::string endpoint_host = server_->endpoint().substr(std::string("http://").size());
  auto consented = consent_page_at(endpoint_host, *browser.cookie("_latch_interaction"));
  ASSERT_TRUE(consented.has_value());
  EXPECT_EQ(consented->status, 303u) << consented->body;
  EXPECT_EQ(consented->header("Location"), resume);

  auto done = browser.get(resume);
  EXPECT_EQ(done.status, 303u) << done.body;
  ASSERT_TRUE(is_code_redirect(done, redirect_uri(), "state-1", server_->endpoint() + "/oidc"));
  AppCredentials demo{.id = "demo-app"};
  auto tokens = redeem_code(*server_, demo, code_of(done), redirect_uri(), pkce.verifier);
  EXPECT_EQ(tokens.status, 200u) << tokens.body;
  EXPECT_TRUE(tokens.json().as_object().contains("refresh_token"));
}

TEST_F(DemoAppTest, ASessionCookieWithoutItsSignatureIsNoSession) {
  BrowserSession browser(*server_);
  ASSERT_EQ(browser.get(demo_request(make_pkce()).target()).status, 303u);
  std::string resume = sign_in_by_api(browser);
  browser.get(resume);  // to the consent page
  browser.get("/consent");
  ASSERT_FALSE(code_of(browser.get(resume)).empty());
  // Signed in: the next request signs in silently.
  auto again = browser.get(demo_request(make_pkce()).target());
  EXPECT_TRUE(is_code_redirect(again, redirect_uri(), "state-1", server_->endpoint() + "/oidc"));

  browser.set_cookie("_latch_session.sig", "bm90LXRoZS1zaWduYXR1cmU");
  auto forged = browser.get(demo_request(make_pkce()).target());
  EXPECT_EQ(forged.status, 303u);
  EXPECT_TRUE(forged.header("Location").starts_with("/sign-in")) << forged.header("Location");
}

TEST_F(DemoAppTest, AJsonPostToTheAuthorizationEndpointActsAsTheGet) {
  json::object body{{"client_id", "demo-app"},
                    {"redirect_uri", redirect_uri()},
                    {"response_type", "code"},
                    {"scope", "openid"},
                    {"state", "s"},
                    {"code_challenge", make_pkce().challenge},
                    {"code_challenge_method", "S256"},
                    {"max_age", 300}};
  Headers headers{{"Content-Type", "application/json"}};
  auto res = server_->client().request(verb::post, "/oidc/auth", json::serialize(body), headers);
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_TRUE(res.header("Location").starts_with("/sign-in")) << res.header("Location");

  body["max_age"] = json::array{300};  // only strings, numbers and booleans
  auto refused =
      server_->client().request(verb::post, "/oidc/auth", json::serialize(body), headers);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_FALSE(refused.has_header("Location"));
}

TEST(DemoApp, ItsRedirectUrisFollowTheEndpoint) {
  TestServer server({.env = {{"LATCH_ENDPOINT", "https://id.example.test"}}});
  auto app = cli_json(server, {"app", "show", "demo-app", "--json"});
  EXPECT_EQ(app.at("type"), "SPA");
  auto metadata = app.at("oidcClientMetadata");
  EXPECT_EQ(metadata.at("redirectUris"), json::array{"https://id.example.test/demo-app"});
  EXPECT_EQ(metadata.at("postLogoutRedirectUris"), json::array{"https://id.example.test/demo-app"});
}

TEST_F(DemoAppTest, TheConsentPageAnswersWithAPathToABrowserAtAnotherHost) {
  BrowserSession browser(*server_);  // at 127.0.0.1, not at the endpoint's localhost
  ASSERT_EQ(browser.get(demo_request(make_pkce()).target()).status, 303u);
  std::string resume = sign_in_by_api(browser);
  browser.get(resume);
  auto consented = browser.get("/consent");
  EXPECT_EQ(consented.status, 303u) << consented.body;
  EXPECT_EQ(consented.header("Location"), resume.substr(server_->endpoint().size()));
  EXPECT_FALSE(code_of(browser.get(consented.header("Location"))).empty());
}

}  // namespace
}  // namespace latch::test
