// The admin console's server side: its files under /console (embedded, strict CSP, ETag), the
// first-run operator account, its own OIDC client, and an operator's sign-in through it
// yielding a management API token.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <vector>

#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

HttpResponse post_json(const TestServer& server, const std::string& path, const json::value& body) {
  return server.client().post(path, json::serialize(body), {{"Content-Type", "application/json"}});
}

json::value status_of(const TestServer& server) {
  auto res = server.client().get("/console/api/status");
  EXPECT_EQ(res.status, 200u);
  return res.json();
}

TEST(Console, ServesTheAppUnderEveryPathWithAStrictPolicy) {
  TestServer server;
  for (const char* path :
       {"/console", "/console/applications", "/console/applications/abc/guide/flask",
        "/console/sign-in-experience/sign-up-and-sign-in"}) {
    SCOPED_TRACE(path);
    auto res = server.client().get(path);
    ASSERT_EQ(res.status, 200u);
    EXPECT_NE(res.header("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(res.body.find("/console/assets/main.js"), std::string::npos);
    std::string policy(res.header("Content-Security-Policy"));
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos);
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
  }
  auto slash = server.client().get("/console/");
  EXPECT_EQ(slash.status, 301u);
  EXPECT_EQ(slash.header("Location"), "/console");
  auto script = server.client().get("/console/assets/main.js");
  ASSERT_EQ(script.status, 200u);
  EXPECT_NE(script.header("Content-Type").find("text/javascript"), std::string::npos);
  std::string etag(script.header("ETag"));
  ASSERT_FALSE(etag.empty());
  auto again = server.client().get("/console/assets/main.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(server.client().get("/console/assets/lib/api.js").status, 200u);
  EXPECT_EQ(server.client().get("/console/assets/console.css").status, 200u);
  EXPECT_EQ(server.client().get("/console/assets/nope.js").status, 404u);
  EXPECT_EQ(server.client().get("/console/assets/../index.html").status, 404u);
  EXPECT_EQ(server.client().get("/console/assets/lib/%2e%2e/main.js").status, 404u);
}

TEST(Console, TheFirstOperatorIsCreatedOnceAndOnlyWhileThereIsNone) {
  TestServer server;
  auto status = status_of(server);
  EXPECT_TRUE(status.at("needsSetup").as_bool());
  EXPECT_EQ(status.at("clientId"), "latch-console");
  EXPECT_EQ(json_text(status, "redirectUri"), server.endpoint() + "/console/callback");
  EXPECT_EQ(status.at("resource"), "urn:latch:management");

  auto not_json = server.client().post("/console/api/setup", "username=a&password=b",
                                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(not_json.status, 400u);
  auto unknown = post_json(server, "/console/api/setup",
                           {{"username", "root"}, {"password", "long enough 1"}, {"admin", true}});
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(json_text(unknown.json(), "message"), "unknown field admin");
  auto missing = post_json(server, "/console/api/setup", {{"username", "root"}});
  EXPECT_EQ(missing.status, 400u);
  auto weak =
      post_json(server, "/console/api/setup", {{"username", "root"}, {"password", "short"}});
  EXPECT_EQ(weak.status, 400u);
  EXPECT_NE(json_text(weak.json(), "message").find("password"), std::string::npos);
  EXPECT_TRUE(status_of(server).at("needsSetup").as_bool()) << "nothing was created";

  auto created = post_json(server, "/console/api/setup",
                           {{"username", "root"}, {"password", "long enough 1"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_FALSE(status_of(server).at("needsSetup").as_bool());
  auto second = post_json(server, "/console/api/setup",
                          {{"username", "intruder"}, {"password", "long enough 2"}});
  EXPECT_EQ(second.status, 403u);
  EXPECT_EQ(json_text(second.json(), "code"), "console.setup_done");
  auto admins = cli_json(server, {"admin", "list", "--json"});
  ASSERT_EQ(admins.as_array().size(), 1u);
  EXPECT_EQ(admins.as_array()[0].at("username"), "root");
  auto users = cli_json(server, {"user", "list", "--json"});
  for (const auto& user : users.as_array()) {
    EXPECT_NE(user.at("username"), "intruder") << "no account for the second caller";
  }
}

TEST(Console, ConcurrentSetupsCreateExactlyOneOperator) {
  TestServer server;
  std::vector<std::future<unsigned>> calls;
  for (int i = 0; i < 6; ++i) {
    calls.push_back(std::async(std::launch::async, [&server, i] {
      return post_json(server, "/console/api/setup",
                       {{"username", "racer" + std::to_string(i)}, {"password", "long enough 1"}})
          .status;
    }));
  }
  int created = 0;
  for (auto& call : calls) {
    unsigned code = call.get();
    EXPECT_TRUE(code == 201u || code == 403u) << code;
    created += code == 201u;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(cli_json(server, {"admin", "list", "--json"}).as_array().size(), 1u);
}

// The token of the setup link a fresh server prints ("  setup:    <endpoint>/console?setup=T"),
// "" when it prints none.
std::string setup_token_printed(TestServer& server) {
  constexpr std::string_view kMarker = "/console?setup=";
  for (int i = 0; i < 10; ++i) {
    auto line = server.process().read_line(std::chrono::seconds(5));
    if (!line) break;
    auto at = line->find(kMarker);
    if (at == std::string::npos) continue;
    std::string token = line->substr(at + kMarker.size());
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    return token;
  }
  return "";
}

// Issue #14, defect 7: whoever reaches the port first does not own the deployment. With a public
// endpoint the setup needs the one-time link the server printed.
TEST(Console, ASetupFromElsewhereNeedsTheLinkLatchPrinted) {
  TestServer server({.env = {{"LATCH_ENDPOINT", "https://id.example.test"}}});
  std::string token = setup_token_printed(server);
  ASSERT_FALSE(token.empty()) << "a fresh server prints a setup link";
  auto status = status_of(server);
  EXPECT_TRUE(status.at("needsSetup").as_bool());
  EXPECT_TRUE(status.at("setupNeedsToken").as_bool());
  json::object root{{"username", "root"}, {"password", "long enough 1"}};
  auto without = post_json(server, "/console/api/setup", root);
  EXPECT_EQ(without.status, 403u);
  EXPECT_EQ(json_text(without.json(), "code"), "console.setup_token_required");
  json::object guessed = root;
  guessed["token"] = "guessed-token";
  EXPECT_EQ(post_json(server, "/console/api/setup", guessed).status, 403u);
  EXPECT_TRUE(status_of(server).at("needsSetup").as_bool()) << "nothing was created";
  json::object with = root;
  with["token"] = token;
  auto created = post_json(server, "/console/api/setup", with);
  EXPECT_EQ(created.status, 201u) << created.body;
  with["username"] = "second";
  auto again = post_json(server, "/console/api/setup", with);
  EXPECT_EQ(again.status, 403u);
  EXPECT_EQ(json_text(again.json(), "code"), "console.setup_done");
}

TEST(Console, FromThisMachineALoopbackEndpointNeedsNoToken) {
  TestServer server;  // http://localhost:PORT, and the test connects from 127.0.0.1
  EXPECT_FALSE(status_of(server).at("setupNeedsToken").as_bool());
  auto created = post_json(server, "/console/api/setup",
                           {{"username", "root"}, {"password", "long enough 1"}});
  EXPECT_EQ(created.status, 201u) << created.body;
}

// Issue #14, defect 18: the first operator's password meets the sign-in experience's policy, and
// the page learns which field is wrong from a field name, not from the message.
TEST(Console, TheFirstOperatorsPasswordMeetsThePolicy) {
  TestServer server;
  auto common =
      post_json(server, "/console/api/setup", {{"username", "root"}, {"password", "password123"}});
  EXPECT_EQ(common.status, 400u);
  EXPECT_EQ(json_text(common.json(), "code"), "password.common");
  EXPECT_EQ(json_text(common.json(), "field"), "password");
  auto named = post_json(server, "/console/api/setup",
                         {{"username", "rootadmin"}, {"password", "xx-rootadmin-xx"}});
  EXPECT_EQ(json_text(named.json(), "code"), "password.contains_user_info");
  auto bad_name = post_json(server, "/console/api/setup",
                            {{"username", "9lives"}, {"password", "long enough 1"}});
  EXPECT_EQ(json_text(bad_name.json(), "field"), "username");
  EXPECT_TRUE(status_of(server).at("needsSetup").as_bool());
}

// The console's sign-in: the public client latch-console with PKCE, resource
// urn:latch:management and scope all; only operators get scope all.
std::string console_token(BrowserSession& browser, const TestServer& server,
                          const std::string& username, const std::string& password,
                          std::string* scope) {
  auto pkce = make_pkce();
  AuthorizeRequest request{.client_id = "latch-console",
                           .redirect_uri = server.endpoint() + "/console/callback",
                           .scope = "openid profile all",
                           .code_challenge = pkce.challenge};
  request.extra.add("resource", "urn:latch:management");
  // Followed by hand: the callback itself is a page of this server (the console's).
  auto page = browser.navigate(request.target());
  http::Params fields;
  fields.add("csrf", input_value(page.body, "csrf").value_or(""));
  fields.add("identifier", username);
  fields.add("password", password);
  auto done = browser.post_form("/sign-in", fields);
  for (int hop = 0; hop < 10 && code_of(done).empty() && !done.header("Location").empty(); ++hop) {
    auto target = browser.on_server(done.header("Location"));
    if (!target) break;
    done = browser.get(*target);
  }
  std::string code = code_of(done);
  EXPECT_FALSE(code.empty()) << done.status << " " << done.body;
  auto res = server.client().post_form(
      "/oidc/token", "grant_type=authorization_code&code=" + code + "&redirect_uri=" +
                         server.endpoint() + "/console/callback&client_id=latch-console" +
                         "&code_verifier=" + pkce.verifier + "&resource=urn:latch:management");
  EXPECT_EQ(res.status, 200u) << res.body;
  *scope = json_text(res.json(), "scope");
  EXPECT_LE(res.json().at("expires_in").as_int64(), 600) << "an operator's token is short-lived";
  return json_text(res.json(), "access_token");
}

std::string console_token(const TestServer& server, const std::string& username,
                          const std::string& password, std::string* scope) {
  BrowserSession browser(server);
  return console_token(browser, server, username, password, scope);
}

// The first operator "root" (through the console's setup) and a user "visitor" who is not one.
void create_root_and_visitor(TestServer& server) {
  ASSERT_EQ(
      post_json(server, "/console/api/setup", {{"username", "root"}, {"password", "long enough 1"}})
          .status,
      201u);
  create_user(server, {.username = "visitor", .password = "visitor pass 1"});
}

TEST(Console, AnOperatorsConsoleSignInCallsTheManagementApi) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(create_root_and_visitor(server));
  std::string scope;
  std::string token = console_token(server, "root", "long enough 1", &scope);
  EXPECT_EQ(scope, "all");
  auto apps = server.client().get("/api/applications", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(apps.status, 200u) << apps.body;
  bool listed = false;
  auto list = apps.json();
  for (const auto& app : list.as_array()) listed |= app.at("id") == "latch-console";
  EXPECT_TRUE(listed) << "the console's client is an application like the others";

  std::string visitor_scope;
  std::string visitor = console_token(server, "visitor", "visitor pass 1", &visitor_scope);
  EXPECT_EQ(visitor_scope, "");
  EXPECT_EQ(
      server.client().get("/api/applications", {{"Authorization", "Bearer " + visitor}}).status,
      403u);

  // Latch manages the console's client: the API cannot change, rotate or delete it.
  Headers auth{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  auto patch = server.client().request(verb::patch, "/api/applications/latch-console",
                                       R"({"name":"Mine"})", auth);
  EXPECT_EQ(patch.status, 400u);
  auto rotate = server.client().request(verb::post, "/api/applications/latch-console/secret/rotate",
                                        "", auth);
  EXPECT_EQ(rotate.status, 400u);
  auto remove = server.client().request(verb::delete_, "/api/applications/latch-console", "", auth);
  EXPECT_EQ(remove.status, 400u);
  EXPECT_EQ(server.client()
                .get("/api/applications/latch-console", {{"Authorization", "Bearer " + token}})
                .status,
            200u);
}

// A management API token without scope all exists now: a non-operator's console sign-in. Every
// route the OpenAPI document lists refuses it with 403, and the operator's passes authorization.
TEST(Console, EveryManagementRouteRefusesATokenWithoutScopeAll) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(create_root_and_visitor(server));
  std::string scope;
  std::string visitor = console_token(server, "visitor", "visitor pass 1", &scope);
  std::string root = console_token(server, "root", "long enough 1", &scope);
  auto swagger = server.client().get("/api/swagger.json").json();
  int routes = 0;
  for (const auto& [path, methods] : swagger.at("paths").as_object()) {
    std::string target = "/api";
    std::string_view rest(path);
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest[i] == '{') {
        target += "x";
        i = rest.find('}', i);
      } else {
        target += rest[i];
      }
    }
    if (target.rfind("/api/api/", 0) == 0) target.erase(0, 4);
    for (const auto& [method, operation] : methods.as_object()) {
      if (target == "/api/swagger.json") continue;
      auto verb = boost::beast::http::string_to_verb([&] {
        std::string up(method);
        for (auto& c : up) c = static_cast<char>(std::toupper(c));
        return up;
      }());
      SCOPED_TRACE(std::string(method) + " " + target);
      Headers auth{{"Authorization", "Bearer " + visitor}};
      auto refused = server.client().request(verb, target, "", auth);
      EXPECT_EQ(refused.status, 403u);
      EXPECT_EQ(json_text(refused.json(), "code"), "auth.forbidden");
      Headers good{{"Authorization", "Bearer " + root}};
      auto passed = server.client().request(verb, target, "", good);
      EXPECT_NE(passed.status, 401u);
      EXPECT_NE(passed.status, 403u);
      ++routes;
    }
  }
  EXPECT_GE(routes, 35);
}

// Issue #14, defect 8: an operator's browser session does not hand the management API to any
// other app, silently or through consent.
TEST(Console, NoOtherAppGetsAnOperatorsManagementToken) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(create_root_and_visitor(server));
  BrowserSession browser(server);
  std::string scope;
  console_token(browser, server, "root", "long enough 1", &scope);
  ASSERT_EQ(scope, "all");
  const std::string callback = "https://rp.example.test/callback";
  for (const auto& spec :
       {AppSpec{.type = "traditional", .redirect_uris = {callback}},
        AppSpec{.type = "spa", .redirect_uris = {callback}},
        AppSpec{.type = "traditional", .redirect_uris = {callback}, .third_party = true}}) {
    AppCredentials app = create_user_app(server, spec);
    for (const char* resource : {"urn:latch:management", "https://default.logto.app/api"}) {
      SCOPED_TRACE(spec.type + (spec.third_party ? " (third party) " : " ") + resource);
      AuthorizeRequest request{.client_id = app.id,
                               .redirect_uri = callback,
                               .scope = "openid all",
                               .state = "st",
                               .code_challenge = make_pkce().challenge};
      request.extra.add("resource", resource);
      request.extra.add("prompt", "none");
      EXPECT_TRUE(is_error_redirect(browser.get(request.target()), callback, "invalid_target", "st",
                                    server.endpoint() + "/oidc"));
    }
  }
}

// Issue #14, defect 9: an operator's rights end when they are taken away, not when the token
// expires.
TEST(Console, AnOperatorsTokenStopsWorkingWhenTheirRightsEnd) {
  TestServer server;
  ASSERT_NO_FATAL_FAILURE(create_root_and_visitor(server));
  std::string scope;
  std::string root = console_token(server, "root", "long enough 1", &scope);
  auto token_of = [&](const std::string& name) {
    EXPECT_EQ(server.cli({"admin", "create", "--username", name, "--password", "long enough 2"})
                  .exit_code,
              0);
    return console_token(server, name, "long enough 2", &scope);
  };
  auto status_with = [&](const std::string& token) {
    return server.client().get("/api/users", {{"Authorization", "Bearer " + token}}).status;
  };
  std::string revoked = token_of("op_revoked");
  std::string suspended = token_of("op_suspended");
  std::string deleted = token_of("op_deleted");
  for (const auto& token : {revoked, suspended, deleted}) ASSERT_EQ(status_with(token), 200u);

  ASSERT_EQ(server.cli({"admin", "revoke", "op_revoked"}).exit_code, 0);
  ASSERT_EQ(server.cli({"user", "suspend", "op_suspended"}).exit_code, 0);
  auto user = cli_json(server, {"user", "list", "--search", "op_deleted", "--json"});
  std::string id(user.as_array().at(0).at("id").as_string());
  ASSERT_EQ(
      server.client()
          .request(verb::delete_, "/api/users/" + id, "", {{"Authorization", "Bearer " + root}})
          .status,
      204u);
  EXPECT_EQ(status_with(revoked), 403u);
  EXPECT_EQ(status_with(suspended), 403u);
  EXPECT_EQ(status_with(deleted), 401u);
  EXPECT_EQ(status_with(root), 200u);
  auto patch = server.client().request(
      verb::patch, "/api/sign-in-exp", R"({"color":{}})",
      {{"Authorization", "Bearer " + revoked}, {"Content-Type", "application/json"}});
  EXPECT_EQ(patch.status, 403u);
}

TEST(Console, ItsClientFollowsTheEndpoint) {
  TestServer server({.env = {{"LATCH_ENDPOINT", "https://id.example.test"}}});
  auto status = status_of(server);
  EXPECT_EQ(status.at("redirectUri"), "https://id.example.test/console/callback");
  auto app = cli_json(server, {"app", "show", "latch-console", "--json"});
  EXPECT_EQ(app.at("oidcClientMetadata").at("redirectUris").as_array()[0],
            "https://id.example.test/console/callback");
  EXPECT_EQ(app.at("type"), "SPA");
}

}  // namespace
}  // namespace latch::test
