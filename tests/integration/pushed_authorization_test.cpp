// Pushed authorization requests (RFC 9126) and request objects (RFC 9101) end to end: the push
// endpoint's client authentication and validation, the single-use request_uri at /oidc/auth, an
// app that requires PAR, and signed request objects inside a push and at /oidc/auth.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/oauth_expectations.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kWebCallback = "http://localhost:3000/callback";
constexpr const char* kSpaCallback = "http://localhost:5173/callback";
constexpr const char* kStrictCallback = "https://bank.example.test/callback";
constexpr const char* kKeyedCallback = "https://keyed.example.test/callback";
constexpr const char* kHmacCallback = "https://hmac.example.test/callback";
constexpr std::string_view kRequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

// A compact JWS with an HMAC (RFC 7518 §3.2) under `secret`, or an unsigned one (alg none).
std::string hs256(const json::object& claims, const std::string& secret) {
  std::string input = crypto::base64url_encode(R"({"alg":"HS256","typ":"oauth-authz-req+jwt"})") +
                      "." + crypto::base64url_encode(json::serialize(claims));
  return input + "." + crypto::base64url_encode(crypto::hmac_sha256(secret, input));
}
std::string unsigned_jwt(const json::object& claims) {
  return crypto::base64url_encode(R"({"alg":"none"})") + "." +
         crypto::base64url_encode(json::serialize(claims)) + ".";
}

// The authorization request parameters of a confidential web app.
http::Params web_params(const std::string& client_id, const std::string& state = "pushed-state") {
  return {{"client_id", client_id},  {"redirect_uri", kWebCallback},
          {"response_type", "code"}, {"scope", "openid profile"},
          {"state", state},          {"nonce", "n-1"}};
}

class PushedAuthorizationTest : public SharedServerTest<PushedAuthorizationTest> {
 public:
  static void provision(TestServer& server) {
    alice_ = {.username = "alice_par", .email = "alice_par@example.test"};
    create_user(server, alice_);
    key_ = std::make_unique<crypto::SigningKeyPair>(
        crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256));
    web_ = create_user_app(server, {.type = "traditional", .redirect_uris = {kWebCallback}});
    spa_ = create_user_app(server, {.type = "spa", .redirect_uris = {kSpaCallback}});
    strict_ =
        create_app(server, "traditional",
                   {"--redirect-uri", kStrictCallback, "--require-pushed-authorization-requests"});
    json::object jwks{{"keys", json::array{key_->public_jwk()}}};
    keyed_ = create_app(server, "traditional",
                        {"--redirect-uri", kKeyedCallback, "--token-endpoint-auth-method",
                         "private_key_jwt", "--jwks", json::serialize(jwks)});
    hmac_ = create_app(
        server, "traditional",
        {"--redirect-uri", kHmacCallback, "--token-endpoint-auth-method", "client_secret_jwt"});
    operator_ = create_app(server, "m2m", {"--management-api"});
    if (!wait_until_client_known(server, web_, kWebCallback) ||
        !wait_until_client_known(server, keyed_, kKeyedCallback) ||
        !wait_until_client_known(server, hmac_, kHmacCallback)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }

 protected:
  static std::string issuer() { return server().endpoint() + "/oidc"; }

  // POST /oidc/request with HTTP Basic as `app` (none when `app` has no secret).
  static HttpResponse push(const AppCredentials& app, const http::Params& params) {
    Headers headers;
    if (!app.secret.empty()) headers.emplace_back("Authorization", basic_auth(app.id, app.secret));
    return server().client().post_form("/oidc/request", http::encode_form(params), headers);
  }
  // The request_uri of a successful push (a test failure otherwise).
  static std::string pushed_uri(const AppCredentials& app, const http::Params& params) {
    HttpResponse res = push(app, params);
    EXPECT_EQ(res.status, 201u) << res.body;
    return json_text(res.json(), "request_uri");
  }
  static std::string auth_target(const std::string& client_id, const std::string& request_uri,
                                 http::Params extra = {}) {
    http::Params params{{"client_id", client_id}, {"request_uri", request_uri}};
    for (const auto& [name, value] : extra.items()) params.add(name, value);
    return "/oidc/auth?" + http::encode_form(params);
  }
  // The claims of a request object `client_id` signs for this server.
  static json::object request_claims(const std::string& client_id, const std::string& redirect) {
    std::int64_t now = unix_now();
    return {{"iss", client_id},         {"aud", issuer()},
            {"client_id", client_id},   {"iat", now},
            {"exp", now + 60},          {"jti", crypto::random_id(16)},
            {"redirect_uri", redirect}, {"response_type", "code"},
            {"scope", "openid"},        {"state", "jar-state"}};
  }
  // RFC 7523 §3's claims of a client assertion by `client_id` for this issuer, with a fresh jti.
  static json::object assertion_claims(const std::string& client_id) {
    return {{"iss", client_id},
            {"sub", client_id},
            {"aud", issuer()},
            {"exp", unix_now() + 60},
            {"jti", crypto::random_id(16)}};
  }
  // A push of `body` authenticated by `client_id`'s client assertion `assertion`.
  static HttpResponse push_asserted(const std::string& client_id, const std::string& assertion,
                                    http::Params body) {
    body.add("client_id", client_id);
    body.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    body.add("client_assertion", assertion);
    return push({client_id, ""}, body);
  }
  // A push by the private_key_jwt app of the request object `jwt`: a client assertion signed
  // with its key.
  static HttpResponse push_keyed(const std::string& jwt) {
    return push_asserted(keyed_.id, crypto::sign_jwt(*key_, assertion_claims(keyed_.id)),
                         {{"request", jwt}});
  }
  // A push by the client_secret_jwt app: an HS256 client assertion under its secret, and `body`.
  static HttpResponse push_hmac(http::Params body) {
    return push_asserted(hmac_.id, hs256(assertion_claims(hmac_.id), hmac_.secret),
                         std::move(body));
  }
  static HttpResponse push_object(const AppCredentials& app, const std::string& jwt) {
    return push(app, {{"client_id", app.id}, {"request", jwt}});
  }
  std::string management_token() {
    auto res =
        token_with_basic(server(), operator_,
                         "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return json_text(res.json(), "access_token");
  }

  static inline UserSpec alice_;
  static inline std::unique_ptr<crypto::SigningKeyPair> key_;
  static inline AppCredentials web_, spa_, strict_, keyed_, hmac_, operator_;
};

TEST_F(PushedAuthorizationTest, DiscoveryAdvertisesTheEndpointAndRequestObjects) {
  json::value doc = server().client().get("/oidc/.well-known/openid-configuration").json();
  EXPECT_EQ(json_text(doc, "pushed_authorization_request_endpoint"), issuer() + "/request");
  EXPECT_EQ(doc.at("require_pushed_authorization_requests"), json::value(false));
  EXPECT_EQ(doc.at("request_parameter_supported"), json::value(true));
  EXPECT_EQ(doc.at("request_uri_parameter_supported"), json::value(true));
  const auto& algs = doc.at("request_object_signing_alg_values_supported").as_array();
  EXPECT_NE(std::find(algs.begin(), algs.end(), json::value("ES256")), algs.end());
  EXPECT_EQ(std::find(algs.begin(), algs.end(), json::value("none")), algs.end());
}

TEST_F(PushedAuthorizationTest, APushedRequestCompletesTheCodeFlow) {
  HttpResponse res = push(web_, web_params(web_.id));
  ASSERT_EQ(res.status, 201u) << res.body;
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  json::value body = res.json();
  std::string request_uri = json_text(body, "request_uri");
  EXPECT_EQ(request_uri.rfind(kRequestUriPrefix, 0), 0u) << request_uri;
  EXPECT_EQ(body.at("expires_in"), json::value(60));

  BrowserSession browser(server());
  HttpResponse page = browser.navigate(auth_target(web_.id, request_uri));
  ASSERT_TRUE(is_sign_in_page(page)) << page.body;
  HttpResponse callback = browser.follow(
      browser.submit(page, {{"identifier", alice_.username}, {"password", alice_.password}}));
  ASSERT_TRUE(is_code_redirect(callback, kWebCallback, "pushed-state", issuer()));
  HttpResponse tokens = redeem_code(server(), web_, code_of(callback), kWebCallback);
  ASSERT_EQ(tokens.status, 200u) << tokens.body;
  json::object id_token = verified_payload(server(), json_text(tokens.json(), "id_token"));
  EXPECT_EQ(json_text(id_token, "nonce"), "n-1");
}

// RFC 9126 §4: beside client_id and request_uri, the query's parameters are ignored.
TEST_F(PushedAuthorizationTest, OtherQueryParametersAreIgnored) {
  std::string request_uri = pushed_uri(web_, web_params(web_.id));
  BrowserSession browser(server());
  std::string target = auth_target(
      web_.id, request_uri,
      {{"redirect_uri", "https://attacker.example.test/cb"}, {"state", "other"}, {"prompt", "x"}});
  HttpResponse res = browser.get(target);
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("Location"), "/sign-in");
}

TEST_F(PushedAuthorizationTest, AReplayedRequestUriShowsAReadableErrorPage) {
  std::string request_uri = pushed_uri(web_, web_params(web_.id));
  BrowserSession browser(server());
  EXPECT_EQ(browser.get(auth_target(web_.id, request_uri)).status, 303u);
  HttpResponse again = browser.get(auth_target(web_.id, request_uri));
  EXPECT_TRUE(is_error_page(again));
  EXPECT_NE(again.body.find("works only once"), std::string::npos) << again.body;
  EXPECT_NE(again.body.find("already used"), std::string::npos) << again.body;
}

TEST_F(PushedAuthorizationTest, AnUnknownRequestUriIsRefused) {
  std::string made_up = std::string(kRequestUriPrefix) + crypto::random_token(32);
  EXPECT_TRUE(is_error_page(server().client().get(auth_target(web_.id, made_up))));
  EXPECT_TRUE(is_error_page(server().client().get(auth_target(web_.id, "https://x.test/r"))));
}

TEST_F(PushedAuthorizationTest, TheRequestUriOfAnotherClientIsRefused) {
  std::string request_uri = pushed_uri(web_, web_params(web_.id));
  HttpResponse res = server().client().get(auth_target(spa_.id, request_uri));
  EXPECT_TRUE(is_error_page(res));
  EXPECT_NE(res.body.find("another client"), std::string::npos) << res.body;
}

TEST_F(PushedAuthorizationTest, AConfidentialClientMustAuthenticate) {
  EXPECT_TRUE(is_oauth_error(push({web_.id, ""}, web_params(web_.id)), 401, "invalid_client"));
  AppCredentials wrong{web_.id, "not-the-secret-not-the-secret-00"};
  EXPECT_TRUE(is_oauth_error(push(wrong, web_params(web_.id)), 401, "invalid_client"));
}

TEST_F(PushedAuthorizationTest, APublicClientPushesWithPkce) {
  http::Params params{{"client_id", spa_.id},
                      {"redirect_uri", kSpaCallback},
                      {"response_type", "code"},
                      {"scope", "openid"}};
  EXPECT_TRUE(is_oauth_error(push(spa_, params), 400, "invalid_request"));  // no PKCE
  params.add("code_challenge", make_pkce().challenge);
  params.add("code_challenge_method", "S256");
  HttpResponse res = push(spa_, params);
  ASSERT_EQ(res.status, 201u) << res.body;
  HttpResponse auth =
      server().client().get(auth_target(spa_.id, json_text(res.json(), "request_uri")));
  EXPECT_EQ(auth.status, 303u) << auth.body;
  EXPECT_EQ(auth.header("Location"), "/sign-in");
}

TEST_F(PushedAuthorizationTest, ThePushIsValidatedAsTheAuthorizationEndpointWould) {
  http::Params bad_redirect{{"client_id", web_.id},
                            {"redirect_uri", "https://evil.example.test/cb"},
                            {"response_type", "code"},
                            {"scope", "openid"}};
  EXPECT_TRUE(is_oauth_error(push(web_, bad_redirect), 400, "invalid_request"));
  http::Params token_type{{"client_id", web_.id},
                          {"redirect_uri", kWebCallback},
                          {"response_type", "token"},
                          {"scope", "openid"}};
  EXPECT_TRUE(is_oauth_error(push(web_, token_type), 400, "unsupported_response_type"));
  http::Params resource = web_params(web_.id);
  resource.add("resource", "https://unknown.example.test");
  EXPECT_TRUE(is_oauth_error(push(web_, resource), 400, "invalid_target"));
}

// RFC 9126 §2.1: request_uri is what the endpoint issues; it cannot be pushed.
TEST_F(PushedAuthorizationTest, ARequestUriInsideThePushIsRefused) {
  http::Params params = web_params(web_.id);
  params.add("request_uri", std::string(kRequestUriPrefix) + "abc");
  HttpResponse res = push(web_, params);
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request"));
  EXPECT_NE(res.body.find("request_uri"), std::string::npos) << res.body;
}

TEST_F(PushedAuthorizationTest, AnAppThatRequiresParRefusesAPlainAuthorizationRequest) {
  AuthorizeRequest plain{.client_id = strict_.id, .redirect_uri = kStrictCallback};
  HttpResponse res = server().client().get(plain.target());
  EXPECT_TRUE(is_error_redirect(res, kStrictCallback, "invalid_request", "state-1", issuer()));
  http::Params params{{"client_id", strict_.id},
                      {"redirect_uri", kStrictCallback},
                      {"response_type", "code"},
                      {"scope", "openid"}};
  std::string request_uri = pushed_uri(strict_, params);
  HttpResponse pushed = server().client().get(auth_target(strict_.id, request_uri));
  EXPECT_EQ(pushed.status, 303u) << pushed.body;
  EXPECT_EQ(pushed.header("Location"), "/sign-in");
}

TEST_F(PushedAuthorizationTest, TheManagementApiSetsRequirePushedAuthorizationRequests) {
  std::string token = management_token();
  ASSERT_FALSE(token.empty());
  AppCredentials app = create_user_app(server(), {.redirect_uris = {kWebCallback}});
  std::string path = "/api/applications/" + app.id;
  EXPECT_EQ(management_request(server(), verb::get, path, nullptr, token)
                .json()
                .at("oidcClientMetadata")
                .at("requirePushedAuthorizationRequests"),
            json::value(false));
  json::object on{{"oidcClientMetadata", {{"requirePushedAuthorizationRequests", true}}}};
  HttpResponse changed = management_request(server(), verb::patch, path, on, token);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json().at("oidcClientMetadata").at("requirePushedAuthorizationRequests"),
            json::value(true));
  json::object other{{"name", "Renamed"}};
  HttpResponse renamed = management_request(server(), verb::patch, path, other, token);
  EXPECT_EQ(renamed.json().at("oidcClientMetadata").at("requirePushedAuthorizationRequests"),
            json::value(true));
  json::object wrong{{"oidcClientMetadata", {{"requirePushedAuthorizationRequests", "yes"}}}};
  EXPECT_EQ(management_request(server(), verb::patch, path, wrong, token).status, 400u);
}

// An HMAC under the client secret (RFC 9101 §10.1) for an app registered for client_secret_jwt:
// only such an app's secret is kept where Latch can compute an HMAC with it.
TEST_F(PushedAuthorizationTest, ARequestObjectSignedWithTheSecretIsPushed) {
  json::object claims = request_claims(hmac_.id, kHmacCallback);
  HttpResponse res = push_hmac({{"request", hs256(claims, hmac_.secret)}});
  ASSERT_EQ(res.status, 201u) << res.body;
  BrowserSession browser(server());
  HttpResponse page = browser.navigate(auth_target(hmac_.id, json_text(res.json(), "request_uri")));
  ASSERT_TRUE(is_sign_in_page(page)) << page.body;
  HttpResponse callback = browser.follow(
      browser.submit(page, {{"identifier", alice_.username}, {"password", alice_.password}}));
  EXPECT_TRUE(is_code_redirect(callback, kHmacCallback, "jar-state", issuer()));
}

TEST_F(PushedAuthorizationTest, ASecretSignedRequestObjectNeedsClientSecretJwt) {
  HttpResponse res = push_object(web_, hs256(request_claims(web_.id, kWebCallback), web_.secret));
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request_object"));
  EXPECT_NE(res.body.find("client_secret_jwt"), std::string::npos) << res.body;
}

TEST_F(PushedAuthorizationTest, ARequestObjectSignedWithTheClientsKeyIsPushed) {
  json::object claims = request_claims(keyed_.id, kKeyedCallback);
  HttpResponse res = push_keyed(crypto::sign_jwt(*key_, claims));
  ASSERT_EQ(res.status, 201u) << res.body;
  HttpResponse auth =
      server().client().get(auth_target(keyed_.id, json_text(res.json(), "request_uri")));
  EXPECT_EQ(auth.status, 303u) << auth.body;
}

// RFC 9101 §6.3: only the request object's parameters count, not the body's.
TEST_F(PushedAuthorizationTest, ParametersBesideTheRequestObjectAreIgnored) {
  json::object claims = request_claims(hmac_.id, kHmacCallback);
  HttpResponse res = push_hmac(
      {{"request", hs256(claims, hmac_.secret)}, {"redirect_uri", "https://evil.example.test/cb"}});
  EXPECT_EQ(res.status, 201u) << res.body;
}

TEST_F(PushedAuthorizationTest, ABadlySignedRequestObjectIsRefused) {
  json::object claims = request_claims(web_.id, kWebCallback);
  HttpResponse res = push_hmac({{"request", hs256(claims, "another-secret-another-secret-00")}});
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request_object"));
  EXPECT_NE(res.body.find("MAC"), std::string::npos) << res.body;
}

TEST_F(PushedAuthorizationTest, ARequestObjectForAnotherAudienceIsRefused) {
  json::object claims = request_claims(keyed_.id, kKeyedCallback);
  claims["aud"] = "https://other-server.example.test";
  HttpResponse res = push_keyed(crypto::sign_jwt(*key_, claims));
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request_object"));
  EXPECT_NE(res.body.find("aud"), std::string::npos) << res.body;
}

TEST_F(PushedAuthorizationTest, AnUnsignedRequestObjectIsRefused) {
  HttpResponse res = push_object(web_, unsigned_jwt(request_claims(web_.id, kWebCallback)));
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request_object"));
}

TEST_F(PushedAuthorizationTest, AnExpiredRequestObjectIsRefused) {
  json::object claims = request_claims(keyed_.id, kKeyedCallback);
  claims["exp"] = unix_now() - 120;
  HttpResponse res = push_keyed(crypto::sign_jwt(*key_, claims));
  EXPECT_TRUE(is_oauth_error(res, 400, "invalid_request_object"));
  EXPECT_NE(res.body.find("expired"), std::string::npos) << res.body;
  claims.erase("exp");
  EXPECT_TRUE(
      is_oauth_error(push_keyed(crypto::sign_jwt(*key_, claims)), 400, "invalid_request_object"));
}

TEST_F(PushedAuthorizationTest, ARequestObjectOfAnotherClientIsRefused) {
  json::object claims = request_claims(hmac_.id, kHmacCallback);
  claims["client_id"] = spa_.id;
  EXPECT_TRUE(is_oauth_error(push_hmac({{"request", hs256(claims, hmac_.secret)}}), 400,
                             "invalid_request_object"));
  claims = request_claims(hmac_.id, kHmacCallback);
  claims["iss"] = spa_.id;
  EXPECT_TRUE(is_oauth_error(push_hmac({{"request", hs256(claims, hmac_.secret)}}), 400,
                             "invalid_request_object"));
}

TEST_F(PushedAuthorizationTest, ARequestObjectIsAcceptedAtTheAuthorizationEndpoint) {
  json::object claims = request_claims(keyed_.id, kKeyedCallback);
  std::string target =
      "/oidc/auth?" +
      http::encode_form({{"client_id", keyed_.id}, {"request", crypto::sign_jwt(*key_, claims)}});
  HttpResponse res = server().client().get(target);
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("Location"), "/sign-in");
  claims["aud"] = "https://other-server.example.test";
  std::string wrong =
      "/oidc/auth?" +
      http::encode_form({{"client_id", keyed_.id}, {"request", crypto::sign_jwt(*key_, claims)}});
  EXPECT_TRUE(is_error_page(server().client().get(wrong)));
}

// A request_uri lives pushed_request_ttl seconds (1 here).
TEST(PushedAuthorizationExpiryTest, AnExpiredRequestUriIsRefused) {
  TestServer server({.env = {{"LATCH_PUSHED_REQUEST_TTL", "1"}}});
  AppCredentials web = create_user_app(server, {.redirect_uris = {kWebCallback}});
  ASSERT_TRUE(wait_until_client_known(server, web, kWebCallback));
  Headers basic{{"Authorization", basic_auth(web.id, web.secret)}};
  HttpResponse pushed =
      server.client().post_form("/oidc/request", http::encode_form(web_params(web.id)), basic);
  ASSERT_EQ(pushed.status, 201u) << pushed.body;
  EXPECT_EQ(pushed.json().at("expires_in"), json::value(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  http::Params query{{"client_id", web.id},
                     {"request_uri", json_text(pushed.json(), "request_uri")}};
  HttpResponse res = server.client().get("/oidc/auth?" + http::encode_form(query));
  EXPECT_TRUE(is_error_page(res));
  EXPECT_NE(res.body.find("expired"), std::string::npos) << res.body;
}

}  // namespace
}  // namespace latch::test
