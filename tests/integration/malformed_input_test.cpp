// Issue #14, defect 4: bytes that are not UTF-8, and NUL characters, are refused at the edge with a
// 400 (or the OAuth error the endpoint uses) on both databases, never a 500: PostgreSQL refuses
// such text outright, SQLite would store it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "crypto/encoding.hpp"
#include "http/form.hpp"
#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/raw_http.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:3000/callback";
const std::string kNotUtf8 = "%FF%FE%C0%AF";

struct Backend {
  std::unique_ptr<TestServer> server;
  AppCredentials web;
  AppCredentials admin;
  std::string token;  // a management API token
};

class MalformedInputTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      if (auto why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
    }
    auto& backend = backends_[GetParam()];
    if (!backend.server) {
      backend.server = std::make_unique<TestServer>(TestServerOptions{.postgres = GetParam()});
      backend.web = create_user_app(*backend.server, {.redirect_uris = {kCallback}});
      backend.admin = create_app(*backend.server, "m2m", {"--management-api"});
      HttpResponse token = token_with_basic(
          *backend.server, backend.admin,
          "grant_type=client_credentials&resource=urn%3Alatch%3Amanagement&scope=all");
      ASSERT_EQ(token.status, 200u) << token.body;
      backend.token = std::string(token.json().at("access_token").as_string());
    }
    backend_ = &backend;
  }
  static void TearDownTestSuite() { backends_.clear(); }

  TestServer& server() { return *backend_->server; }
  // Asserts `res` is a refusal, not a failure of the server.
  static void expect_refused(const HttpResponse& res, unsigned status = 400) {
    EXPECT_EQ(res.status, status) << res.body;
  }
  HttpResponse api(verb method, const std::string& target, const std::string& body) {
    return server().client().request(
        method, target, body,
        {{"Authorization", "Bearer " + backend_->token}, {"Content-Type", "application/json"}});
  }
  void expect_healthy() {
    EXPECT_EQ(server().client().get("/healthz").status, 200u);
    EXPECT_EQ(api(verb::get, "/api/users", "").status, 200u) << "the database still answers";
  }

  Backend* backend_ = nullptr;
  static inline std::map<bool, Backend> backends_;
};

TEST_P(MalformedInputTest, AStateThatIsNotUtf8IsRefusedAtTheAuthorizationEndpoint) {
  std::string target = "/oidc/auth?response_type=code&scope=openid&client_id=" + backend_->web.id +
                       "&redirect_uri=" + http::percent_encode(kCallback) + "&state=" + kNotUtf8;
  expect_refused(server().client().get(target));
  expect_healthy();
}

TEST_P(MalformedInputTest, AFormThatIsNotUtf8IsRefusedAtTheTokenEndpoint) {
  HttpResponse res = server().client().post_form(
      "/oidc/token",
      "grant_type=refresh_token&refresh_token=" + kNotUtf8 + "&client_id=" + kNotUtf8);
  expect_refused(res);
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_request");
  expect_healthy();
}

// As oidc-provider: escapes that decode to something other than UTF-8 are a malformed request;
// raw bytes that are not UTF-8 name no client (oidc-provider reads them lossily).
TEST_P(MalformedInputTest, BasicCredentialsThatAreNotUtf8AreRefusedAsLogtoRefusesThem) {
  HttpResponse escaped =
      server().client().post_form("/oidc/token", "grant_type=client_credentials",
                                  {{"Authorization", basic_auth(kNotUtf8, "secret")}});
  expect_refused(escaped, 400);
  EXPECT_EQ(escaped.json().at("error").as_string(), "invalid_request");
  HttpResponse raw = server().client().post_form(
      "/oidc/token", "grant_type=client_credentials",
      {{"Authorization", "Basic " + crypto::base64_encode("\xff\xfe:secret")}});
  expect_refused(raw, 401);
  EXPECT_EQ(raw.json().at("error").as_string(), "invalid_client");
  expect_healthy();
}

TEST_P(MalformedInputTest, ANulInAJsonTokenRequestIsRefused) {
  HttpResponse res = server().client().post(
      "/oidc/token", R"({"grant_type":"refresh_token","refresh_token":"a\u0000b"})",
      {{"Content-Type", "application/json"}});
  expect_refused(res);
}

TEST_P(MalformedInputTest, ANulInAUserOrAppNameIsRefused) {
  expect_refused(api(verb::post, "/api/users", R"({"username":"nul\u0000name"})"));
  expect_refused(api(verb::post, "/api/users", R"({"name":"a\u0000b"})"));
  expect_refused(api(verb::post, "/api/applications", R"({"name":"A\u0000pp","type":"SPA"})"));
  expect_refused(
      api(verb::patch, "/api/applications/" + backend_->web.id, R"({"name":"x\u0000"})"));
  expect_healthy();
}

TEST_P(MalformedInputTest, BytesThatAreNotUtf8InAJsonBodyAreRefused) {
  expect_refused(api(verb::post, "/api/users", "{\"username\":\"\xff\xfe\"}"));
  expect_refused(api(verb::post, "/api/users", R"({"username":"\ud800"})"));
  expect_healthy();
}

TEST_P(MalformedInputTest, APathSegmentThatIsNotUtf8IsRefused) {
  expect_refused(api(verb::get, "/api/users/" + kNotUtf8, ""));
  expect_refused(api(verb::get, "/api/applications/" + kNotUtf8, ""));
  expect_refused(server().client().get("/callback/" + kNotUtf8 + "?code=x&state=y"));
  expect_healthy();
}

TEST_P(MalformedInputTest, ASearchThatIsNotUtf8IsRefused) {
  expect_refused(api(verb::get, "/api/users?search=" + kNotUtf8, ""));
  expect_healthy();
}

TEST_P(MalformedInputTest, ASignInFormThatIsNotUtf8IsRefused) {
  BrowserSession browser(server());
  AuthorizeRequest request{.client_id = backend_->web.id, .redirect_uri = kCallback};
  HttpResponse page = browser.navigate(request.target());
  ASSERT_EQ(page.status, 200u);
  HttpResponse res = browser.post_form("/sign-in", "identifier=" + kNotUtf8 + "&password=x");
  EXPECT_EQ(res.status, 400u) << res.body;
  expect_healthy();
}

TEST_P(MalformedInputTest, CookiesThatAreNotCookieOctetsAreIgnored) {
  std::string raw =
      "GET /sign-in HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
      "Cookie: _latch_interaction=\xff\xfe; _latch_session=\xc0\xaf\r\n\r\n";
  auto res = parse_response(raw_exchange("127.0.0.1", server().port(), raw).bytes);
  ASSERT_TRUE(res);
  EXPECT_LT(res->status, 500u) << res->body;
  expect_healthy();
}

TEST_P(MalformedInputTest, TheExperienceApiRefusesBytesThatAreNotUtf8) {
  BrowserSession browser(server());
  AuthorizeRequest request{.client_id = backend_->web.id, .redirect_uri = kCallback};
  browser.navigate(request.target());
  auto cookie = browser.cookie("_latch_interaction");
  ASSERT_TRUE(cookie);
  HttpResponse res = server().client().request(
      verb::put, "/api/experience", "{\"interactionEvent\":\"\xff\"}",
      {{"Cookie", "_latch_interaction=" + *cookie}, {"Content-Type", "application/json"}});
  expect_refused(res);
  expect_healthy();
}

INSTANTIATE_TEST_SUITE_P(Backends, MalformedInputTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Postgres" : "Sqlite"; });

}  // namespace
}  // namespace latch::test
