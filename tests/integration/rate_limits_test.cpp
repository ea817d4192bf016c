// Rate limits beyond the lockout: failed client authentications per client and per address at
// the token, introspection and revocation endpoints; sign-in submissions and verification codes
// per address, on the hosted pages and the experience API. Each refusal is a 429 with
// Retry-After in the surface's own error shape.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using namespace std::chrono_literals;

// The suites count over an hour (LATCH_RATE_LIMIT_WINDOW), so that a test never straddles two
// windows.
constexpr std::pair<const char*, const char*> kHourWindow{"LATCH_RATE_LIMIT_WINDOW", "3600"};

// 1 to 3600: the rest of the window.
::testing::AssertionResult retry_after_within_the_window(const HttpResponse& res) {
  std::string value = res.header("Retry-After");
  int seconds = value.empty() ? 0 : std::stoi(value);
  if (seconds >= 1 && seconds <= 3600) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "Retry-After: '" << value << "'";
}

// POST `path` (introspection by default) as client `id` with `secret` in HTTP Basic, forwarded by
// the test (a trusted proxy) for `address`. The form suits all three endpoints.
HttpResponse authenticate(const TestServer& server, const std::string& address,
                          const std::string& id, const std::string& secret,
                          const std::string& path = "/oidc/token/introspection") {
  return server.client().post_form(
      path, "grant_type=client_credentials&token=whatever",
      {{"Authorization", basic_auth(id, secret)}, {"X-Forwarded-For", address}});
}

// Five failures per client, eight per address; the test is a trusted proxy and says for which
// address it forwards each request.
class ClientAuthLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {kHourWindow,
                                  {"LATCH_TRUSTED_PROXIES", "127.0.0.1"},
                                  {"LATCH_CLIENT_AUTH_FAILURES_PER_CLIENT", "5"},
                                  {"LATCH_CLIENT_AUTH_FAILURES_PER_IP", "8"}}});
    TestServer& server = *server_;
    for (auto* app : {&a_, &b_, &c_, &d_}) *app = create_app(server, "m2m");
    // Until the server has loaded the app, each try is a failure: from a new address each time,
    // or the address would be blocked before the app arrives.
    int attempt = 0;
    auto loaded = [&] {
      std::string address = "203.0.113." + std::to_string(++attempt % 250);
      return authenticate(server, address, d_.id, d_.secret).status == 200u;
    };
    if (!eventually(loaded)) {
      throw std::runtime_error("the server did not load the apps");
    }
  }
  static void TearDownTestSuite() { server_.reset(); }
  static TestServer& server() { return *server_; }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials a_, b_, c_, d_;
};

TEST_F(ClientAuthLimitsTest, AfterTooManyWrongSecretsEvenTheRightOneIsRefusedUntilTheWindowEnds) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(authenticate(server(), "192.0.2.1", a_.id, "wrong").status, 401u) << i;
  }
  HttpResponse refused = authenticate(server(), "192.0.2.1", a_.id, "wrong");
  EXPECT_EQ(refused.status, 429u);
  EXPECT_TRUE(retry_after_within_the_window(refused));
  EXPECT_EQ(json_text(refused.json(), "error"), "invalid_request");
  EXPECT_NE(json_text(refused.json(), "error_description").find("retry after"), std::string::npos);
  EXPECT_EQ(refused.header("Cache-Control"), "no-store");
  EXPECT_EQ(authenticate(server(), "192.0.2.1", a_.id, a_.secret).status, 429u);
  // From anywhere: the limit is the client's.
  EXPECT_EQ(authenticate(server(), "192.0.2.77", a_.id, a_.secret).status, 429u);
  // Another client, from the same address, is served.
  EXPECT_EQ(authenticate(server(), "192.0.2.1", b_.id, b_.secret).status, 200u);
}

TEST_F(ClientAuthLimitsTest, TokenIntrospectionAndRevocationShareTheLimit) {
  for (const char* path : {"/oidc/token", "/oidc/token/revocation", "/oidc/token/introspection",
                           "/oidc/token", "/oidc/token/revocation"}) {
    EXPECT_EQ(authenticate(server(), "192.0.2.3", c_.id, "wrong", path).status, 401u) << path;
  }
  for (const char* path : {"/oidc/token", "/oidc/token/introspection", "/oidc/token/revocation"}) {
    HttpResponse res = authenticate(server(), "192.0.2.3", c_.id, c_.secret, path);
    EXPECT_EQ(res.status, 429u) << path;
    EXPECT_TRUE(retry_after_within_the_window(res)) << path;
  }
}

TEST_F(ClientAuthLimitsTest, AnAddressGuessingMadeUpClientsIsLimitedToo) {
  for (int i = 0; i < 8; ++i) {
    auto res = authenticate(server(), "192.0.2.4", "made-up-" + std::to_string(i), "x");
    EXPECT_EQ(res.status, 400u) << i;  // invalid_client: no such client
  }
  EXPECT_EQ(authenticate(server(), "192.0.2.4", d_.id, d_.secret).status, 429u);
  EXPECT_EQ(authenticate(server(), "192.0.2.5", d_.id, d_.secret).status, 200u);
}

TEST_F(ClientAuthLimitsTest, SuccessesCountNothing) {
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(authenticate(server(), "192.0.2.6", b_.id, b_.secret).status, 200u) << i;
  }
  EXPECT_EQ(authenticate(server(), "192.0.2.6", b_.id, "wrong").status, 401u);
}

// With no configuration at all, a burst of wrong secrets meets a limit within the minute.
TEST(DefaultRateLimitsTest, ABurstOfWrongSecretsIsStopped) {
  TestServer server;
  AppCredentials app = create_app(server, "m2m");
  // Each try before the app is loaded is a failure of this address: a few, slowly.
  ASSERT_TRUE(eventually([&] { return introspect(server, app, "x").status == 200u; }, 5s, 250ms));
  int unauthorized = 0;
  int limited = 0;
  for (int i = 0; i < 200; ++i) {
    unsigned status = introspect(server, {app.id, "wrong"}, "x").status;
    unauthorized += status == 401u;
    limited += status == 429u;
  }
  EXPECT_GT(limited, 0);
  EXPECT_LE(unauthorized, 120);  // 60 per window; the burst may straddle two windows
  EXPECT_EQ(unauthorized + limited, 200);
}

// Sign-in submissions and codes: three submissions and two codes per address and window.
class SignInLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    smtp_ = std::make_unique<FakeSmtpServer>();
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {kHourWindow,
                                  {"LATCH_TRUSTED_PROXIES", "127.0.0.1"},
                                  {"LATCH_SIGN_IN_ATTEMPTS_PER_IP", "3"},
                                  {"LATCH_VERIFICATION_CODES_PER_IP", "2"}}});
    app_ = create_user_app(*server_, {.redirect_uris = {kCallback}});
    create_user(*server_, {.username = "erin", .email = "erin@example.test"});
    must(server_->cli({"email", "set-smtp", "--host", "127.0.0.1", "--port",
                       std::to_string(smtp_->port()), "--security", "none", "--from",
                       "Latch <no-reply@example.test>"}));
    must(server_->cli({"experience", "set",
                       R"(signIn.methods=[{"identifier":"username","password":true},)"
                       R"({"identifier":"email","password":true,"verificationCode":true}])"}));
    if (!wait_until_client_known(*server_, app_, kCallback)) {
      throw std::runtime_error("the server did not load the app");
    }
  }
  static void TearDownTestSuite() {
    server_.reset();
    smtp_.reset();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }
  static void must(const ProcessResult& r) {
    if (r.exit_code != 0) throw std::runtime_error("cli failed: " + r.err);
  }

  // A sign-in interaction's cookie value.
  std::string start_sign_in() {
    BrowserSession browser(*server_);
    browser.get(AuthorizeRequest{.client_id = app_.id, .redirect_uri = kCallback}.target());
    return browser.cookie("_latch_interaction").value_or("");
  }
  HttpResponse call(const std::string& uid, const std::string& address, const std::string& path,
                    const json::value& body, verb method = verb::post) {
    Headers headers{{"Content-Type", "application/json"},
                    {"Cookie", "_latch_interaction=" + uid},
                    {"X-Forwarded-For", address}};
    return server_->client().request(method, "/api/experience" + path, json::serialize(body),
                                     headers);
  }
  HttpResponse start_api_sign_in(const std::string& uid, const std::string& address) {
    return call(uid, address, "", json::object{{"interactionEvent", "SignIn"}}, verb::put);
  }

  static constexpr const char* kCallback = "http://localhost:3000/callback";
  static inline std::unique_ptr<FakeSmtpServer> smtp_;
  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials app_;
};

TEST_F(SignInLimitsTest, TheExperienceApiRefusesSubmissionsOverTheLimit) {
  auto uid = start_sign_in();
  start_api_sign_in(uid, "198.51.100.10");
  json::object wrong{{"identifier", {{"type", "username"}, {"value", "api-guesser"}}},
                     {"password", "not the password"}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(call(uid, "198.51.100.10", "/verification/password", wrong).status, 422u) << i;
  }
  HttpResponse refused = call(uid, "198.51.100.10", "/verification/password", wrong);
  EXPECT_EQ(refused.status, 429u);
  EXPECT_EQ(json_text(refused.json(), "code"), "request.too_many_requests");
  EXPECT_NE(json_text(refused.json(), "message").find("seconds"), std::string::npos);
  EXPECT_TRUE(retry_after_within_the_window(refused));
  EXPECT_EQ(call(uid, "198.51.100.10", "/identification", json::object{}).status, 429u);
  // Another address is not affected.
  EXPECT_EQ(call(uid, "198.51.100.11", "/verification/password", wrong).status, 422u);
}

TEST_F(SignInLimitsTest, TheExperienceApiRefusesCodesOverTheLimit) {
  auto uid = start_sign_in();
  start_api_sign_in(uid, "198.51.100.20");
  json::object send{{"identifier", {{"type", "email"}, {"value", "erin@example.test"}}},
                    {"interactionEvent", "SignIn"}};
  for (int i = 0; i < 2; ++i) {
    auto sent = call(uid, "198.51.100.20", "/verification/verification-code", send);
    EXPECT_EQ(sent.status, 200u) << sent.body;
  }
  HttpResponse refused = call(uid, "198.51.100.20", "/verification/verification-code", send);
  EXPECT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(json_text(refused.json(), "code"), "request.too_many_requests");
  EXPECT_TRUE(retry_after_within_the_window(refused));
}

// The pages' requests come from 127.0.0.1 itself (no forwarding header): this test alone uses
// that address's sign-in and code allowances.
TEST_F(SignInLimitsTest, ThePagesRefuseSubmissionsAndCodesOverTheLimitWithAReadablePage) {
  BrowserSession browser(*server_);
  HttpResponse page =
      browser.navigate(AuthorizeRequest{.client_id = app_.id, .redirect_uri = kCallback}.target());
  ASSERT_TRUE(is_sign_in_page(page));
  http::Params wrong;
  wrong.add("identifier", "page-guesser");
  wrong.add("password", "not the password");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(browser.submit(page, wrong).status, 401u) << i;
  }
  HttpResponse refused = browser.submit(page, wrong);
  EXPECT_EQ(refused.status, 429u);
  EXPECT_TRUE(retry_after_within_the_window(refused));
  EXPECT_EQ(refused.header("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_NE(refused.body.find("Too many attempts"), std::string::npos) << refused.body;
  // Codes have their own allowance: two "forgot password" codes, then a 429 page.
  BrowserSession second(*server_);
  second.navigate(AuthorizeRequest{.client_id = app_.id, .redirect_uri = kCallback}.target());
  HttpResponse forgot = second.navigate("/forgot-password");
  http::Params email;
  email.add("email", "erin@example.test");
  for (int i = 0; i < 2; ++i) {
    HttpResponse sent = second.submit(forgot, email);
    EXPECT_EQ(sent.status, 200u) << sent.body;  // the code page
  }
  HttpResponse no_more = second.submit(forgot, email);
  EXPECT_EQ(no_more.status, 429u) << no_more.body;
  EXPECT_TRUE(retry_after_within_the_window(no_more));
}

}  // namespace
}  // namespace latch::test
