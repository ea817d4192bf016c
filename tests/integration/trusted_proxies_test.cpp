// Behind a trusted proxy, the client address comes from the proxy's header: the per-address
// lockout and the audit log see the client, not the proxy, and one client locked out does not
// lock out the others coming through the same proxy.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/browser_session.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

// An authorization request of client `id` that sends the browser to sign in.
std::string auth_path_of(const std::string& id) {
  return "/oidc/auth?client_id=" + id +
         "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code"
         "&scope=openid&state=s&code_challenge_method=S256"
         "&code_challenge=E9Melhoa2OwvFrYMHUu6qXMLf8NZrqKR0Ul2BCemf1M";
}

// The audit log (GET /api/logs) as text, read with a management API token.
std::string audit_log(const TestServer& server) {
  auto admin = create_app(server, "m2m", {"--management-api"});
  if (!wait_until_token_issued(server, admin, "urn:latch:management")) return "no token";
  auto token = token_with_basic(
      server, admin, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
  std::string access_token(token.json().at("access_token").as_string());
  return management_request(server, verb::get, "/api/logs", nullptr, access_token).body;
}

class TrustedProxiesTest : public ::testing::Test {
 protected:
  // The test connects from 127.0.0.1, which it declares a proxy.
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_TRUSTED_PROXIES", "127.0.0.1, ::1"}}});
    app_ = create_app(*server_, "traditional", {"--redirect-uri", "http://localhost/cb"});
    must(server_->cli({"user", "create", "--username", "alice", "--password", "Correct-Horse-9"}));
    // Two failures lock an identifier; twenty (ten times as many) lock an address.
    must(server_->cli(
        {"experience", "set", R"(sentinelPolicy={"maxAttempts":2,"lockoutDuration":5})"}));
    ASSERT_TRUE(eventually([] { return server_->client().get(auth_path()).status != 400; }));
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }
  static void must(const ProcessResult& r) {
    if (r.exit_code != 0) throw std::runtime_error("cli failed: " + r.err);
  }
  static std::string auth_path() { return auth_path_of(app_.id); }

  // A sign-in interaction, started and moved to the SignIn event.
  std::string start_sign_in() {
    BrowserSession browser(*server_);
    browser.get(auth_path());
    std::string uid = browser.cookie("_latch_interaction").value_or("");
    call(uid, "192.0.2.1", verb::put, "", json::object{{"interactionEvent", "SignIn"}});
    return uid;
  }

  // An experience API call that the proxy forwards for `client`.
  HttpResponse call(const std::string& uid, const std::string& client, verb method,
                    const std::string& path, const json::value& body) {
    Headers headers{{"Content-Type", "application/json"},
                    {"Cookie", "_latch_interaction=" + uid},
                    {"X-Forwarded-For", "203.0.113.99, " + client}};
    return server_->client().request(method, "/api/experience" + path, json::serialize(body),
                                     headers);
  }

  HttpResponse password(const std::string& uid, const std::string& client, const std::string& user,
                        const std::string& secret) {
    return call(uid, client, verb::post, "/verification/password",
                json::object{{"identifier", {{"type", "username"}, {"value", user}}},
                             {"password", secret}});
  }

  static std::string code_of(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("code") ? std::string(v.at("code").as_string())
                                                           : "";
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials app_;
};

TEST_F(TrustedProxiesTest, LockingOutOneForwardedClientLeavesTheOthersThroughTheSameProxy) {
  auto uid = start_sign_in();
  // Twenty failures from one client, each for another (unknown) name: the address locks.
  for (int i = 0; i < 20; ++i) {
    auto res = password(uid, "198.51.100.7", "nobody" + std::to_string(i), "Wrong-Pass-123");
    ASSERT_EQ(res.status, 422u) << i << ": " << res.body;
  }
  auto locked = password(uid, "198.51.100.7", "alice", "Correct-Horse-9");
  EXPECT_EQ(locked.status, 403u);
  EXPECT_EQ(code_of(locked), "session.too_many_attempts");
  // Another client behind the same proxy signs in.
  auto other = password(start_sign_in(), "198.51.100.8", "alice", "Correct-Horse-9");
  EXPECT_EQ(other.status, 200u) << other.body;
}

TEST_F(TrustedProxiesTest, TheAuditLogRecordsTheForwardedClient) {
  auto uid = start_sign_in();
  password(uid, "198.51.100.20", "alice", "Wrong-Pass-123");
  std::string logs = audit_log(*server_);
  EXPECT_NE(logs.find("198.51.100.20"), std::string::npos) << logs;
}

TEST_F(TrustedProxiesTest, AnUntrustedPeerCannotChooseItsAddress) {
  TestServer plain;  // trusts no proxy
  auto app = create_app(plain, "traditional", {"--redirect-uri", "http://localhost/cb"});
  ASSERT_TRUE(eventually([&] { return plain.client().get(auth_path_of(app.id)).status != 400; }));
  BrowserSession browser(plain);
  browser.get(auth_path_of(app.id));
  std::string uid = browser.cookie("_latch_interaction").value_or("");
  Headers headers{{"Content-Type", "application/json"},
                  {"Cookie", "_latch_interaction=" + uid},
                  {"X-Forwarded-For", "198.51.100.30"}};
  plain.client().request(verb::put, "/api/experience",
                         json::serialize(json::object{{"interactionEvent", "SignIn"}}), headers);
  plain.client().request(
      verb::post, "/api/experience/verification/password",
      json::serialize(json::object{{"identifier", {{"type", "username"}, {"value", "ghost"}}},
                                   {"password", "Wrong-Pass-123"}}),
      headers);
  std::string logs = audit_log(plain);
  EXPECT_EQ(logs.find("198.51.100.30"), std::string::npos) << logs;
  EXPECT_NE(logs.find("127.0.0.1"), std::string::npos) << logs;
}

}  // namespace
}  // namespace latch::test
