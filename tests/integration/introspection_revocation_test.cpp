// Token introspection (RFC 7662) and revocation (RFC 7009) of the tokens of a user's sign-in:
// opaque access tokens and refresh tokens, each only for the client it was issued to.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "support/code_flow.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kWebCallback = "http://localhost:3000/callback";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kApi = "https://api.example.test";

class IntrospectionRevocationTest : public SharedServerTest<IntrospectionRevocationTest> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kApi, .scopes = {"read:data"}});
    hank_id_ = create_user(server, hank_);
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kWebCallback}});
    other_web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kWebCallback}});
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    if (!wait_until_client_known(server, web_, kWebCallback) ||
        !wait_until_client_known(server, other_web_, kWebCallback) ||
        !wait_until_client_known(server, spa_, kSpaCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  json::object web_tokens() const {
    AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kWebCallback};
    request.extra.add("resource", kApi);
    return sign_in_and_redeem(server(), web_, request, hank_);
  }
  json::object spa_tokens() const {
    AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback};
    return sign_in_and_redeem(server(), spa_, request, hank_);
  }
  static bool inactive(const HttpResponse& res) {
    return res.status == 200 && res.json() == json::value(json::object{{"active", false}});
  }

  static inline UserSpec hank_{.username = "hank", .password = "Juniper-Anvil-604"};
  static inline std::string hank_id_;
  static inline AppCredentials web_, other_web_, spa_;
};

TEST_F(IntrospectionRevocationTest, OwnOpaqueAccessTokenIsActiveWithItsDetails) {
  std::int64_t before = unix_now();
  HttpResponse res = introspect(server(), web_, json_text(web_tokens(), "access_token"));
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value body = res.json();
  EXPECT_EQ(body.at("active"), json::value(true));
  EXPECT_EQ(json_text(body, "client_id"), web_.id);
  EXPECT_EQ(json_text(body, "sub"), hank_id_);
  EXPECT_EQ(json_text(body, "scope"), "openid profile offline_access");
  EXPECT_EQ(json_text(body, "iss"), server().endpoint() + "/oidc");
  EXPECT_EQ(json_text(body, "token_type"), "Bearer");
  EXPECT_GE(body.at("iat").as_int64(), before - 1);
  EXPECT_EQ(body.at("exp").as_int64(), body.at("iat").as_int64() + 3600);
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
}

TEST_F(IntrospectionRevocationTest, OwnRefreshTokenIsActive) {
  HttpResponse res = introspect(server(), web_, json_text(web_tokens(), "refresh_token"));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("active"), json::value(true));
  EXPECT_EQ(json_text(res.json(), "client_id"), web_.id);
  EXPECT_EQ(json_text(res.json(), "sub"), hank_id_);
}

TEST_F(IntrospectionRevocationTest, AnotherClientsTokensAreInactive) {
  json::object tokens = web_tokens();
  EXPECT_TRUE(inactive(introspect(server(), other_web_, json_text(tokens, "access_token"))));
  EXPECT_TRUE(inactive(introspect(server(), other_web_, json_text(tokens, "refresh_token"))));
}

// Issue #14, defect 15: introspection agrees with userinfo about a suspended user.
TEST_F(IntrospectionRevocationTest, TheTokensOfASuspendedUserAreInactive) {
  UserSpec ivy{.username = "ivy", .password = "Lantern-Quarry-77"};
  create_user(server(), ivy);
  AuthorizeRequest request{.client_id = web_.id, .redirect_uri = kWebCallback};
  request.extra.add("resource", kApi);
  json::object tokens = sign_in_and_redeem(server(), web_, request, ivy);
  http::Params for_api;
  for_api.add("resource", kApi);
  HttpResponse jwt = refresh(server(), web_, json_text(tokens, "refresh_token"), for_api);
  ASSERT_EQ(jwt.status, 200u) << jwt.body;
  std::string access = json_text(tokens, "access_token");
  std::string api_token = json_text(jwt.json(), "access_token");
  std::string refresh_token = json_text(jwt.json(), "refresh_token");
  ASSERT_EQ(introspect(server(), web_, api_token).json().at("active"), json::value(true));
  ASSERT_EQ(server().cli({"user", "suspend", "ivy"}).exit_code, 0);
  EXPECT_TRUE(inactive(introspect(server(), web_, access)));
  EXPECT_TRUE(inactive(introspect(server(), web_, api_token)));
  EXPECT_TRUE(inactive(introspect(server(), web_, refresh_token)));
  EXPECT_EQ(userinfo(server(), access).status, 401u);
}

TEST_F(IntrospectionRevocationTest, AnUnknownTokenIsInactive) {
  EXPECT_TRUE(inactive(introspect(server(), web_, "never-issued-token")));
}

TEST_F(IntrospectionRevocationTest, IntrospectionRequiresClientAuthentication) {
  std::string token = json_text(web_tokens(), "access_token");
  HttpResponse res = server().client().post_form("/oidc/token/introspection", "token=" + token);
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request"));  // as Logto: no mechanism provided
  AppCredentials wrong{web_.id, "wrong-secret"};
  EXPECT_TRUE(is_oauth_error(introspect(server(), wrong, token), 401, "invalid_client"));
}

TEST_F(IntrospectionRevocationTest, IntrospectionWithoutATokenIsAnInvalidRequest) {
  HttpResponse res = server().client().post_form(
      "/oidc/token/introspection", "", {{"Authorization", basic_auth(web_.id, web_.secret)}});
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request"));
}

TEST_F(IntrospectionRevocationTest, RevokingTheRefreshTokenKillsTheGrantsAccessToken) {
  json::object tokens = web_tokens();
  std::string access_token = json_text(tokens, "access_token");
  ASSERT_EQ(userinfo(server(), access_token).status, 200u);
  HttpResponse res = revoke(server(), web_, json_text(tokens, "refresh_token"));
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(userinfo(server(), access_token).status, 401u);
  EXPECT_TRUE(inactive(introspect(server(), web_, access_token)));
  EXPECT_TRUE(is_oauth_error(refresh(server(), web_, json_text(tokens, "refresh_token")), 400,
                             "invalid_grant"));
}

TEST_F(IntrospectionRevocationTest, RevokingTheAccessTokenMakesItInactive) {
  std::string access_token = json_text(web_tokens(), "access_token");
  EXPECT_EQ(revoke(server(), web_, access_token).status, 200u);
  EXPECT_EQ(userinfo(server(), access_token).status, 401u);
  EXPECT_TRUE(inactive(introspect(server(), web_, access_token)));
}

TEST_F(IntrospectionRevocationTest, PublicClientRevokesWithItsClientIdAlone) {
  json::object tokens = spa_tokens();
  HttpResponse res = revoke(server(), spa_, json_text(tokens, "refresh_token"));
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_TRUE(is_oauth_error(refresh(server(), spa_, json_text(tokens, "refresh_token")), 400,
                             "invalid_grant"));
}

TEST_F(IntrospectionRevocationTest, RevokingAnotherClientsTokenIsANoOp) {
  json::object tokens = web_tokens();
  EXPECT_EQ(revoke(server(), spa_, json_text(tokens, "refresh_token")).status, 200u);
  EXPECT_EQ(revoke(server(), other_web_, json_text(tokens, "access_token")).status, 200u);
  EXPECT_EQ(userinfo(server(), json_text(tokens, "access_token")).status, 200u);
  EXPECT_EQ(refresh(server(), web_, json_text(tokens, "refresh_token")).status, 200u);
}

TEST_F(IntrospectionRevocationTest, RevokingAnUnknownTokenSucceeds) {
  EXPECT_EQ(revoke(server(), web_, "never-issued-token").status, 200u);
}

TEST_F(IntrospectionRevocationTest, RevocationRequiresClientAuthentication) {
  std::string token = json_text(web_tokens(), "refresh_token");
  HttpResponse res = server().client().post_form("/oidc/token/revocation", "token=" + token);
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request"));  // as Logto: no mechanism provided
  EXPECT_EQ(refresh(server(), web_, token).status, 200u);
}

TEST_F(IntrospectionRevocationTest, AJwtAccessTokenCannotBeRevoked) {
  http::Params params;
  params.add("resource", kApi);
  HttpResponse jwt = refresh(server(), web_, json_text(web_tokens(), "refresh_token"), params);
  ASSERT_EQ(jwt.status, 200u) << jwt.body;
  EXPECT_TRUE(is_oauth_error(revoke(server(), web_, json_text(jwt.json(), "access_token")), 400,
                             "unsupported_token_type"));
}

}  // namespace
}  // namespace latch::test
