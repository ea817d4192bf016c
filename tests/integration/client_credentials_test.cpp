// The client credentials grant (RFC 6749 §4.4) with resource indicators (RFC 8707) and JWT
// access tokens (RFC 9068), end to end against the real binary.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <sstream>
#include <string>

#include "support/jwt_inspect.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kOrders = "https://orders.example.test";
constexpr const char* kShortLived = "https://short.example.test/api";
constexpr const char* kDefault = "https://default.example.test";
constexpr const char* kAdmin = "https://admin.example.test";

std::int64_t seconds_since_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A space-delimited scope (RFC 6749 §3.3) as a set: its order carries no meaning.
std::set<std::string> scope_set(const json::value& scope) {
  std::set<std::string> out;
  std::istringstream words{std::string(scope.as_string())};
  for (std::string word; words >> word;) out.insert(word);
  return out;
}

class ClientCredentialsTest : public SharedServerTest<ClientCredentialsTest> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kOrders, .scopes = {"read:orders", "write:orders"}});
    create_resource(server, {.indicator = kShortLived, .scopes = {"ping"}, .ttl = 600});
    create_resource(server, {.indicator = kDefault, .scopes = {"basic"}, .is_default = true});
    create_resource(server, {.indicator = kAdmin, .scopes = {"admin:read", "admin:write"}});
    app_ = create_app(server, "m2m");
    grant_scopes(server, app_.id, kOrders, {"read:orders", "write:orders"});
    grant_scopes(server, app_.id, kShortLived, {"ping"});
    grant_scopes(server, app_.id, kDefault, {"basic"});
    grant_scopes(server, app_.id, kAdmin, {"admin:read"});
    if (!wait_until_token_issued(server, app_, kAdmin)) {
      throw std::runtime_error("the server did not pick up the provisioned data");
    }
  }

 protected:
  HttpResponse token(const std::string& body) { return token_with_basic(server(), app_, body); }

  // The payload of the access token in a successful response.
  json::object claims(const HttpResponse& res) {
    EXPECT_EQ(res.status, 200u) << res.body;
    auto jwt = decode_jwt(res.json().at("access_token").as_string());
    if (!jwt) {
      ADD_FAILURE() << "not a JWT: " << res.body;
      return {};
    }
    return jwt->payload;
  }

  static inline AppCredentials app_;
};

TEST_F(ClientCredentialsTest, BasicAuthenticationGetsABearerTokenThatCachesMustNotStore) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kOrders));
  ASSERT_EQ(res.status, 200u) << res.body;
  json::value body = res.json();
  EXPECT_EQ(body.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 3600);
  EXPECT_FALSE(body.as_object().contains("refresh_token"));
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  EXPECT_EQ(res.header("Pragma"), "no-cache");
}

TEST_F(ClientCredentialsTest, SecretPostAuthenticationGetsAToken) {
  HttpResponse res = server().client().post_form(
      "/oidc/token", "grant_type=client_credentials&client_id=" + app_.id +
                         "&client_secret=" + app_.secret + "&resource=" + kOrders);
  EXPECT_EQ(claims(res).at("client_id").as_string(), app_.id);
}

TEST_F(ClientCredentialsTest, ClientIdInTheBodyMayRepeatTheBasicCredentials) {
  HttpResponse res =
      token("grant_type=client_credentials&client_id=" + app_.id + "&resource=" + kOrders);
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(ClientCredentialsTest, AccessTokenNamesIssuerAudienceAndTheAppAsSubject) {
  json::object payload =
      claims(token("grant_type=client_credentials&resource=" + std::string(kOrders)));
  EXPECT_EQ(payload.at("iss").as_string(), server().endpoint() + "/oidc");
  EXPECT_EQ(payload.at("aud").as_string(), kOrders);
  EXPECT_EQ(payload.at("client_id").as_string(), app_.id);
  EXPECT_EQ(payload.at("sub").as_string(), app_.id);
}

TEST_F(ClientCredentialsTest, AccessTokenLivesAnHourFromNow) {
  json::object payload =
      claims(token("grant_type=client_credentials&resource=" + std::string(kOrders)));
  std::int64_t iat = payload.at("iat").as_int64();
  EXPECT_EQ(payload.at("exp").as_int64() - iat, 3600);
  EXPECT_NEAR(static_cast<double>(iat), static_cast<double>(seconds_since_epoch()), 60.0);
}

TEST_F(ClientCredentialsTest, EveryTokenHasItsOwnJti) {
  const std::string body = "grant_type=client_credentials&resource=" + std::string(kOrders);
  std::string first(claims(token(body)).at("jti").as_string());
  std::string second(claims(token(body)).at("jti").as_string());
  EXPECT_FALSE(first.empty());
  EXPECT_NE(first, second);
}

TEST_F(ClientCredentialsTest, WithoutScopeParameterEveryScopeOfTheResourceIsIssued) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kOrders));
  const std::set<std::string> all = {"read:orders", "write:orders"};
  EXPECT_EQ(scope_set(claims(res).at("scope")), all);
  EXPECT_EQ(scope_set(res.json().at("scope")), all);
}

TEST_F(ClientCredentialsTest, RequestedScopeNarrowsTheToken) {
  HttpResponse res =
      token("grant_type=client_credentials&scope=write%3Aorders&resource=" + std::string(kOrders));
  EXPECT_EQ(claims(res).at("scope").as_string(), "write:orders");
  EXPECT_EQ(res.json().at("scope").as_string(), "write:orders");
}

// Logto narrows what was asked to what the app may have; an undefined scope is dropped, not
// refused.
TEST_F(ClientCredentialsTest, UndefinedScopesAreDroppedAsLogtoDropsThem) {
  HttpResponse res = token("grant_type=client_credentials&scope=read%3Aorders+delete&resource=" +
                           std::string(kOrders));
  EXPECT_EQ(claims(res).at("scope").as_string(), "read:orders");
  EXPECT_EQ(res.json().at("scope").as_string(), "read:orders");
}

// An empty scope parameter asks for nothing: the token and the response carry no scope, as
// Logto's do when nothing is issued.
TEST_F(ClientCredentialsTest, AnEmptyScopeParameterIssuesATokenWithoutScope) {
  HttpResponse res = token("grant_type=client_credentials&scope=&resource=" + std::string(kOrders));
  EXPECT_FALSE(claims(res).contains("scope")) << res.body;
  EXPECT_FALSE(res.json().as_object().contains("scope")) << res.body;
}

TEST_F(ClientCredentialsTest, TargetErrorsAreWordedAsLogtosProvider) {
  HttpResponse unknown =
      token("grant_type=client_credentials&resource=https%3A%2F%2Fnowhere.example.test");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.json().at("error_description").as_string(),
            "resource indicator is missing, or unknown");
  EXPECT_EQ(unknown.json().at("message").as_string(), "Invalid resource indicator.");
  HttpResponse two =
      token("grant_type=client_credentials&resource=" + std::string(kOrders) + "," + kAdmin);
  EXPECT_EQ(two.json().at("error_description").as_string(),
            "only a single resource indicator value is supported for this grant type");
}

TEST_F(ClientCredentialsTest, AnUnknownClientIsABadRequestNamingIt) {
  HttpResponse res = server().client().post_form(
      "/oidc/token", "grant_type=client_credentials&client_id=nobody&client_secret=x");
  EXPECT_EQ(res.status, 400u) << res.body;
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_client");
  EXPECT_EQ(res.json().at("error_description").as_string(), "invalid client nobody");
}

TEST_F(ClientCredentialsTest, HeaderIsAtJwtSignedWithTheCurrentEs256Key) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kOrders));
  ASSERT_EQ(res.status, 200u) << res.body;
  auto jwt = decode_jwt(res.json().at("access_token").as_string());
  ASSERT_TRUE(jwt);
  EXPECT_EQ(jwt->header.at("typ").as_string(), "at+jwt");
  EXPECT_EQ(jwt->header.at("alg").as_string(), "ES256");
  EXPECT_TRUE(jwt->header.contains("kid"));
}

TEST_F(ClientCredentialsTest, SignatureVerifiesWithTheKeyPublishedInTheJwks) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kOrders));
  ASSERT_EQ(res.status, 200u) << res.body;
  auto jwt = decode_jwt(res.json().at("access_token").as_string());
  ASSERT_TRUE(jwt);
  EXPECT_TRUE(verified_by_jwks(*jwt, server().client().get("/oidc/jwks").json()));
}

TEST_F(ClientCredentialsTest, TamperedPayloadNoLongerVerifies) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kOrders));
  ASSERT_EQ(res.status, 200u) << res.body;
  auto jwt = decode_jwt(res.json().at("access_token").as_string());
  ASSERT_TRUE(jwt);
  jwt->signing_input.back() ^= 1;
  EXPECT_FALSE(verified_by_jwks(*jwt, server().client().get("/oidc/jwks").json()));
}

TEST_F(ClientCredentialsTest, ResourceTtlSetsTheTokenLifetime) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kShortLived));
  json::object payload = claims(res);
  EXPECT_EQ(payload.at("exp").as_int64() - payload.at("iat").as_int64(), 600);
  EXPECT_EQ(res.json().at("expires_in").as_int64(), 600);
}

TEST_F(ClientCredentialsTest, DefaultResourceIsTheAudienceWhenNoneIsRequested) {
  EXPECT_EQ(claims(token("grant_type=client_credentials")).at("aud").as_string(), kDefault);
}

TEST_F(ClientCredentialsTest, JsonBodyIsAcceptedLikeAForm) {
  json::object body{
      {"grant_type", "client_credentials"}, {"resource", kOrders}, {"scope", "read:orders"}};
  HttpResponse res = server().client().post(
      "/oidc/token", json::serialize(body),
      {{"Content-Type", "application/json"}, {"Authorization", basic_auth(app_.id, app_.secret)}});
  EXPECT_EQ(claims(res).at("scope").as_string(), "read:orders");
}

TEST_F(ClientCredentialsTest, RestrictedResourceIssuesOnlyTheGrantedScopes) {
  HttpResponse res = token("grant_type=client_credentials&resource=" + std::string(kAdmin));
  EXPECT_EQ(claims(res).at("scope").as_string(), "admin:read");
}

TEST_F(ClientCredentialsTest, RestrictedResourceDropsRequestedScopesThatWereNotGranted) {
  HttpResponse res = token(
      "grant_type=client_credentials&scope=admin%3Aread+admin%3Awrite"
      "&resource=" +
      std::string(kAdmin));
  EXPECT_EQ(claims(res).at("scope").as_string(), "admin:read");
}

// The scope names in a token response's access token, or {"<no token>"}.
std::set<std::string> token_scopes(const HttpResponse& res) {
  if (res.status != 200) return {"<no token>"};
  auto jwt = decode_jwt(res.json().at("access_token").as_string());
  if (!jwt) return {"<no token>"};
  return scope_set(jwt->payload.contains("scope") ? jwt->payload.at("scope") : json::value(""));
}

// The token endpoint caches what apps' roles grant (oidc/catalog.hpp). A change made through this
// server's management API is in that cache before the API answers: no wait, in either direction.
TEST(ClientCredentialsGrantingTest, RolesGivenAndTakenThroughTheApiApplyToTheVeryNextToken) {
  TestServer server;
  AppCredentials admin = create_app(server, "m2m", {"--management-api"});
  json::value resource = create_resource(server, {.indicator = kAdmin, .scopes = {"a", "b"}});
  AppCredentials app = create_app(server, "m2m");
  ASSERT_TRUE(wait_until_token_issued(server, admin, "urn:latch:management"));
  ASSERT_TRUE(wait_until_token_issued(server, app, kAdmin));
  HttpResponse admin_token = token_with_basic(
      server, admin, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
  ASSERT_EQ(admin_token.status, 200u) << admin_token.body;
  std::string bearer(admin_token.json().at("access_token").as_string());
  auto api = [&](boost::beast::http::verb method, const std::string& path, json::value body) {
    return management_request(server, method, path, body, bearer);
  };
  using boost::beast::http::verb;
  HttpResponse scopes =
      api(verb::get, "/api/resources/" + std::string(resource.at("id").as_string()) + "/scopes",
          nullptr);
  ASSERT_EQ(scopes.status, 200u) << scopes.body;
  json::array scope_ids;
  json::value listed = scopes.json();
  for (const auto& scope : listed.as_array()) {
    if (scope.at("name") == "b") scope_ids.push_back(scope.at("id"));
  }
  HttpResponse role = api(verb::post, "/api/roles",
                          json::object{{"name", "reporter"},
                                       {"description", "reads b"},
                                       {"type", "MachineToMachine"},
                                       {"scopeIds", scope_ids}});
  ASSERT_EQ(role.status, 200u) << role.body;
  std::string role_id(role.json().at("id").as_string());
  const std::string body = "grant_type=client_credentials&resource=" + std::string(kAdmin);
  EXPECT_EQ(token_scopes(token_with_basic(server, app, body)), std::set<std::string>{});

  HttpResponse given = api(verb::post, "/api/roles/" + role_id + "/applications",
                           json::object{{"applicationIds", json::array{json::string(app.id)}}});
  ASSERT_EQ(given.status, 201u) << given.body;
  EXPECT_EQ(token_scopes(token_with_basic(server, app, body)), std::set<std::string>{"b"});

  HttpResponse taken =
      api(verb::delete_, "/api/roles/" + role_id + "/applications/" + app.id, nullptr);
  ASSERT_EQ(taken.status, 204u) << taken.body;
  EXPECT_EQ(token_scopes(token_with_basic(server, app, body)), std::set<std::string>{});

  ASSERT_EQ(api(verb::post, "/api/roles/" + role_id + "/applications",
                json::object{{"applicationIds", json::array{json::string(app.id)}}})
                .status,
            201u);
  HttpResponse deleted_role = api(verb::delete_, "/api/roles/" + role_id, nullptr);
  ASSERT_EQ(deleted_role.status, 204u) << deleted_role.body;
  EXPECT_EQ(token_scopes(token_with_basic(server, app, body)), std::set<std::string>{});

  HttpResponse deleted = api(verb::delete_, "/api/applications/" + app.id, nullptr);
  ASSERT_EQ(deleted.status, 204u) << deleted.body;
  HttpResponse refused = token_with_basic(server, app, body);
  EXPECT_EQ(refused.status, 400u) << refused.body;  // no such client any more
  EXPECT_EQ(refused.json().at("error"), "invalid_client");
}

// Another process (here `latch app grant`) changes the database behind the server: the next
// token request sees the commit (read_through_test.cpp has the same with no epoch polling).
TEST(ClientCredentialsGrantingTest, AScopeGivenFromTheCommandLineAppliesToTheNextToken) {
  TestServer server;
  create_resource(server, {.indicator = kAdmin, .scopes = {"a", "b"}});
  create_resource(server, {.indicator = kOrders, .scopes = {"x"}});
  AppCredentials app = create_app(server, "m2m");
  ASSERT_TRUE(wait_until_token_issued(server, app, kOrders));
  const std::string body = "grant_type=client_credentials&resource=" + std::string(kAdmin);
  HttpResponse before = token_with_basic(server, app, body + "&scope=a%20b");
  auto none = decode_jwt(before.json().at("access_token").as_string());
  ASSERT_TRUE(none) << before.body;
  EXPECT_FALSE(none->payload.contains("scope")) << "no role grants it anything yet";

  grant_scopes(server, app.id, kAdmin, {"b"});

  EXPECT_EQ(token_scopes(token_with_basic(server, app, body)), std::set<std::string>{"b"});
}

}  // namespace
}  // namespace latch::test
