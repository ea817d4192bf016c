// The OAuth 2.0 Security Best Current Practice (RFC 9700) for the code flow: single-use codes
// bound to their client, redirect URI and PKCE challenge; exact redirect URI matching; no open
// redirects; state and nonce returned exactly as sent.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kSecondCallback = "http://localhost:3000/other-callback";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kSignedOut = "http://localhost:3000/signed-out";

class SecurityBcpTest : public SharedServerTest<SecurityBcpTest> {
 public:
  static void provision(TestServer& server) {
    create_user(server, ivy_);
    web_ = create_user_app(server, {.type = "traditional",
                                    .redirect_uris = {kCallback, kSecondCallback},
                                    .post_logout_redirect_uris = {kSignedOut}});
    other_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    if (!wait_until_client_known(server, web_, kCallback) ||
        !wait_until_client_known(server, other_, kCallback) ||
        !wait_until_client_known(server, spa_, kSpaCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  std::string issuer() const { return server().endpoint() + "/oidc"; }
  AuthorizeRequest web_request() const { return {.client_id = web_.id, .redirect_uri = kCallback}; }
  // A fresh code for `request`, from a new browser.
  std::string code_for(const AuthorizeRequest& request) const {
    BrowserSession browser(server());
    HttpResponse callback = authorize_and_sign_in(browser, request, ivy_.username, ivy_.password);
    std::string code = code_of(callback);
    EXPECT_FALSE(code.empty()) << callback.status << " " << callback.body;
    return code;
  }
  AuthorizeRequest spa_request(const Pkce& pkce) const {
    AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback};
    request.code_challenge = pkce.challenge;
    return request;
  }

  static inline UserSpec ivy_{.username = "ivy", .password = "Harbor-Lichen-717"};
  static inline AppCredentials web_, other_, spa_;
};

// RFC 6749 §4.1.2, RFC 9700 §4.5: a replayed code fails and revokes what it issued.
TEST_F(SecurityBcpTest, ACodeReplayIsRefusedAndRevokesTheTokensOfTheFirstRedemption) {
  std::string code = code_for(web_request());
  HttpResponse first = redeem_code(server(), web_, code, kCallback);
  ASSERT_EQ(first.status, 200u) << first.body;
  std::string access_token = json_text(first.json(), "access_token");
  ASSERT_EQ(userinfo(server(), access_token).status, 200u);
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), web_, code, kCallback), 400, "invalid_grant"));
  EXPECT_EQ(userinfo(server(), access_token).status, 401u);
  EXPECT_TRUE(is_oauth_error(refresh(server(), web_, json_text(first.json(), "refresh_token")), 400,
                             "invalid_grant"));
}

TEST_F(SecurityBcpTest, AnUnknownCodeIsAnInvalidGrant) {
  EXPECT_TRUE(
      is_oauth_error(redeem_code(server(), web_, "made-up-code", kCallback), 400, "invalid_grant"));
}

// Issue #14, defect 18: the wrong client is refused without burning the code.
TEST_F(SecurityBcpTest, ACodeIsBoundToTheClientItWasIssuedTo) {
  std::string code = code_for(web_request());
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), other_, code, kCallback), 400, "invalid_grant"));
  HttpResponse own = redeem_code(server(), web_, code, kCallback);
  EXPECT_EQ(own.status, 200u) << own.body;
}

TEST_F(SecurityBcpTest, AnotherClientReplayingAUsedCodeDoesNotRevokeTheGrant) {
  std::string code = code_for(web_request());
  HttpResponse own = redeem_code(server(), web_, code, kCallback);
  ASSERT_EQ(own.status, 200u) << own.body;
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), other_, code, kCallback), 400, "invalid_grant"));
  EXPECT_EQ(userinfo(server(), json_text(own.json(), "access_token")).status, 200u);
}

TEST_F(SecurityBcpTest, ACodeIsBoundToTheRedirectUriOfItsRequest) {
  std::string code = code_for(web_request());
  EXPECT_TRUE(
      is_oauth_error(redeem_code(server(), web_, code, kSecondCallback), 400, "invalid_grant"));
}

TEST_F(SecurityBcpTest, ACodeRedeemedWithoutTheRedirectUriIsRefused) {
  std::string code = code_for(web_request());
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", code);
  EXPECT_TRUE(is_oauth_error(token_request(server(), web_, params), 400, "invalid_request"));
}

TEST_F(SecurityBcpTest, PkceChallengeWithoutAVerifierIsRefused) {
  Pkce pkce = make_pkce();
  std::string code = code_for(spa_request(pkce));
  EXPECT_TRUE(
      is_oauth_error(redeem_code(server(), spa_, code, kSpaCallback), 400, "invalid_grant"));
}

TEST_F(SecurityBcpTest, PkceWithTheWrongVerifierIsRefused) {
  Pkce pkce = make_pkce();
  std::string code = code_for(spa_request(pkce));
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), spa_, code, kSpaCallback, make_pkce().verifier),
                             400, "invalid_grant"));
}

TEST_F(SecurityBcpTest, PkceWithTheChallengeAsTheVerifierIsRefused) {
  Pkce pkce = make_pkce();
  std::string code = code_for(spa_request(pkce));
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), spa_, code, kSpaCallback, pkce.challenge), 400,
                             "invalid_grant"));
}

// RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt.
TEST_F(SecurityBcpTest, PkceVerifierWithoutAChallengeIsRefused) {
  std::string code = code_for(web_request());
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), web_, code, kCallback, make_pkce().verifier),
                             400, "invalid_grant"));
}

TEST_F(SecurityBcpTest, ACodeFailingItsPkceCheckCannotBeRetried) {
  Pkce pkce = make_pkce();
  std::string code = code_for(spa_request(pkce));
  ASSERT_EQ(redeem_code(server(), spa_, code, kSpaCallback, make_pkce().verifier).status, 400u);
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), spa_, code, kSpaCallback, pkce.verifier), 400,
                             "invalid_grant"));
}

// RFC 7636 §4.1: a verifier has 43 to 128 characters, even when its hash matches.
TEST_F(SecurityBcpTest, AVerifierShorterThan43CharactersIsRefusedEvenWhenItMatches) {
  const std::string verifier = "short-verifier-of-30-characters";
  Pkce pkce{verifier, crypto::base64url_encode(crypto::sha256(verifier))};
  std::string code = code_for(spa_request(pkce));
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), spa_, code, kSpaCallback, verifier), 400,
                             "invalid_grant"));
}

TEST_F(SecurityBcpTest, PkcePlainMethodIsRefusedAtTheAuthorizationEndpoint) {
  Pkce pkce = make_pkce();
  AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback};
  request.extra.add("code_challenge", pkce.verifier);
  request.extra.add("code_challenge_method", "plain");
  EXPECT_TRUE(is_error_redirect(server().client().get(request.target()), kSpaCallback,
                                "invalid_request", "state-1", issuer()));
}

TEST_F(SecurityBcpTest, ConfidentialClientMayUsePkceToo) {
  Pkce pkce = make_pkce();
  AuthorizeRequest request = web_request();
  request.code_challenge = pkce.challenge;
  std::string code = code_for(request);
  EXPECT_EQ(redeem_code(server(), web_, code, kCallback, pkce.verifier).status, 200u);
}

struct RedirectTrick {
  const char* description;
  const char* redirect_uri;
};

class RedirectUriTrickTest
    : public SharedServerTest<RedirectUriTrickTest, ::testing::TestWithParam<RedirectTrick>> {
 public:
  static void provision(TestServer& server) {
    app_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kCallback}});
    if (!wait_until_client_known(server, app_, kCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
  }

 protected:
  static inline AppCredentials app_;
};

// RFC 9700 §4.1.3: exact string matching; a near miss is an error page, never a redirect.
TEST_P(RedirectUriTrickTest, IsAnErrorPageAndNeverARedirect) {
  AuthorizeRequest request{.client_id = app_.id, .redirect_uri = GetParam().redirect_uri};
  HttpResponse res = server().client().get(request.target());
  EXPECT_TRUE(res.status < 300 || res.status >= 400) << GetParam().description;
  EXPECT_FALSE(res.has_header("Location"))
      << GetParam().description << ": " << res.header("Location");
  EXPECT_TRUE(is_error_page(res)) << GetParam().description;
}

INSTANTIATE_TEST_SUITE_P(
    NearMisses, RedirectUriTrickTest,
    ::testing::Values(RedirectTrick{"extra path segment", "http://localhost:3000/callback/evil"},
                      RedirectTrick{"extra query", "http://localhost:3000/callback?next=evil"},
                      RedirectTrick{"fragment", "http://localhost:3000/callback#evil"},
                      RedirectTrick{"userinfo part", "http://evil@localhost:3000/callback"},
                      RedirectTrick{"host as userinfo", "http://localhost:3000@evil.test/callback"},
                      RedirectTrick{"different port", "http://localhost:3001/callback"},
                      RedirectTrick{"default port", "http://localhost/callback"},
                      RedirectTrick{"different scheme", "https://localhost:3000/callback"},
                      RedirectTrick{"trailing slash", "http://localhost:3000/callback/"},
                      RedirectTrick{"host case change", "http://LOCALHOST:3000/callback"},
                      RedirectTrick{"path case change", "http://localhost:3000/Callback"},
                      RedirectTrick{"dot segment", "http://localhost:3000/x/../callback"},
                      RedirectTrick{"encoded path", "http://localhost:3000/%63allback"},
                      RedirectTrick{"leading space", " http://localhost:3000/callback"},
                      RedirectTrick{"trailing space", "http://localhost:3000/callback "},
                      RedirectTrick{"IP instead of name", "http://127.0.0.1:3000/callback"},
                      RedirectTrick{"protocol-relative", "//localhost:3000/callback"}));

TEST_F(SecurityBcpTest, PostLogoutRedirectUriIsNoOpenRedirect) {
  for (const char* uri : {"https://evil.example.test/", "http://localhost:3000/signed-out/x",
                          "http://evil@localhost:3000/signed-out", "//evil.example.test",
                          "http://localhost:3000/signed-out?next=https://evil.example.test"}) {
    http::Params params;
    params.add("client_id", web_.id);
    params.add("post_logout_redirect_uri", uri);
    HttpResponse res = server().client().get("/oidc/session/end?" + http::encode_form(params));
    EXPECT_TRUE(is_error_page(res)) << uri;
  }
}

// Session fixation: a session cookie planted before sign-in is never adopted.
TEST_F(SecurityBcpTest, SigningInReplacesASessionCookiePlantedBeforehand) {
  BrowserSession browser(server());
  browser.set_cookie("_latch_session", "planted-by-an-attacker");
  HttpResponse callback =
      authorize_and_sign_in(browser, web_request(), ivy_.username, ivy_.password);
  ASSERT_FALSE(code_of(callback).empty());
  EXPECT_NE(browser.cookie("_latch_session"), "planted-by-an-attacker");
  BrowserSession attacker(server());
  attacker.set_cookie("_latch_session", "planted-by-an-attacker");
  EXPECT_TRUE(is_sign_in_page(attacker.navigate(web_request().target())));
}

TEST_F(SecurityBcpTest, StateIsEchoedExactlyWithSpecialCharacters) {
  const std::string state = "a b+c&d=e/f?g#h%i\"j'k<l>m;n,\xC3\xA9~";
  AuthorizeRequest request = web_request();
  request.state = state;
  BrowserSession browser(server());
  HttpResponse callback = authorize_and_sign_in(browser, request, ivy_.username, ivy_.password);
  EXPECT_TRUE(is_code_redirect(callback, kCallback, state, issuer()));
  AuthorizeRequest refused = request;
  refused.extra.add("prompt", "bogus");
  EXPECT_TRUE(is_error_redirect(browser.get(refused.target()), kCallback, "invalid_request", state,
                                issuer()));
}

TEST_F(SecurityBcpTest, NonceIsEchoedExactlyInTheIdToken) {
  const std::string nonce = "n 1+2&3=\"4\"\xC3\xA9";
  AuthorizeRequest request = web_request();
  request.nonce = nonce;
  json::object tokens = sign_in_and_redeem(server(), web_, request, ivy_);
  EXPECT_EQ(json_text(verified_payload(server(), json_text(tokens, "id_token")), "nonce"), nonce);
}

TEST_F(SecurityBcpTest, ATokenIntrospectedByAnotherClientIsInactive) {
  json::object tokens = sign_in_and_redeem(server(), web_, web_request(), ivy_);
  for (const char* kind : {"access_token", "refresh_token"}) {
    HttpResponse res = introspect(server(), other_, json_text(tokens, kind));
    EXPECT_EQ(res.json(), json::value(json::object{{"active", false}})) << kind << res.body;
  }
}

TEST_F(SecurityBcpTest, TokenResponsesMustNotBeCached) {
  std::string code = code_for(web_request());
  HttpResponse res = redeem_code(server(), web_, code, kCallback);
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  HttpResponse error = redeem_code(server(), web_, code, kCallback);
  EXPECT_EQ(error.header("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace latch::test
