// The OpenID Connect SSO connector (Logto's OIDC, Okta, AzureAdOidc presets) against an IdP served
// from this process, whose answers a test can spoil: an ID token from another issuer, signed by
// another key or for another nonce, a code_verifier that does not match the PKCE challenge. Also
// the providers' configuration guards.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "connectors/sso/sso_connector.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "http/form.hpp"
#include "http/server.hpp"
#include "support/fake_clock.hpp"

namespace latch::connectors::sso {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using std::chrono::seconds;
using Handler = http::asio::awaitable<http::Response>;

constexpr std::int64_t kIssuedAt = 1'700'000'000;  // FakeClock's default start

// What the IdP puts in its next ID token, and how it checks PKCE.
struct Spoil {
  std::string iss;         // "" = the IdP's own issuer
  bool other_key = false;  // signed by a key its JWKS does not have
  bool no_email_verified = false;
  std::string challenge;  // the S256 challenge the token request's verifier must meet
};

class LocalIdp {
 public:
  LocalIdp() : server_(options(), router_) {
    static std::atomic<int> instances{0};
    std::string path = "/sso" + std::to_string(++instances);
    router_.group(path)
        .get("/.well-known/openid-configuration",
             [this](http::Request&) -> Handler {
               co_return http::json_response(status::ok, discovery());
             })
        .get("/jwks",
             [this](http::Request&) -> Handler {
               co_return http::json_response(
                   status::ok, json::object{{"keys", json::array{key_.public_jwk()}}});
             })
        .post("/token", [this](http::Request& req) -> Handler { co_return token(req); });
    auto port = server_.listen();
    if (!port) throw std::runtime_error(port.error().description);
    issuer_ = "http://127.0.0.1:" + std::to_string(*port) + path;
    thread_ = std::thread([this] { server_.run(); });
  }
  ~LocalIdp() {
    server_.stop();
    thread_.join();
  }
  const std::string& issuer() const { return issuer_; }
  void expect(std::string nonce, Spoil spoil) {
    std::lock_guard lock(mutex_);
    nonce_ = std::move(nonce);
    spoil_ = std::move(spoil);
  }

 private:
  static http::ServerOptions options() {
    return {.address = "127.0.0.1",
            .port = 0,
            .threads = 1,
            .max_connections = 64,
            .shutdown_grace = seconds(1)};
  }
  json::object discovery() const {
    return {{"issuer", issuer_},
            {"authorization_endpoint", issuer_ + "/auth"},
            {"token_endpoint", issuer_ + "/token"},
            {"jwks_uri", issuer_ + "/jwks"}};
  }
  http::Response token(const http::Request& req) {
    std::lock_guard lock(mutex_);
    auto form = http::parse_form(req.body());
    std::string verifier = form ? std::string(form->value("code_verifier")) : "";
    if (crypto::base64url_encode(crypto::sha256(verifier)) != spoil_.challenge) {
      return http::json_response(status::bad_request, json::object{{"error", "invalid_grant"}});
    }
    json::object claims{{"iss", spoil_.iss.empty() ? issuer_ : spoil_.iss},
                        {"aud", "client-1"},
                        {"sub", "employee-7"},
                        {"nonce", nonce_},
                        {"iat", kIssuedAt},
                        {"exp", kIssuedAt + 300},
                        {"name", "Grace Hopper"},
                        {"email", "grace@acme.test"}};
    if (!spoil_.no_email_verified) claims["email_verified"] = true;
    const auto& key = spoil_.other_key ? other_key_ : key_;
    json::object body{{"access_token", "at-1"}, {"token_type", "Bearer"}};
    body["id_token"] = crypto::sign_jwt(key, claims);
    return http::json_response(status::ok, body);
  }

  crypto::SigningKeyPair key_ = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  crypto::SigningKeyPair other_key_ = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  http::Router router_;
  http::Server server_;
  std::string issuer_;
  std::mutex mutex_;
  std::string nonce_;
  Spoil spoil_;
  std::thread thread_;
};

class OidcSsoConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<SsoConnector> connector(bool trust_unverified = false) {
    const SsoProvider* provider = find_sso_provider("OIDC");
    auto config = provider->validate({{"issuer", idp_.issuer()},
                                      {"clientId", "client-1"},
                                      {"clientSecret", "secret-1"},
                                      {"trustUnverifiedEmail", trust_unverified}});
    if (!config) throw std::runtime_error(config.error().detail);
    return provider->create(*config, {clock_, std::chrono::milliseconds(3000)});
  }

  // The round trip; `spoil` says what the IdP gets wrong. `tamper` changes the session the
  // callback is checked against.
  Result<SsoUserInfo> sign_in(Spoil spoil, bool trust_unverified = false,
                              std::string tampered_verifier = "") {
    auto sso = connector(trust_unverified);
    SsoSession session{"state-1", "https://latch.test/callback/sso/c1", "", "", "", ""};
    auto uri = sso->authorization_uri(session);
    if (!uri) return uri.error();
    auto query = http::parse_form(std::string_view(*uri).substr(uri->find('?') + 1));
    EXPECT_TRUE(query);
    EXPECT_EQ(query->value("code_challenge_method"), "S256");
    EXPECT_EQ(query->value("scope"), "openid profile email");
    spoil.challenge = std::string(query->value("code_challenge"));
    idp_.expect(session.nonce, spoil);
    if (!tampered_verifier.empty()) session.code_verifier = tampered_verifier;
    return sso->verify({{"code", "code-1"}, {"state", "state-1"}}, session);
  }

  test::FakeClock clock_;
  LocalIdp idp_;
};

TEST_F(OidcSsoConnectorTest, ReturnsTheIdpsPersonWithTheConfiguredIssuer) {
  auto user = sign_in({});
  ASSERT_TRUE(user) << user.error().description << ": " << user.error().detail;
  EXPECT_EQ(user->issuer, idp_.issuer());
  EXPECT_EQ(user->subject, "employee-7");
  EXPECT_EQ(user->email, "grace@acme.test");
  EXPECT_EQ(user->name, "Grace Hopper");
  EXPECT_EQ(json_text(user->raw, "sub"), "employee-7");
}

TEST_F(OidcSsoConnectorTest, AnIdTokenFromAnotherIssuerIsRefused) {
  auto user = sign_in({.iss = "https://evil.example"});
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().code, Errc::InvalidToken);
  EXPECT_EQ(user.error().description, "connector.social_invalid_id_token");
}

TEST_F(OidcSsoConnectorTest, AnIdTokenSignedByAnotherKeyIsRefused) {
  auto user = sign_in({.other_key = true});
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().code, Errc::InvalidToken);
}

TEST_F(OidcSsoConnectorTest, AnIdTokenForAnotherNonceIsRefused) {
  auto sso = connector();
  SsoSession session{"state-1", "https://latch.test/callback/sso/c1", "", "", "", ""};
  auto uri = sso->authorization_uri(session);
  ASSERT_TRUE(uri);
  auto query = http::parse_form(std::string_view(*uri).substr(uri->find('?') + 1));
  idp_.expect("someone-elses-nonce", {.challenge = std::string(query->value("code_challenge"))});
  auto user = sso->verify({{"code", "code-1"}, {"state", "state-1"}}, session);
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().detail, "nonce mismatch");
}

TEST_F(OidcSsoConnectorTest, ACodeVerifierThatDoesNotMeetTheChallengeIsRefused) {
  auto user = sign_in({}, false, "a-verifier-the-idp-never-saw-a-challenge-for");
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().code, Errc::InvalidGrant);
}

TEST_F(OidcSsoConnectorTest, AnUnmarkedEmailCountsOnlyWhenTheAdminTrustsIt) {
  auto strict = sign_in({.no_email_verified = true});
  ASSERT_TRUE(strict);
  EXPECT_EQ(strict->email, "");
  auto trusting = sign_in({.no_email_verified = true}, true);
  ASSERT_TRUE(trusting);
  EXPECT_EQ(trusting->email, "grace@acme.test");
}

struct GuardCase {
  const char* description;
  const char* provider;
  json::object config;
  const char* field;  // "" = accepted
};

class SsoConfigGuardTest : public ::testing::TestWithParam<GuardCase> {};

TEST_P(SsoConfigGuardTest, ChecksTheConfigurationAsLogtosGuardDoes) {
  const auto& c = GetParam();
  auto checked = find_sso_provider(c.provider)->validate(c.config);
  if (std::string(c.field).empty()) {
    EXPECT_TRUE(checked) << c.description << ": " << checked.error().detail;
    return;
  }
  ASSERT_FALSE(checked) << c.description;
  EXPECT_EQ(checked.error().key, "connector.invalid_config");
  EXPECT_EQ(checked.error().field, c.field) << c.description;
}

INSTANTIATE_TEST_SUITE_P(
    Providers, SsoConfigGuardTest,
    ::testing::Values(
        GuardCase{"OIDC without a secret",
                  "OIDC",
                  {{"clientId", "a"}, {"issuer", "https://i"}},
                  "clientSecret"},
        GuardCase{"OIDC with a numeric issuer",
                  "OIDC",
                  {{"clientId", "a"}, {"clientSecret", "b"}, {"issuer", 23}},
                  "issuer"},
        GuardCase{"Okta complete",
                  "Okta",
                  {{"clientId", "a"}, {"clientSecret", "b"}, {"issuer", "https://acme.okta.com"}},
                  ""},
        GuardCase{"Google Workspace needs no issuer",
                  "GoogleWorkspace",
                  {{"clientId", "a"}, {"clientSecret", "b"}, {"offlineAccess", true}},
                  ""},
        GuardCase{"SAML with a numeric entity ID", "SAML", {{"entityId", 123}}, "metadata"},
        GuardCase{"SAML by metadata URL", "SAML", {{"metadataUrl", "https://idp/m"}}, ""},
        GuardCase{"SAML with an unknown signature algorithm",
                  "AzureAD",
                  {{"metadata", "<x/>"}, {"requestSignatureAlgorithm", "rsa-sha1"}},
                  "requestSignatureAlgorithm"}));

TEST(SsoProvidersTest, ListsLogtosProvidersInOrderAndSamlCannotSignInYet) {
  std::vector<std::string> names;
  for (const auto* p : sso_providers()) names.emplace_back(p->info().provider_name);
  EXPECT_EQ(names, (std::vector<std::string>{"OIDC", "SAML", "AzureAD", "AzureAdOidc",
                                             "GoogleWorkspace", "Okta"}));
  test::FakeClock clock;
  auto config = find_sso_provider("SAML")->validate({{"metadata", "<x/>"}});
  ASSERT_TRUE(config);
  EXPECT_EQ(find_sso_provider("SAML")->create(*config, {clock, std::chrono::milliseconds(1000)}),
            nullptr);
  EXPECT_EQ(find_sso_provider("nope"), nullptr);
}

}  // namespace
}  // namespace latch::connectors::sso
