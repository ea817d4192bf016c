// The UserInfo endpoint (OIDC Core §5.3) with bearer tokens (RFC 6750) and CORS for the origins
// of registered redirect URIs.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kSpaOrigin = "http://localhost:5173";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kApi = "https://api.example.test";

class UserinfoTest : public SharedServerTest<UserinfoTest> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kApi, .scopes = {"read:data"}});
    frank_id_ = create_user(server, frank_);
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    if (!wait_until_client_known(server, spa_, kSpaCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
  }

 protected:
  // An opaque access token of a fresh sign-in with `scope`.
  std::string access_token(const std::string& scope = "openid profile email") const {
    AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback, .scope = scope};
    return json_text(sign_in_and_redeem(server(), spa_, request, frank_), "access_token");
  }

  static inline UserSpec frank_{.username = "frank",
                                .password = "Copper-Kettle-5150",
                                .email = "frank@example.test",
                                .name = "Frank Ocean"};
  static inline std::string frank_id_;
  static inline AppCredentials spa_;
};

TEST_F(UserinfoTest, GetWithABearerTokenReturnsTheClaimsOfTheGrantedScopes) {
  HttpResponse res = userinfo(server(), access_token());
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value claims = res.json();
  EXPECT_EQ(json_text(claims, "sub"), frank_id_);
  EXPECT_EQ(json_text(claims, "username"), "frank");
  EXPECT_EQ(json_text(claims, "name"), "Frank Ocean");
  EXPECT_EQ(json_text(claims, "email"), "frank@example.test");
  EXPECT_EQ(claims.at("email_verified"), json::value(true));
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
}

// Issue #14, defect 5: OIDC Core §5.3.2, a claim without a value is omitted, never null.
TEST_F(UserinfoTest, ClaimsWithoutAValueAreLeftOut) {
  UserSpec bare{.username = "bare", .password = "Pebble-Harness-318"};
  create_user(server(), bare);
  AuthorizeRequest request{
      .client_id = spa_.id, .redirect_uri = kSpaCallback, .scope = "openid profile email phone"};
  std::string token = json_text(sign_in_and_redeem(server(), spa_, request, bare), "access_token");
  HttpResponse res = userinfo(server(), token);
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value claims = res.json();
  for (const auto& [name, value] : claims.as_object()) {
    EXPECT_FALSE(value.is_null()) << std::string(name) << " is null";
  }
  for (const char* absent : {"picture", "name", "email", "email_verified", "phone_number"}) {
    EXPECT_FALSE(claims.as_object().contains(absent)) << absent;
  }
  EXPECT_EQ(json_text(claims, "username"), "bare");
}

TEST_F(UserinfoTest, ClaimsOfScopesNotGrantedAreLeftOut) {
  json::value claims = userinfo(server(), access_token("openid")).json();
  EXPECT_EQ(json_text(claims, "sub"), frank_id_);
  EXPECT_FALSE(claims.as_object().contains("username"));
  EXPECT_FALSE(claims.as_object().contains("email"));
}

TEST_F(UserinfoTest, PostWithABearerHeaderWorksLikeGet) {
  HttpResponse res =
      server().client().post_form("/oidc/me", "", {{"Authorization", "Bearer " + access_token()}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "sub"), frank_id_);
}

TEST_F(UserinfoTest, PostWithTheTokenInTheFormBodyWorks) {
  HttpResponse res = server().client().post_form("/oidc/me", "access_token=" + access_token());
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(json_text(res.json(), "sub"), frank_id_);
}

TEST_F(UserinfoTest, TheBearerSchemeIsCaseInsensitive) {
  HttpResponse res =
      server().client().get("/oidc/me", {{"Authorization", "bearer " + access_token()}});
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(UserinfoTest, AnAccessTokenWithoutTheOpenidScopeIsForbidden) {
  HttpResponse res = userinfo(server(), access_token("profile"));
  EXPECT_TRUE(is_oauth_error(res, 403, "insufficient_scope"));
  EXPECT_TRUE(json_text(res.json(), "sub").empty());
}

TEST_F(UserinfoTest, AMissingTokenIsUnauthorizedWithAChallenge) {
  HttpResponse res = server().client().get("/oidc/me");
  EXPECT_TRUE(is_oauth_error(res, 401, "invalid_token"));
  EXPECT_EQ(res.header("WWW-Authenticate").rfind("Bearer", 0), 0u)
      << res.header("WWW-Authenticate");
}

TEST_F(UserinfoTest, AnUnknownTokenIsUnauthorizedWithAChallenge) {
  HttpResponse res = userinfo(server(), "this-token-was-never-issued");
  EXPECT_TRUE(is_oauth_error(res, 401, "invalid_token"));
  EXPECT_NE(res.header("WWW-Authenticate").find("invalid_token"), std::string::npos)
      << res.header("WWW-Authenticate");
}

TEST_F(UserinfoTest, AJwtAccessTokenForAResourceIsRefused) {
  AuthorizeRequest request{.client_id = spa_.id, .redirect_uri = kSpaCallback};
  request.extra.add("resource", kApi);
  json::object tokens = sign_in_and_redeem(server(), spa_, request, frank_);
  http::Params params;
  params.add("resource", kApi);
  HttpResponse jwt = refresh(server(), spa_, json_text(tokens, "refresh_token"), params);
  ASSERT_EQ(jwt.status, 200u) << jwt.body;
  EXPECT_EQ(userinfo(server(), json_text(jwt.json(), "access_token")).status, 401u);
}

TEST_F(UserinfoTest, ABasicAuthorizationHeaderIsNotABearerToken) {
  HttpResponse res =
      server().client().get("/oidc/me", {{"Authorization", basic_auth(spa_.id, "secret")}});
  EXPECT_GE(res.status, 400u);
  EXPECT_LT(res.status, 500u);
  EXPECT_TRUE(json_text(res.json(), "sub").empty());
}

TEST_F(UserinfoTest, AllowsCorsFromTheOriginOfARegisteredRedirectUri) {
  HttpResponse res = server().client().get(
      "/oidc/me", {{"Authorization", "Bearer " + access_token()}, {"Origin", kSpaOrigin}});
  EXPECT_EQ(res.header("Access-Control-Allow-Origin"), kSpaOrigin);
  HttpResponse preflight =
      server().client().request(boost::beast::http::verb::options, "/oidc/me", {},
                                {{"Origin", kSpaOrigin}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), kSpaOrigin);
  EXPECT_NE(preflight.header("Access-Control-Allow-Headers").find("Authorization"),
            std::string::npos);
}

TEST_F(UserinfoTest, RefusesCorsFromAnUnregisteredOrigin) {
  HttpResponse res = server().client().get(
      "/oidc/me", {{"Authorization", "Bearer " + access_token()}, {"Origin", "https://evil.test"}});
  EXPECT_FALSE(res.has_header("Access-Control-Allow-Origin"));
}

TEST_F(UserinfoTest, TheTokenAndRevocationEndpointsAllowCorsForTheSpa) {
  http::Params params;
  params.add("grant_type", "refresh_token");
  params.add("refresh_token", "unknown");
  params.add("token", "unknown");
  params.add("client_id", spa_.id);
  for (const char* path : {"/oidc/token", "/oidc/token/revocation"}) {
    HttpResponse res =
        server().client().post_form(path, http::encode_form(params), {{"Origin", kSpaOrigin}});
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), kSpaOrigin) << path;
  }
}

}  // namespace
}  // namespace latch::test
