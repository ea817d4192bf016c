// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at /oidc/session/end, the way
// Logto's SDKs call it (client_id + post_logout_redirect_uri, reference 2.5) and with
// id_token_hint.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kSignedOut = "http://localhost:3000/signed-out";
constexpr const char* kOtherCallback = "https://other.example.test/callback";
constexpr const char* kOtherSignedOut = "https://other.example.test/bye";

class EndSessionTest : public SharedServerTest<EndSessionTest> {
 public:
  static void provision(TestServer& server) {
    create_user(server, gina_);
    web_ = create_user_app(server, {.type = "traditional",
                                    .redirect_uris = {kCallback},
                                    .post_logout_redirect_uris = {kSignedOut}});
    other_ = create_user_app(server, {.type = "traditional",
                                      .redirect_uris = {kOtherCallback},
                                      .post_logout_redirect_uris = {kOtherSignedOut}});
    if (!wait_until_client_known(server, web_, kCallback) ||
        !wait_until_client_known(server, other_, kOtherCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  AuthorizeRequest web_request() const { return {.client_id = web_.id, .redirect_uri = kCallback}; }
  // Signs `browser` in and returns the token response.
  json::object sign_in(BrowserSession& browser) const {
    HttpResponse callback =
        authorize_and_sign_in(browser, web_request(), gina_.username, gina_.password);
    EXPECT_TRUE(browser.cookie("_latch_session").has_value());
    HttpResponse tokens = redeem_code(server(), web_, code_of(callback), kCallback);
    EXPECT_EQ(tokens.status, 200u) << tokens.body;
    return tokens.json().is_object() ? tokens.json().as_object() : json::object{};
  }
  static std::string end_session(const http::Params& params) {
    return "/oidc/session/end?" + http::encode_form(params);
  }
  static http::Params logout(const std::string& client_id, const std::string& uri,
                             const std::string& state = "") {
    http::Params params;
    if (!client_id.empty()) params.add("client_id", client_id);
    if (!uri.empty()) params.add("post_logout_redirect_uri", uri);
    if (!state.empty()) params.add("state", state);
    return params;
  }
  // True when a new authorization in `browser` asks the user to sign in.
  bool asks_to_sign_in(BrowserSession& browser) const {
    return is_sign_in_page(browser.navigate(web_request().target()));
  }

  static inline UserSpec gina_{.username = "gina", .password = "Saffron-Viaduct-88"};
  static inline AppCredentials web_, other_;
};

TEST_F(EndSessionTest, ClientIdAndARegisteredUriRedirectThereWithTheState) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = browser.get(end_session(logout(web_.id, kSignedOut, "bye/1 &=?")));
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
  EXPECT_EQ(location_query(res).value("state"), "bye/1 &=?");
}

TEST_F(EndSessionTest, WithoutStateTheRedirectCarriesNoQuery) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_EQ(browser.get(end_session(logout(web_.id, kSignedOut))).header("Location"), kSignedOut);
}

TEST_F(EndSessionTest, EndsTheSessionSoTheNextAuthorizationShowsTheForm) {
  BrowserSession browser(server());
  sign_in(browser);
  std::string old_session = *browser.cookie("_latch_session");
  browser.get(end_session(logout(web_.id, kSignedOut)));
  EXPECT_FALSE(browser.cookie("_latch_session").has_value()) << "the cookie is cleared";
  EXPECT_TRUE(asks_to_sign_in(browser));
  BrowserSession replay(server());
  replay.set_cookie("_latch_session", old_session);
  EXPECT_TRUE(asks_to_sign_in(replay)) << "the session is gone on the server too";
}

TEST_F(EndSessionTest, IdTokenHintAndARegisteredUriRedirectThere) {
  BrowserSession browser(server());
  json::object tokens = sign_in(browser);
  http::Params params = logout("", kSignedOut, "s");
  params.add("id_token_hint", json_text(tokens, "id_token"));
  HttpResponse res = browser.get(end_session(params));
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, WithoutARedirectUriShowsTheSignedOutPage) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = browser.get(end_session(logout(web_.id, "")));
  EXPECT_EQ(res.status, 200u);
  EXPECT_FALSE(res.has_header("Location"));
  EXPECT_NE(res.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, WithoutAnyParameterShowsTheSignedOutPage) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_EQ(browser.get("/oidc/session/end").status, 200u);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, PostWorksLikeGet) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = browser.post_form("/oidc/session/end", logout(web_.id, kSignedOut, "posted"));
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_query(res).value("state"), "posted");
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, AnUnregisteredUriShowsAnErrorPageAndNeverRedirects) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = browser.get(end_session(logout(web_.id, "https://evil.example.test/")));
  EXPECT_TRUE(is_error_page(res));
}

TEST_F(EndSessionTest, AnotherAppsUriIsNotRegisteredForThisApp) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_error_page(browser.get(end_session(logout(web_.id, kOtherSignedOut)))));
}

TEST_F(EndSessionTest, AUriWithoutClientIdOrIdTokenHintIsRefused) {
  BrowserSession browser(server());
  EXPECT_TRUE(is_error_page(browser.get(end_session(logout("", kSignedOut)))));
}

TEST_F(EndSessionTest, AnIdTokenHintOfAnotherAppThanClientIdIsRefused) {
  BrowserSession browser(server());
  http::Params params = logout(other_.id, kOtherSignedOut);
  params.add("id_token_hint", json_text(sign_in(browser), "id_token"));
  EXPECT_TRUE(is_error_page(browser.get(end_session(params))));
}

TEST_F(EndSessionTest, AForgedIdTokenHintIsRefused) {
  BrowserSession browser(server());
  http::Params params = logout("", kSignedOut);
  params.add("id_token_hint", "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.");
  EXPECT_TRUE(is_error_page(browser.get(end_session(params))));
}

// Logto: offline_access refresh tokens are not bound to the browser session (1.10).
TEST_F(EndSessionTest, RefreshTokensOutliveTheBrowserSession) {
  BrowserSession browser(server());
  json::object tokens = sign_in(browser);
  browser.get(end_session(logout(web_.id, kSignedOut)));
  EXPECT_EQ(refresh(server(), web_, json_text(tokens, "refresh_token")).status, 200u);
}

TEST_F(EndSessionTest, SigningOutOfOneBrowserLeavesAnotherSignedIn) {
  BrowserSession first(server()), second(server());
  sign_in(first);
  sign_in(second);
  first.get(end_session(logout(web_.id, kSignedOut)));
  EXPECT_FALSE(code_of(second.get(web_request().target())).empty());
}

}  // namespace
}  // namespace latch::test
