// Client authentication with a signed JWT (RFC 7523 §2.2, OIDC Core §9): client_secret_jwt and
// private_key_jwt at the token and introspection endpoints, end to end against the real binary.
// The private_key_jwt client publishes its keys at a JWKS URI served by a loopback web server.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kApi = "https://assertions.example.test";
constexpr const char* kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string jwk_set(std::initializer_list<const crypto::SigningKeyPair*> keys) {
  json::array list;
  for (const auto* key : keys) list.push_back(key->public_jwk());
  return json::serialize(json::object{{"keys", std::move(list)}});
}

// A compact JWS with an HMAC (RFC 7518 §3.2) under `secret`.
std::string hs256(const json::object& claims, const std::string& secret) {
  std::string input = crypto::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                      crypto::base64url_encode(json::serialize(claims));
  return input + "." + crypto::base64url_encode(crypto::hmac_sha256(secret, input));
}

class ClientAssertionTest : public SharedServerTest<ClientAssertionTest> {
 public:
  static void provision(TestServer& server) {
    dir_ = std::make_unique<TempDir>();
    es256_ = std::make_unique<crypto::SigningKeyPair>(
        crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256));
    rs256_ = std::make_unique<crypto::SigningKeyPair>(
        crypto::SigningKeyPair::generate(crypto::JwsAlg::RS256));
    rotated_ = std::make_unique<crypto::SigningKeyPair>(
        crypto::SigningKeyPair::generate(crypto::JwsAlg::EdDSA));
    stranger_ = std::make_unique<crypto::SigningKeyPair>(
        crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256));
    std::string base = serve_jwks();
    create_resource(server, {.indicator = kApi, .scopes = {"read"}});
    secret_jwt_ = create_app(server, "m2m", {"--token-endpoint-auth-method", "client_secret_jwt"});
    inline_keys_ = create_app(
        server, "m2m",
        {"--token-endpoint-auth-method", "private_key_jwt", "--jwks", jwk_set({es256_.get()})});
    remote_keys_ = create_app(
        server, "m2m",
        {"--token-endpoint-auth-method", "private_key_jwt", "--jwks-uri", base + "/jwks.json"});
    plain_ = create_app(server, "m2m");
    for (const auto* app : {&secret_jwt_, &inline_keys_, &remote_keys_, &plain_}) {
      grant_scopes(server, app->id, kApi, {"read"});
    }
    if (!wait_until_token_issued(server, plain_, kApi)) {
      throw std::runtime_error("the server did not pick up the provisioned apps");
    }
  }
  static void TearDownTestSuite() {
    site_.reset();
    SharedServerTest::TearDownTestSuite();
  }

 protected:
  // A loopback web server for the remote client's JWK Set; its base URL.
  static std::string serve_jwks() {
    std::filesystem::path site = dir_->path() / "site";
    std::filesystem::create_directories(site);
    write_file(site / "jwks.json", jwk_set({rs256_.get()}));
    site_ = std::make_unique<Process>(
        ProcessSpec{.argv = {"/usr/bin/python3", "-u", "-m", "http.server", "0", "--bind",
                             "127.0.0.1", "--directory", site.string()},
                    .env = {"PATH=/usr/bin:/bin"}});
    auto banner = site_->read_line(std::chrono::seconds(10));
    if (!banner || banner->find(" port ") == std::string::npos) {
      throw std::runtime_error("the JWKS web server did not start");
    }
    auto at = banner->find(" port ") + 6;
    return "http://127.0.0.1:" + banner->substr(at, banner->find(' ', at) - at);
  }

  static std::string issuer() { return server().endpoint() + "/oidc"; }

  // RFC 7523 §3: the claims a well-behaved client sends.
  static json::object claims(const std::string& client_id) {
    std::int64_t now = now_seconds();
    return {{"iss", client_id}, {"sub", client_id}, {"aud", issuer()},
            {"iat", now},       {"exp", now + 60},  {"jti", crypto::random_id(24)}};
  }

  HttpResponse post(const std::string& path, const std::string& assertion,
                    const std::string& extra = {}) {
    http::Params form;
    form.add("client_assertion_type", kJwtBearer);
    form.add("client_assertion", assertion);
    std::string body = http::encode_form(form) + extra;
    return server().client().post_form(path, body);
  }
  HttpResponse token(const std::string& assertion) {
    return post("/oidc/token", assertion,
                "&grant_type=client_credentials&resource=" + std::string(kApi));
  }

  static void expect_invalid_client(const HttpResponse& res, std::string_view why) {
    EXPECT_EQ(res.status, 401u) << res.body;
    auto body = res.json();
    ASSERT_TRUE(body.is_object()) << res.body;
    EXPECT_EQ(body.at("error").as_string(), "invalid_client") << res.body;
    EXPECT_NE(std::string(body.at("error_description").as_string()).find(why), std::string::npos)
        << res.body;
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<Process> site_;
  static inline std::unique_ptr<crypto::SigningKeyPair> es256_, rs256_, rotated_, stranger_;
  static inline AppCredentials secret_jwt_, inline_keys_, remote_keys_, plain_;
};

TEST_F(ClientAssertionTest, ClientSecretJwtGetsAToken) {
  auto res = token(hs256(claims(secret_jwt_.id), secret_jwt_.secret));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("token_type").as_string(), "Bearer");
}

TEST_F(ClientAssertionTest, PrivateKeyJwtWithRegisteredKeysGetsAToken) {
  auto res = token(crypto::sign_jwt(*es256_, claims(inline_keys_.id)));
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(ClientAssertionTest, PrivateKeyJwtWithAJwksUriGetsAToken) {
  auto res = token(crypto::sign_jwt(*rs256_, claims(remote_keys_.id)));
  EXPECT_EQ(res.status, 200u) << res.body;
}

// draft-ietf-oauth-rfc7523bis: the issuer is the audience; the token endpoint URL is accepted too.
TEST_F(ClientAssertionTest, TheTokenEndpointUrlIsAnAcceptedAudience) {
  auto payload = claims(inline_keys_.id);
  payload["aud"] = issuer() + "/token";
  EXPECT_EQ(token(crypto::sign_jwt(*es256_, payload)).status, 200u);
}

TEST_F(ClientAssertionTest, IntrospectionAcceptsBothMethods) {
  auto issued = token(crypto::sign_jwt(*es256_, claims(inline_keys_.id)));
  ASSERT_EQ(issued.status, 200u) << issued.body;
  std::string access = std::string(issued.json().at("access_token").as_string());
  auto by_key = post("/oidc/token/introspection",
                     crypto::sign_jwt(*es256_, claims(inline_keys_.id)), "&token=" + access);
  ASSERT_EQ(by_key.status, 200u) << by_key.body;
  EXPECT_TRUE(by_key.json().at("active").as_bool());
  auto by_secret = post("/oidc/token/introspection",
                        hs256(claims(secret_jwt_.id), secret_jwt_.secret), "&token=" + access);
  EXPECT_EQ(by_secret.status, 200u) << by_secret.body;
}

TEST_F(ClientAssertionTest, AnotherAudienceIsRefused) {
  auto payload = claims(inline_keys_.id);
  payload["aud"] = "https://other-server.example.test";
  expect_invalid_client(token(crypto::sign_jwt(*es256_, payload)), "aud");
}

// An array that adds another server's identifier could be replayed by that server.
TEST_F(ClientAssertionTest, AnAudienceArrayNamingAnotherServerIsRefused) {
  auto payload = claims(inline_keys_.id);
  payload["aud"] = json::array{issuer(), "https://other-server.example.test"};
  expect_invalid_client(token(crypto::sign_jwt(*es256_, payload)), "aud");
}

TEST_F(ClientAssertionTest, AReplayedJtiIsRefused) {
  std::string assertion = crypto::sign_jwt(*es256_, claims(inline_keys_.id));
  ASSERT_EQ(token(assertion).status, 200u);
  expect_invalid_client(token(assertion), "jti");
  auto fresh = claims(inline_keys_.id);
  fresh["jti"] = crypto::random_id(24);
  EXPECT_EQ(token(crypto::sign_jwt(*es256_, fresh)).status, 200u);
}

TEST_F(ClientAssertionTest, AnExpiredAssertionIsRefused) {
  auto payload = claims(inline_keys_.id);
  payload["iat"] = now_seconds() - 600;
  payload["exp"] = now_seconds() - 300;
  expect_invalid_client(token(crypto::sign_jwt(*es256_, payload)), "expired");
}

TEST_F(ClientAssertionTest, AnAssertionWithoutExpOrValidTooLongIsRefused) {
  auto without = claims(inline_keys_.id);
  without.erase("exp");
  expect_invalid_client(token(crypto::sign_jwt(*es256_, without)), "exp");
  auto long_lived = claims(inline_keys_.id);
  long_lived["exp"] = now_seconds() + 86400;
  expect_invalid_client(token(crypto::sign_jwt(*es256_, long_lived)), "exp");
}

TEST_F(ClientAssertionTest, AnAssertionWithoutJtiIsRefused) {
  auto payload = claims(inline_keys_.id);
  payload.erase("jti");
  expect_invalid_client(token(crypto::sign_jwt(*es256_, payload)), "jti");
}

TEST_F(ClientAssertionTest, AKeyTheClientDoesNotHoldIsRefused) {
  expect_invalid_client(token(crypto::sign_jwt(*stranger_, claims(inline_keys_.id))),
                        "no key of the client");
  expect_invalid_client(token(crypto::sign_jwt(*stranger_, claims(remote_keys_.id))),
                        "no key of the client");
}

TEST_F(ClientAssertionTest, AWrongSecretIsRefused) {
  expect_invalid_client(token(hs256(claims(secret_jwt_.id), "not-the-secret")), "MAC");
}

// An HMAC under the client secret does not authenticate a private_key_jwt client, whose secret
// may be known to others (the server, operators); a signature does not fit client_secret_jwt.
TEST_F(ClientAssertionTest, AnAlgorithmOfTheOtherMethodIsRefused) {
  expect_invalid_client(token(hs256(claims(inline_keys_.id), inline_keys_.secret)), "does not fit");
  expect_invalid_client(token(crypto::sign_jwt(*es256_, claims(secret_jwt_.id))), "does not fit");
}

TEST_F(ClientAssertionTest, AlgNoneIsRefused) {
  std::string unsigned_jwt = crypto::base64url_encode(R"({"alg":"none"})") + "." +
                             crypto::base64url_encode(json::serialize(claims(inline_keys_.id))) +
                             ".";
  expect_invalid_client(token(unsigned_jwt), "algorithm");
}

TEST_F(ClientAssertionTest, IssDifferentFromSubIsRefused) {
  auto payload = claims(inline_keys_.id);
  payload["iss"] = plain_.id;
  expect_invalid_client(token(crypto::sign_jwt(*es256_, payload)), "iss and sub");
}

TEST_F(ClientAssertionTest, AClientIdOtherThanTheSubjectIsRefused) {
  auto res = post("/oidc/token", crypto::sign_jwt(*es256_, claims(inline_keys_.id)),
                  "&grant_type=client_credentials&client_id=" + plain_.id);
  expect_invalid_client(res, "client_id");
}

TEST_F(ClientAssertionTest, AnAppNotRegisteredForAssertionsIsRefused) {
  expect_invalid_client(token(hs256(claims(plain_.id), plain_.secret)), "not registered");
}

TEST_F(ClientAssertionTest, AnAppRegisteredForAssertionsMayNotUseItsSecret) {
  auto res = token_with_basic(server(), secret_jwt_,
                              "grant_type=client_credentials&resource=" + std::string(kApi));
  expect_invalid_client(res, "client_secret_jwt");
}

TEST_F(ClientAssertionTest, AnUnknownAssertionTypeIsRefused) {
  http::Params form;
  form.add("grant_type", "client_credentials");
  form.add("client_assertion_type", "urn:example:saml2-bearer");
  form.add("client_assertion", crypto::sign_jwt(*es256_, claims(inline_keys_.id)));
  expect_invalid_client(server().client().post_form("/oidc/token", http::encode_form(form)),
                        "client_assertion_type");
}

TEST_F(ClientAssertionTest, AnAssertionBesideASecretIsAnInvalidRequest) {
  auto res = post("/oidc/token", crypto::sign_jwt(*es256_, claims(inline_keys_.id)),
                  "&grant_type=client_credentials&client_secret=x");
  EXPECT_EQ(res.status, 400u) << res.body;
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_request");
}

// A client that rotates its key publishes the new one: an unknown kid refetches the JWK Set at
// once instead of refusing until the cached copy expires.
TEST_F(ClientAssertionTest, ARotatedKeyIsFetchedFromTheJwksUri) {
  ASSERT_EQ(token(crypto::sign_jwt(*rs256_, claims(remote_keys_.id))).status, 200u);
  write_file(dir_->path() / "site" / "jwks.json", jwk_set({rs256_.get(), rotated_.get()}));
  auto res = token(crypto::sign_jwt(*rotated_, claims(remote_keys_.id)));
  EXPECT_EQ(res.status, 200u) << res.body;
}

TEST_F(ClientAssertionTest, DiscoveryAdvertisesTheMethodsAndAlgorithms) {
  auto doc = server().client().get("/oidc/.well-known/openid-configuration").json();
  for (const char* member :
       {"token_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported",
        "revocation_endpoint_auth_methods_supported"}) {
    const auto& methods = doc.at(member).as_array();
    EXPECT_NE(std::find(methods.begin(), methods.end(), json::value("private_key_jwt")),
              methods.end());
    EXPECT_NE(std::find(methods.begin(), methods.end(), json::value("client_secret_jwt")),
              methods.end());
  }
  const auto& algs = doc.at("token_endpoint_auth_signing_alg_values_supported").as_array();
  EXPECT_NE(std::find(algs.begin(), algs.end(), json::value("PS256")), algs.end());
  EXPECT_EQ(std::find(algs.begin(), algs.end(), json::value("none")), algs.end());
}

}  // namespace
}  // namespace latch::test
