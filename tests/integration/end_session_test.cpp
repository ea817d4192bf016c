// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at /oidc/session/end, the way
// Logto's SDKs call it (client_id + post_logout_redirect_uri, reference 2.5) and with
// id_token_hint. §2: without a valid hint for the session's user the person is asked first
// (issue #14, defect 2), so a cross-site request cannot sign anyone out.
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
  // Answers the sign-out prompt `page` with "yes" (sign out) or "no".
  static HttpResponse answer(BrowserSession& browser, const HttpResponse& page, bool sign_out) {
    EXPECT_TRUE(is_logout_prompt(page)) << page.status << " " << page.body;
    http::Params choice;
    choice.add("logout", sign_out ? "yes" : "no");
    return browser.submit(page, choice);
  }
  static bool is_logout_prompt(const HttpResponse& res) {
    return res.status == 200 &&
           res.body.find("action=\"/oidc/session/end/confirm\"") != std::string::npos;
  }
  // An id_token_hint for `tokens`' user, with the other logout parameters.
  static http::Params with_hint(http::Params params, const json::object& tokens) {
    params.add("id_token_hint", json_text(tokens, "id_token"));
    return params;
  }
  // True when a new authorization in `browser` asks the user to sign in.
  bool asks_to_sign_in(BrowserSession& browser) const {
    return is_sign_in_page(browser.navigate(web_request().target()));
  }

  static inline UserSpec gina_{.username = "gina", .password = "Saffron-Viaduct-88"};
  static inline AppCredentials web_, other_;
};

TEST_F(EndSessionTest, ClientIdAndARegisteredUriAskFirstThenRedirectThereWithTheState) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse page = browser.get(end_session(logout(web_.id, kSignedOut, "bye/1 &=?")));
  ASSERT_TRUE(is_logout_prompt(page)) << page.status << page.body;
  EXPECT_NE(page.body.find("traditional app"), std::string::npos) << "the prompt names the app";
  HttpResponse res = answer(browser, page, true);
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
  EXPECT_EQ(location_query(res).value("state"), "bye/1 &=?");
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, AskingEndsNothing) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_TRUE(is_logout_prompt(browser.get(end_session(logout(web_.id, kSignedOut)))));
  EXPECT_TRUE(browser.cookie("_latch_session").has_value());
  EXPECT_FALSE(asks_to_sign_in(browser)) << "a cross-site link alone signs nobody out";
}

TEST_F(EndSessionTest, CancelKeepsTheSessionAndReturnsToTheApp) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res =
      answer(browser, browser.get(end_session(logout(web_.id, kSignedOut, "s1"))), false);
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
  EXPECT_EQ(location_query(res).value("state"), "s1");
  EXPECT_FALSE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, CancelWithoutAUriSaysYouAreStillSignedIn) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = answer(browser, browser.get("/oidc/session/end"), false);
  EXPECT_EQ(res.status, 200u);
  EXPECT_NE(res.body.find("still signed in"), std::string::npos) << res.body;
  EXPECT_FALSE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, AConfirmationWithoutTheFormsTokenEndsNothing) {
  BrowserSession browser(server());
  sign_in(browser);
  http::Params forged = logout(web_.id, kSignedOut);
  forged.add("logout", "yes");
  forged.add("csrf", "guessed");
  EXPECT_TRUE(is_error_page(browser.post_form("/oidc/session/end/confirm", forged)));
  forged = logout(web_.id, kSignedOut);
  forged.add("logout", "yes");
  EXPECT_TRUE(is_error_page(browser.post_form("/oidc/session/end/confirm", forged)));
  EXPECT_FALSE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, TheFormsTokenOfAnotherBrowserEndsNothing) {
  BrowserSession mine(server()), theirs(server());
  sign_in(mine);
  sign_in(theirs);
  HttpResponse page = theirs.get(end_session(logout(web_.id, kSignedOut)));
  ASSERT_TRUE(is_logout_prompt(page));
  http::Params replayed = logout(web_.id, kSignedOut);
  replayed.add("logout", "yes");
  std::size_t at = page.body.find("name=\"csrf\" value=\"");
  ASSERT_NE(at, std::string::npos);
  at += std::string_view("name=\"csrf\" value=\"").size();
  replayed.add("csrf", page.body.substr(at, page.body.find('"', at) - at));
  EXPECT_TRUE(is_error_page(mine.post_form("/oidc/session/end/confirm", replayed)));
  EXPECT_FALSE(asks_to_sign_in(mine));
}

TEST_F(EndSessionTest, WithoutStateTheRedirectCarriesNoQuery) {
  BrowserSession browser(server());
  json::object tokens = sign_in(browser);
  HttpResponse res = browser.get(end_session(with_hint(logout("", kSignedOut), tokens)));
  EXPECT_EQ(res.header("Location"), kSignedOut);
}

TEST_F(EndSessionTest, EndsTheSessionSoTheNextAuthorizationShowsTheForm) {
  BrowserSession browser(server());
  sign_in(browser);
  std::string old_session = *browser.cookie("_latch_session");
  answer(browser, browser.get(end_session(logout(web_.id, kSignedOut))), true);
  EXPECT_FALSE(browser.cookie("_latch_session").has_value()) << "the cookie is cleared";
  EXPECT_TRUE(asks_to_sign_in(browser));
  BrowserSession replay(server());
  replay.set_cookie("_latch_session", old_session);
  EXPECT_TRUE(asks_to_sign_in(replay)) << "the session is gone on the server too";
}

TEST_F(EndSessionTest, IdTokenHintOfTheSessionsUserSignsOutAtOnce) {
  BrowserSession browser(server());
  json::object tokens = sign_in(browser);
  HttpResponse res = browser.get(end_session(with_hint(logout("", kSignedOut, "s"), tokens)));
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, IdTokenHintOfAnotherUserAsksFirst) {
  UserSpec hugo{.username = "hugo", .password = "Meadow-Signal-412"};
  create_user(server(), hugo);
  BrowserSession other(server());
  HttpResponse callback = authorize_and_sign_in(other, web_request(), hugo.username, hugo.password);
  json::object hugos = redeem_code(server(), web_, code_of(callback), kCallback).json().as_object();
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = browser.get(end_session(with_hint(logout("", kSignedOut), hugos)));
  EXPECT_TRUE(is_logout_prompt(res)) << res.status;
  EXPECT_FALSE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, WithoutASessionThereIsNothingToAskAbout) {
  BrowserSession browser(server());
  HttpResponse res = browser.get(end_session(logout(web_.id, kSignedOut, "s")));
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_base(res), kSignedOut);
}

TEST_F(EndSessionTest, WithoutARedirectUriShowsTheSignedOutPage) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse res = answer(browser, browser.get(end_session(logout(web_.id, ""))), true);
  EXPECT_EQ(res.status, 200u);
  EXPECT_FALSE(res.has_header("Location"));
  EXPECT_NE(res.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, WithoutAnyParameterAsksThenShowsTheSignedOutPage) {
  BrowserSession browser(server());
  sign_in(browser);
  EXPECT_EQ(answer(browser, browser.get("/oidc/session/end"), true).status, 200u);
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, PostWorksLikeGet) {
  BrowserSession browser(server());
  sign_in(browser);
  HttpResponse page = browser.post_form("/oidc/session/end", logout(web_.id, kSignedOut, "posted"));
  HttpResponse res = answer(browser, page, true);
  EXPECT_EQ(res.status, 302u);
  EXPECT_EQ(location_query(res).value("state"), "posted");
  EXPECT_TRUE(asks_to_sign_in(browser));
}

TEST_F(EndSessionTest, ThePromptSpeaksJapaneseWhenAsked) {
  BrowserSession browser(server());
  sign_in(browser);
  http::Params params = logout(web_.id, kSignedOut);
  params.add("ui_locales", "ja");
  HttpResponse page = browser.get(end_session(params));
  ASSERT_TRUE(is_logout_prompt(page));
  EXPECT_NE(page.body.find("サインアウト"), std::string::npos);
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
  browser.get(end_session(with_hint(logout(web_.id, kSignedOut), tokens)));
  EXPECT_TRUE(asks_to_sign_in(browser));
  EXPECT_EQ(refresh(server(), web_, json_text(tokens, "refresh_token")).status, 200u);
}

TEST_F(EndSessionTest, SigningOutOfOneBrowserLeavesAnotherSignedIn) {
  BrowserSession first(server()), second(server());
  json::object tokens = sign_in(first);
  sign_in(second);
  first.get(end_session(with_hint(logout(web_.id, kSignedOut), tokens)));
  EXPECT_TRUE(asks_to_sign_in(first));
  EXPECT_FALSE(code_of(second.get(web_request().target())).empty());
}

}  // namespace
}  // namespace latch::test
