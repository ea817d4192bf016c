// The generic OpenID Connect connector against a provider served from this process. The
// connector reads time only from the clock it was built with: ID token lifetimes and the age of
// the cached discovery document are judged by a FakeClock here. It trusts the discovery
// document's endpoints only when they are http(s) URLs.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "connectors/social/social_connector.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "http/server.hpp"
#include "support/fake_clock.hpp"

namespace latch::connectors {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using std::chrono::minutes;
using std::chrono::seconds;
using Handler = http::asio::awaitable<http::Response>;

constexpr std::int64_t kIssuedAt = 1'700'000'000;  // FakeClock's default start
constexpr std::int64_t kLifetime = 300;
constexpr std::int64_t kSkew = 120;  // what the connector tolerates

// An OpenID provider on 127.0.0.1 and an ephemeral port: discovery, JWKS, and a token endpoint
// whose ID token was issued at kIssuedAt for kLifetime seconds. Each instance has its own
// issuer path, so no two share an entry of the process-wide discovery cache.
class LocalProvider {
 public:
  LocalProvider() : server_(options(), router_) {
    static std::atomic<int> instances{0};
    std::string path = "/p" + std::to_string(++instances);
    router_.group(path)
        .get("/.well-known/openid-configuration",
             [this](http::Request&) -> Handler {
               ++discoveries_;
               co_return http::json_response(status::ok, discovery());
             })
        .get("/jwks",
             [this](http::Request&) -> Handler {
               co_return http::json_response(
                   status::ok, json::object{{"keys", json::array{key_.public_jwk()}}});
             })
        .post("/token", [this](http::Request&) -> Handler {
          json::object body{{"access_token", "at-1"}, {"token_type", "Bearer"}};
          body["id_token"] = crypto::sign_jwt(key_, id_token_claims());
          co_return http::json_response(status::ok, body);
        });
    auto port = server_.listen();
    if (!port) throw std::runtime_error(port.error().description);
    issuer_ = "http://127.0.0.1:" + std::to_string(*port) + path;
    thread_ = std::thread([this] { server_.run(); });
  }
  ~LocalProvider() {
    server_.stop();
    thread_.join();
  }

  const std::string& issuer() const { return issuer_; }
  int discoveries() const { return discoveries_; }
  // The nonce the next ID token carries (the one the connector sent with the browser).
  void expect_nonce(std::string nonce) {
    std::lock_guard lock(mutex_);
    nonce_ = std::move(nonce);
  }
  // What the discovery document names as the authorization endpoint from now on.
  void announce_authorization_endpoint(std::string endpoint) {
    std::lock_guard lock(mutex_);
    authorization_endpoint_ = std::move(endpoint);
  }

 private:
  static http::ServerOptions options() {
    return {.address = "127.0.0.1",
            .port = 0,
            .threads = 1,
            .max_connections = 64,
            .shutdown_grace = seconds(1)};
  }
  json::object discovery() {
    std::lock_guard lock(mutex_);
    return {{"issuer", issuer_},
            {"authorization_endpoint",
             authorization_endpoint_.empty() ? issuer_ + "/auth" : authorization_endpoint_},
            {"token_endpoint", issuer_ + "/token"},
            {"jwks_uri", issuer_ + "/jwks"}};
  }
  json::object id_token_claims() {
    std::lock_guard lock(mutex_);
    return {{"iss", issuer_},      {"aud", "client-1"},         {"sub", "user-1"},
            {"nonce", nonce_},     {"iat", kIssuedAt},          {"exp", kIssuedAt + kLifetime},
            {"name", "Ada Local"}, {"email", "ada@local.test"}, {"email_verified", true}};
  }

  crypto::SigningKeyPair key_ = crypto::SigningKeyPair::generate(crypto::JwsAlg::ES256);
  http::Router router_;
  http::Server server_;
  std::string issuer_;
  std::atomic<int> discoveries_{0};
  std::mutex mutex_;
  std::string nonce_;
  std::string authorization_endpoint_;
  std::thread thread_;
};

class OidcConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<SocialConnector> connector() {
    const ConnectorFactory* factory = find_factory("oidc");
    auto config = factory->validate({{"target", "local"},
                                     {"issuer", provider_.issuer()},
                                     {"clientId", "client-1"},
                                     {"clientSecret", "secret-1"}});
    if (!config) throw std::runtime_error(config.error().description);
    return factory->create(*config, {clock_, std::chrono::milliseconds(3000)});
  }

  // The browser's round trip: the authorization URL, then the callback with a code.
  Result<SocialUserInfo> sign_in() {
    auto oidc = connector();
    SocialSession session{"state-1", "https://latch.test/callback/c1", "", ""};
    auto uri = oidc->authorization_uri(session);
    if (!uri) return uri.error();
    provider_.expect_nonce(session.nonce);
    return oidc->user_info({{"code", "code-1"}, {"state", "state-1"}}, session);
  }

  void set_clock(std::int64_t unix_seconds) {
    clock_.set(std::chrono::system_clock::time_point(seconds(unix_seconds)));
  }

  test::FakeClock clock_;
  LocalProvider provider_;
};

// The token was issued in 2023: by the wall clock it expired long ago, by the fake one it is a
// minute old.
TEST_F(OidcConnectorTest, IdTokenWithinItsLifetimeOnTheInjectedClockIsAccepted) {
  set_clock(kIssuedAt + 60);
  auto user = sign_in();
  ASSERT_TRUE(user) << user.error().description << ": " << user.error().detail;
  EXPECT_EQ(user->id, "user-1");
  EXPECT_EQ(user->email, "ada@local.test");
}

TEST_F(OidcConnectorTest, IdTokenPastItsExpiryOnTheInjectedClockIsRefused) {
  set_clock(kIssuedAt + kLifetime + kSkew);
  auto user = sign_in();
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().code, Errc::InvalidToken);
  EXPECT_EQ(user.error().description, "connector.social_invalid_id_token");
  EXPECT_EQ(user.error().detail, "expired");
}

TEST_F(OidcConnectorTest, IdTokenIssuedAfterTheInjectedNowIsRefused) {
  set_clock(kIssuedAt - kSkew - 1);
  auto user = sign_in();
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().detail, "iat in future");
}

TEST_F(OidcConnectorTest, DiscoveryIsCachedForTenMinutesOfTheInjectedClock) {
  auto oidc = connector();
  SocialSession session{"state-1", "https://latch.test/callback/c1", "", ""};
  ASSERT_TRUE(oidc->authorization_uri(session));
  clock_.advance(minutes(10));
  ASSERT_TRUE(oidc->authorization_uri(session));
  EXPECT_EQ(provider_.discoveries(), 1);
  clock_.advance(seconds(1));
  ASSERT_TRUE(oidc->authorization_uri(session));
  EXPECT_EQ(provider_.discoveries(), 2);
}

TEST_F(OidcConnectorTest, DiscoveryFetchedInTheInjectedFutureIsFetchedAgain) {
  auto oidc = connector();
  SocialSession session{"state-1", "https://latch.test/callback/c1", "", ""};
  ASSERT_TRUE(oidc->authorization_uri(session));
  clock_.advance(-minutes(1));  // the clock was set back
  ASSERT_TRUE(oidc->authorization_uri(session));
  EXPECT_EQ(provider_.discoveries(), 2);
}

// The browser is sent to the authorization endpoint: text that is not a URL stops the sign-in
// with a clear error instead of becoming a redirect.
TEST_F(OidcConnectorTest, DiscoveredAuthorizationEndpointThatIsNotAUrlIsInvalidResponse) {
  provider_.announce_authorization_endpoint("javascript:alert(1)//");
  SocialSession session{"state-1", "https://latch.test/callback/c1", "", ""};
  auto uri = connector()->authorization_uri(session);
  ASSERT_FALSE(uri);
  EXPECT_EQ(uri.error().code, Errc::Unavailable);
  EXPECT_EQ(uri.error().description, "connector.invalid_response");
  EXPECT_EQ(uri.error().detail, "the discovery document lacks an http(s) authorization_endpoint");
  // Not cached: once the provider fixes its document, sign-in works again.
  provider_.announce_authorization_endpoint("");
  EXPECT_TRUE(connector()->authorization_uri(session));
  EXPECT_EQ(provider_.discoveries(), 2);
}

}  // namespace
}  // namespace latch::connectors
