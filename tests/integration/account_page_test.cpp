// The hosted account page /account without a browser engine: it signs the visitor in through
// its own client and spends the code, offers a way back only to a registered URI (no open
// redirect), refuses forms without the CSRF token and callbacks with another state, and shows
// the account in the visitor's language.
#include <gtest/gtest.h>

#include "support/account_fixture.hpp"
#include "support/browser_session.hpp"

namespace latch::test {
namespace {

class AccountPageTest : public AccountApiTest {
 protected:
  // A browser signed in to /account (optionally opened with ?redirect=) as a new user.
  HttpResponse open_signed_in(BrowserSession& browser, const std::string& query = "") {
    AccountUser user = new_user("openid");
    HttpResponse page = browser.navigate("/account" + query);
    EXPECT_EQ(form_action(page.body), "/sign-in") << page.status << " " << page.body;
    http::Params fields;
    fields.add("identifier", user.spec.username);
    fields.add("password", user.spec.password);
    return browser.submit(page, fields);
  }
};

TEST_F(AccountPageTest, WithoutASessionItSignsInThroughItsOwnClient) {
  BrowserSession browser(server());
  HttpResponse first = browser.get("/account");
  ASSERT_EQ(first.status, 303u) << first.body;
  auto query = location_query(first);
  EXPECT_EQ(location_base(first), "/oidc/auth");
  EXPECT_EQ(query.value("client_id"), "latch-account");
  EXPECT_EQ(query.value("code_challenge_method"), "S256");
  EXPECT_EQ(query.value("redirect_uri"), server().endpoint() + "/account/callback");
  EXPECT_TRUE(browser.cookie("_latch_account_signin").has_value());
}

TEST_F(AccountPageTest, AfterSignInThePageShowsTheAccount) {
  BrowserSession browser(server());
  HttpResponse page = open_signed_in(browser);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_NE(page.body.find("<h1>Your account</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("Account User"), std::string::npos);
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
}

TEST_F(AccountPageTest, TheWayBackIsOfferedOnlyToARegisteredUri) {
  BrowserSession good(server());
  HttpResponse page = open_signed_in(good, "?redirect=http%3A%2F%2Flocalhost%3A5173%2Fcallback");
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("href=\"http://localhost:5173/callback\""), std::string::npos);

  BrowserSession bad(server());
  page = open_signed_in(bad, "?redirect=https%3A%2F%2Fevil.example.test%2F");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.body.find("evil.example.test"), std::string::npos);
}

// An app links a user who is signed in already: the page opens at once, with the way back.
TEST_F(AccountPageTest, ASignedInVisitorGetsTheWayBackToo) {
  BrowserSession browser(server());
  ASSERT_EQ(open_signed_in(browser).status, 200u);
  HttpResponse page = browser.get("/account?redirect=http%3A%2F%2Flocalhost%3A5173%2Fcallback");
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("href=\"http://localhost:5173/callback\""), std::string::npos);
  EXPECT_NE(browser.get("/account").body.find("href=\"http://localhost:5173/callback\""),
            std::string::npos)
      << "remembered for the page's next requests";
}

TEST_F(AccountPageTest, AFormWithoutTheCsrfTokenIsRefused) {
  BrowserSession browser(server());
  ASSERT_EQ(open_signed_in(browser).status, 200u);
  http::Params form;
  form.add("name", "Forged");
  HttpResponse res = browser.post_form("/account/name", form);
  EXPECT_EQ(res.status, 400u);
  HttpResponse page = browser.get("/account");
  EXPECT_EQ(page.body.find("Forged"), std::string::npos);
}

TEST_F(AccountPageTest, ACallbackWithAnotherStateIsRefused) {
  BrowserSession browser(server());
  ASSERT_EQ(browser.get("/account").status, 303u);
  HttpResponse res = browser.get("/account/callback?code=abc&state=not-the-state");
  EXPECT_EQ(res.status, 400u);
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
}

TEST_F(AccountPageTest, ThePageSpeaksJapanese) {
  BrowserSession browser(server());
  HttpResponse page = open_signed_in(browser, "?ui_locales=ja");
  ASSERT_EQ(page.status, 200u);
  HttpResponse ja = browser.get("/account?ui_locales=ja");
  EXPECT_NE(ja.body.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(ja.body.find("アカウント"), std::string::npos);
}

}  // namespace
}  // namespace latch::test
