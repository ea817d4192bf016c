// Issue #14, defect 1: a running server sees a committed change at once. The server here re-reads
// its cache epochs only every ten minutes, so every test below passes only because a request that
// misses in the catalog snapshot reads through to the database.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "http/form.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

class ReadThroughTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_CACHE_REFRESH_MS", "600000"}}});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static TestServer& server() { return *server_; }

  static HttpResponse client_credentials(const AppCredentials& app, const std::string& resource,
                                         const std::string& scope = "") {
    std::string body = "grant_type=client_credentials&resource=" + http::percent_encode(resource);
    if (!scope.empty()) body += "&scope=" + http::percent_encode(scope);
    return token_with_basic(server(), app, body);
  }

  // The CLI's exit code, with what it wrote on failure.
  static int cli(const std::vector<std::string>& args) {
    ProcessResult result = server().cli(args);
    if (result.exit_code != 0) ADD_FAILURE() << result.out << result.err;
    return result.exit_code;
  }

 private:
  static inline std::unique_ptr<TestServer> server_;
};

TEST_F(ReadThroughTest, AppAndApiCreatedByTheCliAreUsableByTheNextRequest) {
  create_resource(server(), {.indicator = "https://billing.example.test", .scopes = {"read"}});
  AppCredentials app = create_app(server(), "m2m");
  grant_scopes(server(), app.id, "https://billing.example.test", {"read"});
  HttpResponse res = client_credentials(app, "https://billing.example.test", "read");
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("scope").as_string(), "read");
}

TEST_F(ReadThroughTest, ApiCreatedAfterTheAppIsUsableByTheNextRequest) {
  AppCredentials app = create_app(server(), "m2m");
  create_resource(server(), {.indicator = "https://late.example.test", .scopes = {"ping"}});
  HttpResponse res = client_credentials(app, "https://late.example.test");
  EXPECT_EQ(res.status, 200u) << res.body;
}

// The scope a token response issued; "" when it issued none (Logto's responses then leave
// `scope` out).
std::string issued_scope(const HttpResponse& res) {
  const auto* scope = res.json().as_object().if_contains("scope");
  return scope ? std::string(scope->as_string()) : std::string();
}

TEST_F(ReadThroughTest, ScopesGrantedAMomentAgoAreIssued) {
  create_resource(server(), {.indicator = "https://restricted.example.test", .scopes = {"admin"}});
  AppCredentials app = create_app(server(), "m2m");
  HttpResponse before = client_credentials(app, "https://restricted.example.test", "admin");
  ASSERT_EQ(before.status, 200u) << before.body;
  EXPECT_EQ(issued_scope(before), "");  // no role grants it yet
  grant_scopes(server(), app.id, "https://restricted.example.test", {"admin"});
  HttpResponse res = client_credentials(app, "https://restricted.example.test", "admin");
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(issued_scope(res), "admin");
}

// The token endpoint caches what apps' roles grant; on SQLite a commit by any process moves
// PRAGMA data_version, and the next token request checks the cache's epochs before using it.
TEST_F(ReadThroughTest, ScopesTakenAMomentAgoAreNoLongerIssued) {
  create_resource(server(), {.indicator = "https://revoked.example.test", .scopes = {"admin"}});
  AppCredentials app = create_app(server(), "m2m");
  ASSERT_EQ(cli({"role", "create", "--name", "revoked-admin", "--type", "m2m", "--scope",
                 "https://revoked.example.test:admin"}),
            0);
  ASSERT_EQ(cli({"role", "assign", "revoked-admin", "--app", app.id}), 0);
  HttpResponse before = client_credentials(app, "https://revoked.example.test");
  ASSERT_EQ(before.status, 200u) << before.body;
  EXPECT_EQ(issued_scope(before), "admin");
  ASSERT_EQ(cli({"role", "unassign", "revoked-admin", "--app", app.id}), 0);
  HttpResponse after = client_credentials(app, "https://revoked.example.test");
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(issued_scope(after), "");
}

TEST_F(ReadThroughTest, AnAppDeletedAMomentAgoIsRefused) {
  create_resource(server(), {.indicator = "https://gone.example.test", .scopes = {"read"}});
  AppCredentials app = create_app(server(), "m2m");
  ASSERT_EQ(client_credentials(app, "https://gone.example.test").status, 200u);
  ASSERT_EQ(cli({"app", "delete", app.id}), 0);
  HttpResponse res = client_credentials(app, "https://gone.example.test");
  EXPECT_EQ(res.status, 400u) << res.body;  // no such client any more
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_client");
}

TEST_F(ReadThroughTest, AnUnknownClientIsStillRefused) {
  HttpResponse res = client_credentials({"no-such-app", "secret"}, "https://billing.example.test");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_client");
}

TEST_F(ReadThroughTest, IntrospectionAcceptsANewClient) {
  AppCredentials app =
      create_app(server(), "traditional", {"--redirect-uri", "https://rp.example.test/callback"});
  HttpResponse res =
      server().client().post_form("/oidc/token/introspection", "token=abc",
                                  {{"Authorization", basic_auth(app.id, app.secret)}});
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.json().at("active").as_bool(), false);
}

TEST_F(ReadThroughTest, AuthorizationRequestOfANewAppGoesToSignIn) {
  AppCredentials app =
      create_app(server(), "traditional", {"--redirect-uri", "https://rp.example.test/callback"});
  HttpResponse res = server().client().get(
      "/oidc/auth?response_type=code&scope=openid&client_id=" + app.id +
      "&redirect_uri=" + http::percent_encode("https://rp.example.test/callback"));
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("Location").rfind("/sign-in", 0), 0u) << res.header("Location");
}

TEST_F(ReadThroughTest, CorsPreflightAllowsANewSpaOrigin) {
  create_app(server(), "spa", {"--redirect-uri", "https://spa.example.test/callback"});
  HttpResponse res = server().client().request(
      boost::beast::http::verb::options, "/oidc/token", "",
      {{"Origin", "https://spa.example.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://spa.example.test");
}

TEST_F(ReadThroughTest, AppCreatedThroughTheManagementApiIsUsableAtOnce) {
  AppCredentials admin = create_app(server(), "m2m", {"--management-api"});
  HttpResponse token = client_credentials(admin, "urn:latch:management", "all");
  ASSERT_EQ(token.status, 200u) << token.body;
  std::string bearer(token.json().at("access_token").as_string());
  HttpResponse created =
      management_request(server(), boost::beast::http::verb::post, "/api/applications",
                         json::object{{"name", "Worker"}, {"type", "MachineToMachine"}}, bearer);
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string worker_id(created.json().at("id").as_string());
  HttpResponse secrets =
      management_request(server(), boost::beast::http::verb::get,
                         "/api/applications/" + worker_id + "/secrets", {}, bearer);
  ASSERT_EQ(secrets.status, 200u) << secrets.body;
  AppCredentials worker{worker_id,
                        std::string(secrets.json().as_array().at(0).at("value").as_string())};
  create_resource(server(), {.indicator = "https://worker.example.test", .scopes = {"run"}});
  EXPECT_EQ(client_credentials(worker, "https://worker.example.test").status, 200u);
}

}  // namespace
}  // namespace latch::test
