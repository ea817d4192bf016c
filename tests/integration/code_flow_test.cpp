// The authorization code flow (RFC 6749 §4.1, OIDC Core §3.1) end to end: the hosted sign-in
// form, the code, the token response and the ID token, for confidential and public (PKCE) apps,
// and single sign-on across apps through the browser session.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/jwt_inspect.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kWebCallback = "http://localhost:3000/callback";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kForumCallback = "https://forum.example.test/callback";

class CodeFlowTest : public SharedServerTest<CodeFlowTest> {
 public:
  static void provision(TestServer& server) {
    alice_ = {.username = "alice", .email = "alice@example.test", .name = "Alice Liddell"};
    alice_id_ = create_user(server, alice_);
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kWebCallback}});
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    forum_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kForumCallback}});
    native_ = create_user_app(server, {.type = "native", .redirect_uris = {"io.latch.app:/cb"}});
    if (!wait_until_client_known(server, web_, kWebCallback) ||
        !wait_until_client_known(server, native_, "io.latch.app:/cb")) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  std::string issuer() const { return server().endpoint() + "/oidc"; }
  AuthorizeRequest web_request() const {
    return {.client_id = web_.id, .redirect_uri = kWebCallback};
  }

  static inline UserSpec alice_;
  static inline std::string alice_id_;
  static inline AppCredentials web_, spa_, forum_, native_;
};

TEST_F(CodeFlowTest, AuthorizationWithoutASessionSendsTheBrowserToTheSignInPage) {
  BrowserSession browser(server());
  HttpResponse res = browser.get(web_request().target());
  EXPECT_EQ(res.status, 303u);
  EXPECT_EQ(res.header("Location"), "/sign-in");
  EXPECT_TRUE(browser.cookie("_latch_interaction").has_value());
  EXPECT_FALSE(browser.cookie("_latch_session").has_value());
  EXPECT_TRUE(is_sign_in_page(browser.follow(res)));
}

TEST_F(CodeFlowTest, SigningInResumesTheAuthorizationAndRedirectsWithCodeStateAndIssuer) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(web_request().target());
  ASSERT_TRUE(is_sign_in_page(page));
  http::Params form;
  form.add("csrf", input_value(page.body, "csrf").value_or(""));
  form.add("identifier", alice_.username);
  form.add("password", alice_.password);
  HttpResponse posted = browser.post_form("/sign-in", form);
  EXPECT_EQ(posted.status, 303u);
  EXPECT_EQ(posted.header("Location").rfind("/oidc/auth/", 0), 0u) << posted.header("Location");
  HttpResponse callback = browser.follow(posted);
  EXPECT_TRUE(is_code_redirect(callback, kWebCallback, "state-1", issuer()));
  EXPECT_TRUE(browser.cookie("_latch_session").has_value());
  EXPECT_FALSE(browser.cookie("_latch_interaction").has_value());
}

TEST_F(CodeFlowTest, TraditionalAppRedeemsTheCodeWithBasicAuthentication) {
  BrowserSession browser(server());
  HttpResponse callback =
      authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password);
  HttpResponse res = redeem_code(server(), web_, code_of(callback), kWebCallback);
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value body = res.json();
  EXPECT_EQ(json_text(body, "token_type"), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 3600);
  EXPECT_EQ(json_text(body, "scope"), "openid profile offline_access");
  EXPECT_FALSE(json_text(body, "access_token").empty());
  EXPECT_FALSE(json_text(body, "id_token").empty());
  EXPECT_FALSE(json_text(body, "refresh_token").empty());
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
}

TEST_F(CodeFlowTest, TraditionalAppMayRedeemTheCodeWithClientSecretPost) {
  BrowserSession browser(server());
  HttpResponse callback =
      authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password);
  http::Params form;
  form.add("grant_type", "authorization_code");
  form.add("code", code_of(callback));
  form.add("redirect_uri", kWebCallback);
  form.add("client_id", web_.id);
  form.add("client_secret", web_.secret);
  HttpResponse res = server().client().post_form("/oidc/token", http::encode_form(form));
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(CodeFlowTest, TraditionalAppWithAWrongSecretIsAnInvalidClient) {
  BrowserSession browser(server());
  HttpResponse callback =
      authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password);
  AppCredentials wrong{web_.id, "not-the-secret"};
  EXPECT_TRUE(is_oauth_error(redeem_code(server(), wrong, code_of(callback), kWebCallback), 401,
                             "invalid_client"));
}

TEST_F(CodeFlowTest, SpaSignsInWithPkceAndRedeemsWithItsClientIdAlone) {
  Pkce pkce = make_pkce();
  AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback};
  request.code_challenge = pkce.challenge;
  BrowserSession browser(server());
  HttpResponse callback = authorize_and_sign_in(browser, request, alice_.username, alice_.password);
  ASSERT_TRUE(is_code_redirect(callback, kSpaCallback, "state-1", issuer()));
  HttpResponse res = redeem_code(server(), spa_, code_of(callback), kSpaCallback, pkce.verifier);
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_FALSE(json_text(res.json(), "refresh_token").empty());
  EXPECT_EQ(userinfo(server(), json_text(res.json(), "access_token")).status, 200u);
}

TEST_F(CodeFlowTest, NativeAppWithACustomSchemeRedirectSignsInWithPkce) {
  AuthorizeRequest request{.client_id = native_.id, .redirect_uri = "io.latch.app:/cb"};
  json::object tokens = sign_in_and_redeem(server(), native_, request, alice_);
  EXPECT_FALSE(json_text(tokens, "id_token").empty());
}

TEST_F(CodeFlowTest, IdTokenIsSignedWithAKeyFromTheJwks) {
  json::object tokens = sign_in_and_redeem(server(), web_, web_request(), alice_);
  auto jwt = decode_jwt(json_text(tokens, "id_token"));
  ASSERT_TRUE(jwt.has_value());
  EXPECT_EQ(json_text(jwt->header, "alg"), "ES256");
  EXPECT_TRUE(verified_by_jwks(*jwt, server().client().get("/oidc/jwks").json()));
}

TEST_F(CodeFlowTest, IdTokenCarriesIssuerSubjectAudienceAndTimes) {
  std::int64_t before = unix_now();
  json::object tokens = sign_in_and_redeem(server(), web_, web_request(), alice_);
  json::object claims = verified_payload(server(), json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(claims, "iss"), issuer());
  EXPECT_EQ(json_text(claims, "sub"), alice_id_);
  ASSERT_TRUE(claims.at("aud").is_string()) << "Logto's SDKs reject an array";
  EXPECT_EQ(claims.at("aud").as_string(), web_.id);
  std::int64_t iat = claims.at("iat").as_int64();
  EXPECT_GE(iat, before - 1);
  EXPECT_LE(iat, unix_now() + 1);
  EXPECT_EQ(claims.at("exp").as_int64(), iat + 3600);
  EXPECT_GE(claims.at("auth_time").as_int64(), before - 1);
  EXPECT_LE(claims.at("auth_time").as_int64(), iat);
}

TEST_F(CodeFlowTest, IdTokenEchoesTheNonceOfTheAuthorizationRequest) {
  AuthorizeRequest request = web_request();
  request.nonce = "n-0S6_WzA2Mj";
  json::object tokens = sign_in_and_redeem(server(), web_, request, alice_);
  json::object claims = verified_payload(server(), json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(claims, "nonce"), "n-0S6_WzA2Mj");
}

TEST_F(CodeFlowTest, IdTokenWithoutANonceInTheRequestHasNone) {
  AuthorizeRequest request = web_request();
  request.nonce.clear();
  json::object tokens = sign_in_and_redeem(server(), web_, request, alice_);
  EXPECT_FALSE(verified_payload(server(), json_text(tokens, "id_token")).contains("nonce"));
}

// OIDC Core §3.1.3.6: the left half of SHA-256 of the access token, base64url.
TEST_F(CodeFlowTest, AtHashIsTheLeftHalfOfTheSha256OfTheAccessToken) {
  json::object tokens = sign_in_and_redeem(server(), web_, web_request(), alice_);
  std::string digest = crypto::sha256(json_text(tokens, "access_token"));
  json::object claims = verified_payload(server(), json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(claims, "at_hash"), crypto::base64url_encode(digest.substr(0, 16)));
}

TEST_F(CodeFlowTest, ProfileAndEmailScopesPutTheUsersClaimsInTheIdToken) {
  AuthorizeRequest request = web_request();
  request.scope = "openid profile email";
  json::object tokens = sign_in_and_redeem(server(), web_, request, alice_);
  json::object claims = verified_payload(server(), json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(claims, "username"), "alice");
  EXPECT_EQ(json_text(claims, "name"), "Alice Liddell");
  EXPECT_EQ(json_text(claims, "email"), "alice@example.test");
  EXPECT_EQ(claims.at("email_verified"), json::value(true));
}

TEST_F(CodeFlowTest, WithoutTheProfileScopeTheIdTokenHasNoProfileClaims) {
  AuthorizeRequest request = web_request();
  request.scope = "openid";
  json::object tokens = sign_in_and_redeem(server(), web_, request, alice_);
  json::object claims = verified_payload(server(), json_text(tokens, "id_token"));
  EXPECT_FALSE(claims.contains("username"));
  EXPECT_FALSE(claims.contains("name"));
  EXPECT_FALSE(claims.contains("email"));
}

TEST_F(CodeFlowTest, WithoutOfflineAccessNoRefreshTokenIsIssued) {
  AuthorizeRequest request = web_request();
  request.scope = "openid profile";
  json::object tokens = sign_in_and_redeem(server(), web_, request, alice_);
  EXPECT_FALSE(tokens.contains("refresh_token"));
  EXPECT_EQ(json_text(tokens, "scope"), "openid profile");
}

TEST_F(CodeFlowTest, WithoutStateTheCallbackCarriesNone) {
  AuthorizeRequest request = web_request();
  request.state.clear();
  BrowserSession browser(server());
  HttpResponse callback = authorize_and_sign_in(browser, request, alice_.username, alice_.password);
  EXPECT_FALSE(code_of(callback).empty());
  EXPECT_FALSE(location_query(callback).get("state").has_value());
  EXPECT_EQ(location_query(callback).value("iss"), issuer());
}

// Logto accepts JSON bodies at the token endpoint (reference 1.2).
TEST_F(CodeFlowTest, TheTokenEndpointAcceptsAJsonBody) {
  BrowserSession browser(server());
  HttpResponse callback =
      authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password);
  json::object body{{"grant_type", "authorization_code"},
                    {"code", code_of(callback)},
                    {"redirect_uri", kWebCallback}};
  HttpResponse res = server().client().post(
      "/oidc/token", json::serialize(body),
      {{"Content-Type", "application/json"}, {"Authorization", basic_auth(web_.id, web_.secret)}});
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(CodeFlowTest, SecondAppSignsInSilentlyWithTheBrowserSession) {
  BrowserSession browser(server());
  HttpResponse first =
      authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password);
  ASSERT_FALSE(code_of(first).empty());
  AuthorizeRequest forum{.client_id = forum_.id, .redirect_uri = kForumCallback, .state = "f"};
  HttpResponse silent = browser.get(forum.target());
  ASSERT_TRUE(is_code_redirect(silent, kForumCallback, "f", issuer()));
  HttpResponse web_tokens = redeem_code(server(), web_, code_of(first), kWebCallback);
  HttpResponse forum_tokens = redeem_code(server(), forum_, code_of(silent), kForumCallback);
  json::object web_claims = verified_payload(server(), json_text(web_tokens.json(), "id_token"));
  json::object forum_claims =
      verified_payload(server(), json_text(forum_tokens.json(), "id_token"));
  EXPECT_EQ(forum_claims.at("sub"), web_claims.at("sub"));
  EXPECT_EQ(forum_claims.at("auth_time"), web_claims.at("auth_time")) << "no new sign-in";
  EXPECT_EQ(json_text(forum_claims, "aud"), forum_.id);
}

TEST_F(CodeFlowTest, ASecondAuthorizationForTheSameAppIsSilentToo) {
  BrowserSession browser(server());
  ASSERT_FALSE(
      code_of(authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password))
          .empty());
  AuthorizeRequest again = web_request();
  again.state = "again";
  EXPECT_TRUE(is_code_redirect(browser.get(again.target()), kWebCallback, "again", issuer()));
}

TEST_F(CodeFlowTest, EachCodeIsDifferentAndRedeemsOnce) {
  BrowserSession browser(server());
  std::string first =
      code_of(authorize_and_sign_in(browser, web_request(), alice_.username, alice_.password));
  std::string second = code_of(browser.get(web_request().target()));
  ASSERT_FALSE(first.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(redeem_code(server(), web_, second, kWebCallback).status, 200u);
  EXPECT_EQ(redeem_code(server(), web_, first, kWebCallback).status, 200u);
}

TEST_F(CodeFlowTest, PostToTheAuthorizationEndpointWorksLikeGet) {
  BrowserSession browser(server());
  std::string target = web_request().target();
  std::string query = target.substr(target.find('?') + 1);
  HttpResponse res = browser.post_form("/oidc/auth", query);
  EXPECT_EQ(res.status, 303u);
  EXPECT_EQ(res.header("Location"), "/sign-in");
}

TEST_F(CodeFlowTest, TheResumeUrlOfACompletedSignInCannotBeReplayed) {
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(web_request().target());
  http::Params fields;
  fields.add("identifier", alice_.username);
  fields.add("password", alice_.password);
  std::string uid = *browser.cookie("_latch_interaction");
  HttpResponse callback = browser.submit(page, fields);
  ASSERT_FALSE(code_of(callback).empty());
  browser.set_cookie("_latch_interaction", uid);
  HttpResponse replay = browser.get("/oidc/auth/" + uid);
  EXPECT_TRUE(is_error_page(replay));
  EXPECT_TRUE(code_of(replay).empty());
}

}  // namespace
}  // namespace latch::test
