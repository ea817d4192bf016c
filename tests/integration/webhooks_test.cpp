// Webhooks end to end (docs/webhooks.md): the /api/hooks routes, events raised by management API
// changes and sign-ins, delivered signed to a loopback receiver (python3) exactly once each,
// retried when the receiver fails, kept across a server that is killed, the test endpoint and
// the delivery log.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>

#include "crypto/hash.hpp"
#include "support/browser_session.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"
#include "support/post_receiver.hpp"
#include "support/provisioning.hpp"
#include "support/subprocess.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using namespace std::chrono_literals;

class WebhooksTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    try {
      receiver_ = std::make_unique<PostReceiver>();
      server_ = std::make_unique<TestServer>(TestServerOptions{
          .env = {{"LATCH_WEBHOOK_RETRY_MS", "100"}, {"LATCH_CONNECTOR_TIMEOUT_MS", "2000"}}});
      operator_ = create_app(*server_, "m2m", {"--management-api"});
    } catch (const std::exception& e) {
      error_ = e.what();
      server_.reset();
    }
  }
  static void TearDownTestSuite() {
    server_.reset();
    receiver_.reset();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << error_; }

 protected:
  static TestServer& server() { return *server_; }

  HttpResponse call(verb method, const std::string& path, const json::value& body = nullptr) {
    auto res =
        token_with_basic(server(), operator_,
                         "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return management_request(server(), method, path, body, json_text(res.json(), "access_token"));
  }
  // A hook for `events` at the receiver's `path`; its JSON.
  json::object make_hook(const std::string& path, json::array events,
                         json::object extra_config = {}) {
    json::object config = std::move(extra_config);
    config["url"] = receiver_->url(path);
    auto res =
        call(verb::post, "/api/hooks",
             json::object{{"name", path}, {"events", std::move(events)}, {"config", config}});
    EXPECT_EQ(res.status, 201u) << res.body;
    return res.json().is_object() ? res.json().as_object() : json::object{};
  }
  // Each delivery's signature is the HMAC-SHA256 of its exact body with the hook's key, and it
  // names the hook.
  static void expect_signed(const std::vector<Received>& deliveries, const json::object& hook) {
    std::string key = json_text(hook, "signingKey");
    for (const auto& d : deliveries) {
      EXPECT_EQ(d.headers.at("logto-signature-sha-256"), hex(crypto::hmac_sha256(key, d.body)));
      EXPECT_EQ(json_text(d.payload, "hookId"), json_text(hook, "id"));
      EXPECT_EQ(d.headers.at("content-type"), "application/json");
      EXPECT_FALSE(d.headers.at("latch-delivery-id").empty());
      EXPECT_FALSE(d.headers.at("latch-timestamp").empty());
    }
  }
  // The number of deliveries per delivery id (each should be 1).
  static std::map<std::string, int> by_id(const std::vector<Received>& deliveries) {
    std::map<std::string, int> ids;
    for (const auto& d : deliveries) ++ids[d.headers.at("latch-delivery-id")];
    return ids;
  }
  json::array recent_logs(const std::string& hook_id, const std::string& query = "") {
    auto res = call(verb::get, "/api/hooks/" + hook_id + "/recent-logs" + query);
    EXPECT_EQ(res.status, 200u) << res.body;
    json::value body = res.json();
    return body.is_array() ? body.as_array() : json::array{};
  }

  static inline std::unique_ptr<PostReceiver> receiver_;
  static inline std::unique_ptr<TestServer> server_;
  static inline std::string error_;
  static inline AppCredentials operator_;
};

TEST_F(WebhooksTest, HooksAreCreatedReadChangedAndDeleted) {
  json::object hook = make_hook("/crud", {"User.Created"}, {{"headers", {{"x-tenant", "acme"}}}});
  std::string id = json_text(hook, "id");
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(json_text(hook, "signingKey").size(), 32u);
  EXPECT_EQ(hook.at("enabled"), json::value(true));
  EXPECT_TRUE(hook.at("event").is_null());
  EXPECT_EQ(hook.at("config").at("headers").at("x-tenant"), "acme");

  auto listed = call(verb::get, "/api/hooks");
  ASSERT_EQ(listed.status, 200u);
  EXPECT_FALSE(listed.has_header("Total-Number")) << "not paged unless asked";
  auto paged = call(verb::get, "/api/hooks?page=1&page_size=1");
  ASSERT_EQ(paged.status, 200u);
  EXPECT_FALSE(paged.header("Total-Number").empty());
  EXPECT_EQ(paged.json().as_array().size(), 1u);

  auto changed = call(
      verb::patch, "/api/hooks/" + id,
      json::object{
          {"name", "renamed"}, {"events", {"User.Deleted", "User.Deleted"}}, {"enabled", false}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(json_text(changed.json(), "name"), "renamed");
  EXPECT_EQ(changed.json().at("events"), (json::array{"User.Deleted"})) << "deduplicated";
  EXPECT_EQ(changed.json().at("enabled"), json::value(false));
  EXPECT_EQ(json_text(changed.json(), "signingKey"), json_text(hook, "signingKey"));

  auto rotated = call(verb::patch, "/api/hooks/" + id + "/signing-key");
  ASSERT_EQ(rotated.status, 200u);
  EXPECT_NE(json_text(rotated.json(), "signingKey"), json_text(hook, "signingKey"));
  auto read = call(verb::get, "/api/hooks/" + id + "?includeExecutionStats=true");
  ASSERT_EQ(read.status, 200u);
  EXPECT_EQ(json_text(read.json(), "signingKey"), json_text(rotated.json(), "signingKey"));
  EXPECT_EQ(read.json().at("executionStats").at("requestCount"), 0);

  EXPECT_EQ(call(verb::delete_, "/api/hooks/" + id).status, 204u);
  auto gone = call(verb::get, "/api/hooks/" + id);
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(json_text(gone.json(), "code"), "entity.not_found");
  EXPECT_EQ(call(verb::delete_, "/api/hooks/" + id).status, 404u);
  EXPECT_EQ(call(verb::patch, "/api/hooks/" + id, json::object{{"name", "x"}}).status, 404u);
}

TEST_F(WebhooksTest, BadHooksAreRefusedWithTheField) {
  struct Case {
    const char* what;
    json::object body;
    const char* code;
    const char* field;
  };
  json::object good_config{{"url", "https://hooks.example.com/in"}};
  std::vector<Case> cases{
      {"no events", {{"config", good_config}}, "hook.missing_events", "events"},
      {"empty events",
       {{"events", json::array{}}, {"config", good_config}},
       "hook.missing_events",
       "events"},
      {"unknown event",
       {{"events", {"User.Exploded"}}, {"config", good_config}},
       "guard.invalid_input",
       "events"},
      {"no config", {{"events", {"User.Created"}}}, "guard.invalid_input", "config"},
      {"junk url",
       {{"events", {"User.Created"}}, {"config", {{"url", "not a url"}}}},
       "guard.invalid_input",
       "config.url"},
      {"ftp url",
       {{"events", {"User.Created"}}, {"config", {{"url", "ftp://x.example/"}}}},
       "guard.invalid_input",
       "config.url"},
      {"retries",
       {{"events", {"User.Created"}}, {"config", {{"url", "https://x.example/"}, {"retries", 9}}}},
       "guard.invalid_input",
       "config.retries"},
      {"header",
       {{"events", {"User.Created"}},
        {"config", {{"url", "https://x.example/"}, {"headers", {{"x", 1}}}}}},
       "guard.invalid_input",
       "config.headers"},
      {"unknown field",
       {{"events", {"User.Created"}}, {"config", good_config}, {"color", "red"}},
       "guard.invalid_input",
       "color"},
  };
  for (const auto& c : cases) {
    auto res = call(verb::post, "/api/hooks", c.body);
    EXPECT_EQ(res.status, 400u) << c.what << ": " << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), c.code) << c.what;
    EXPECT_EQ(json_text(res.json(), "field"), c.field) << c.what;
  }
  json::object hook = make_hook("/bad", {"User.Created"});
  auto empty = call(verb::patch, "/api/hooks/" + json_text(hook, "id"),
                    json::object{{"events", json::array{}}});
  EXPECT_EQ(empty.status, 400u);
  EXPECT_EQ(json_text(empty.json(), "code"), "hook.missing_events");
  auto window = call(
      verb::get, "/api/hooks/" + json_text(hook, "id") + "/recent-logs?start_time=20&end_time=10");
  EXPECT_EQ(window.status, 400u);
  EXPECT_EQ(json_text(window.json(), "code"), "log.invalid_time_window");
}

TEST_F(WebhooksTest, UserChangesAreDeliveredSignedOnceEachWithTheirRequest) {
  json::object hook = make_hook("/users", {"User.Created", "User.Data.Updated",
                                           "User.SuspensionStatus.Updated", "User.Deleted"});
  json::object other = make_hook("/roles-only", {"Role.Created"});
  auto created = call(verb::post, "/api/users", json::object{{"username", "hooked_user"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  std::string user_id = json_text(created.json(), "id");
  ASSERT_EQ(call(verb::patch, "/api/users/" + user_id, json::object{{"name", "Hooked"}}).status,
            200u);
  ASSERT_EQ(call(verb::patch, "/api/users/" + user_id + "/is-suspended",
                 json::object{{"isSuspended", true}})
                .status,
            200u);
  ASSERT_EQ(call(verb::delete_, "/api/users/" + user_id).status, 204u);

  auto deliveries = receiver_->wait_for("/users", 4);
  ASSERT_EQ(deliveries.size(), 4u);
  expect_signed(deliveries, hook);
  std::map<std::string, json::object> by_event;
  for (const auto& d : deliveries) by_event[json_text(d.payload, "event")] = d.payload;
  ASSERT_EQ(by_event.size(), 4u);
  const auto& first = by_event["User.Created"];
  EXPECT_EQ(json_text(first, "path"), "/users");  // Logto's API paths start after /api
  EXPECT_EQ(json_text(first, "method"), "POST");
  EXPECT_EQ(json_text(first.at("data"), "id"), user_id);
  EXPECT_FALSE(first.at("data").as_object().contains("hasPassword"));
  EXPECT_FALSE(json_text(first, "createdAt").empty());
  const auto& updated = by_event["User.Data.Updated"];
  EXPECT_EQ(json_text(updated, "matchedRoute"), "/users/:userId");
  EXPECT_EQ(json_text(updated.at("params"), "userId"), user_id);
  EXPECT_EQ(json_text(updated.at("data"), "name"), "Hooked");
  EXPECT_EQ(updated.at("status"), 200);
  EXPECT_EQ(by_event["User.SuspensionStatus.Updated"].at("data").at("isSuspended"),
            json::value(true));
  EXPECT_EQ(by_event["User.Deleted"].at("status"), 204);
  for (const auto& [id, count] : by_id(deliveries)) EXPECT_EQ(count, 1) << id;

  // Nothing more comes, and the hook that wants other events heard nothing.
  EXPECT_EQ(receiver_->wait_for("/users", 5, 1500ms).size(), 4u);
  EXPECT_TRUE(receiver_->wait_for("/roles-only", 1, 200ms).empty());
  (void)other;

  json::array logs = recent_logs(json_text(hook, "id"));
  ASSERT_EQ(logs.size(), 4u);
  for (const auto& log : logs) {
    EXPECT_EQ(json_text(log, "key").rfind("TriggerHook.User.", 0), 0u) << json_text(log, "key");
    EXPECT_EQ(json_text(log.at("payload"), "result"), "Success");
    EXPECT_EQ(log.at("payload").at("response").at("statusCode"), 200);
  }
  auto keyed = recent_logs(json_text(hook, "id"), "?logKey=TriggerHook.User.Deleted");
  EXPECT_EQ(keyed.size(), 1u);
  json::value stats = call(verb::get, "/api/hooks?includeExecutionStats=1").json();
  ASSERT_TRUE(stats.is_array());
  bool found = false;
  for (const auto& item : stats.as_array()) {
    if (json_text(item, "id") != json_text(hook, "id")) continue;
    found = true;
    EXPECT_EQ(item.at("executionStats").at("requestCount"), 4);
    EXPECT_EQ(item.at("executionStats").at("successCount"), 4);
  }
  EXPECT_TRUE(found);
}

TEST_F(WebhooksTest, RoleAndOrganizationChangesAreDelivered) {
  json::object hook = make_hook("/authz", {"Role.Created", "Role.Data.Updated", "Role.Deleted",
                                           "Organization.Created", "Organization.Deleted"});
  auto role = call(verb::post, "/api/roles",
                   json::object{{"name", "hooked-role"}, {"description", "for hooks"}});
  ASSERT_EQ(role.status, 200u) << role.body;
  std::string role_id = json_text(role.json(), "id");
  ASSERT_EQ(
      call(verb::patch, "/api/roles/" + role_id, json::object{{"description", "changed"}}).status,
      200u);
  ASSERT_EQ(call(verb::delete_, "/api/roles/" + role_id).status, 204u);
  auto org = call(verb::post, "/api/organizations", json::object{{"name", "Hooked Inc"}});
  ASSERT_EQ(org.status, 201u) << org.body;
  std::string org_id = json_text(org.json(), "id");
  ASSERT_EQ(call(verb::delete_, "/api/organizations/" + org_id).status, 204u);
  auto deliveries = receiver_->wait_for("/authz", 5);
  ASSERT_EQ(deliveries.size(), 5u);
  expect_signed(deliveries, hook);
  std::map<std::string, json::object> by_event;
  for (const auto& d : deliveries) by_event[json_text(d.payload, "event")] = d.payload;
  EXPECT_EQ(json_text(by_event["Role.Created"].at("data"), "name"), "hooked-role");
  EXPECT_EQ(json_text(by_event["Role.Data.Updated"].at("data"), "description"), "changed");
  EXPECT_EQ(json_text(by_event["Role.Deleted"], "matchedRoute"), "/roles/:id");
  EXPECT_EQ(json_text(by_event["Organization.Created"].at("data"), "id"), org_id);
  EXPECT_EQ(by_event["Organization.Created"].at("status"), 201);
  EXPECT_EQ(json_text(by_event["Organization.Deleted"].at("data"), "name"), "Hooked Inc");
  for (const auto& [id, count] : by_id(deliveries)) EXPECT_EQ(count, 1) << id;
}

TEST_F(WebhooksTest, RolesCreatedWithScopesAlsoRaiseScopesUpdated) {
  make_hook("/role-scopes", {"Role.Scopes.Updated", "OrganizationRole.Scopes.Updated"});
  auto resource = call(verb::post, "/api/resources",
                       json::object{{"name", "Scoped API"}, {"indicator", "https://scoped.test"}});
  ASSERT_EQ(resource.status, 200u) << resource.body;  // Logto answers this creation with 200
  auto scope = call(verb::post, "/api/resources/" + json_text(resource.json(), "id") + "/scopes",
                    json::object{{"name", "read:hooks"}});
  ASSERT_EQ(scope.status, 201u) << scope.body;
  auto role = call(verb::post, "/api/roles",
                   json::object{{"name", "scoped-role"},
                                {"description", "with scopes"},
                                {"scopeIds", {json_text(scope.json(), "id")}}});
  ASSERT_EQ(role.status, 200u) << role.body;
  auto org_scope =
      call(verb::post, "/api/organization-scopes", json::object{{"name", "hooks:watch"}});
  ASSERT_EQ(org_scope.status, 201u) << org_scope.body;
  auto org_role = call(verb::post, "/api/organization-roles",
                       json::object{{"name", "watcher"},
                                    {"organizationScopeIds", {json_text(org_scope.json(), "id")}}});
  ASSERT_EQ(org_role.status, 201u) << org_role.body;

  auto deliveries = receiver_->wait_for("/role-scopes", 2);
  ASSERT_EQ(deliveries.size(), 2u);
  std::map<std::string, json::object> by_event;
  for (const auto& d : deliveries) by_event[json_text(d.payload, "event")] = d.payload;
  const auto& role_scopes = by_event["Role.Scopes.Updated"];
  EXPECT_EQ(json_text(role_scopes, "roleId"), json_text(role.json(), "id"));
  ASSERT_TRUE(role_scopes.contains("data"));
  EXPECT_EQ(json_text(role_scopes.at("data").as_array().at(0), "name"), "read:hooks");
  const auto& org_scopes = by_event["OrganizationRole.Scopes.Updated"];
  EXPECT_EQ(json_text(org_scopes, "organizationRoleId"), json_text(org_role.json(), "id"));
  EXPECT_FALSE(org_scopes.contains("data"));
  EXPECT_EQ(json_text(org_scopes, "path"), "/organization-roles");
}

TEST_F(WebhooksTest, ScopeAndOrganizationTemplateChangesAreDelivered) {
  json::object hook =
      make_hook("/template", {"Scope.Created", "Scope.Deleted", "OrganizationRole.Created",
                              "OrganizationRole.Scopes.Updated", "OrganizationScope.Created",
                              "OrganizationScope.Deleted"});
  auto resource = call(verb::post, "/api/resources",
                       json::object{{"name", "Hooked API"}, {"indicator", "https://hooked.test"}});
  ASSERT_EQ(resource.status, 200u) << resource.body;
  std::string resource_id = json_text(resource.json(), "id");
  auto scope = call(verb::post, "/api/resources/" + resource_id + "/scopes",
                    json::object{{"name", "read:hooks"}});
  ASSERT_EQ(scope.status, 201u) << scope.body;
  ASSERT_EQ(call(verb::delete_,
                 "/api/resources/" + resource_id + "/scopes/" + json_text(scope.json(), "id"))
                .status,
            204u);
  auto org_role = call(verb::post, "/api/organization-roles", json::object{{"name", "hook-admin"}});
  ASSERT_EQ(org_role.status, 201u) << org_role.body;
  auto org_scope =
      call(verb::post, "/api/organization-scopes", json::object{{"name", "hook:read"}});
  ASSERT_EQ(org_scope.status, 201u) << org_scope.body;
  std::string role_scopes =
      "/api/organization-roles/" + json_text(org_role.json(), "id") + "/scopes";
  ASSERT_EQ(call(verb::post, role_scopes,
                 json::object{{"organizationScopeIds", {json_text(org_scope.json(), "id")}}})
                .status,
            201u);
  ASSERT_EQ(
      call(verb::delete_, "/api/organization-scopes/" + json_text(org_scope.json(), "id")).status,
      204u);
  auto deliveries = receiver_->wait_for("/template", 6);
  ASSERT_EQ(deliveries.size(), 6u);
  expect_signed(deliveries, hook);
  std::map<std::string, json::object> by_event;
  for (const auto& d : deliveries) by_event[json_text(d.payload, "event")] = d.payload;
  EXPECT_EQ(json_text(by_event["Scope.Created"].at("data"), "resourceId"), resource_id);
  EXPECT_EQ(json_text(by_event["Scope.Deleted"].at("data"), "name"), "read:hooks");
  EXPECT_EQ(json_text(by_event["OrganizationRole.Created"].at("data"), "name"), "hook-admin");
  EXPECT_EQ(json_text(by_event["OrganizationScope.Deleted"].at("data"), "name"), "hook:read");
  const auto& granted = by_event["OrganizationRole.Scopes.Updated"];
  EXPECT_EQ(json_text(granted.at("data").at(0), "name"), "hook:read");
  EXPECT_EQ(json_text(granted.at("params"), "id"), json_text(org_role.json(), "id"));
  for (const auto& [id, count] : by_id(deliveries)) EXPECT_EQ(count, 1) << id;
}

TEST_F(WebhooksTest, MembershipChangesNameWhoJoinedAndWhoLeft) {
  json::object hook = make_hook("/members", {"Organization.Membership.Updated"});
  auto org = call(verb::post, "/api/organizations", json::object{{"name", "Members Inc"}});
  ASSERT_EQ(org.status, 201u) << org.body;
  std::string org_id = json_text(org.json(), "id");
  std::vector<std::string> u;
  for (int i = 0; i < 3; ++i) {
    auto made =
        call(verb::post, "/api/users", json::object{{"username", "member_" + std::to_string(i)}});
    ASSERT_EQ(made.status, 200u);
    u.push_back(json_text(made.json(), "id"));
  }
  std::string users = "/api/organizations/" + org_id + "/users";
  ASSERT_EQ(call(verb::post, users, json::object{{"userIds", {u[0], u[1]}}}).status, 201u);
  ASSERT_EQ(call(verb::put, users, json::object{{"userIds", {u[1], u[2]}}}).status, 204u);
  ASSERT_EQ(call(verb::delete_, users + "/" + u[1]).status, 204u);
  ASSERT_EQ(call(verb::post, users, json::object{{"userIds", {u[2]}}}).status, 201u);  // no change

  auto deliveries = receiver_->wait_for("/members", 3);
  ASSERT_EQ(deliveries.size(), 3u);
  expect_signed(deliveries, hook);
  auto ids = [](const json::object& p, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* list = p.if_contains(key)) {
      for (const auto& id : list->as_array()) out.emplace_back(id.as_string());
    }
    return out;
  };
  // Each event's lists, sorted, and the events in a fixed order (delivery order may vary).
  using Lists = std::vector<std::vector<std::string>>;
  auto sorted = [](Lists lists) {
    for (auto& list : lists) std::sort(list.begin(), list.end());
    std::sort(lists.begin(), lists.end());
    return lists;
  };
  Lists added, removed;
  for (const auto& d : deliveries) {
    EXPECT_EQ(json_text(d.payload, "organizationId"), org_id);
    added.push_back(ids(d.payload, "addedUserIds"));
    removed.push_back(ids(d.payload, "removedUserIds"));
  }
  EXPECT_EQ(sorted(added), sorted({{}, {u[0], u[1]}, {u[2]}}));
  EXPECT_EQ(sorted(removed), sorted({{}, {u[0]}, {u[1]}}));
  EXPECT_EQ(receiver_->wait_for("/members", 4, 1000ms).size(), 3u) << "no event without a change";
}

TEST_F(WebhooksTest, ASignInIsDeliveredAsPostSignInWithTheUserAndApp) {
  json::object hook = make_hook("/sign-in", {"PostSignIn"});
  UserSpec user{.username = "hook_signer", .password = "Lantern-Quay-4417"};
  std::string user_id = create_user(server(), user);
  std::string callback = "https://rp.example.test/callback";
  AppCredentials app = create_app(server(), "traditional", {"--redirect-uri", callback});
  ASSERT_TRUE(wait_until_client_known(server(), app, callback));
  auto tokens =
      sign_in_and_redeem(server(), app, {.client_id = app.id, .redirect_uri = callback}, user);
  ASSERT_FALSE(json_text(tokens, "access_token").empty());
  auto deliveries = receiver_->wait_for("/sign-in", 1);
  ASSERT_EQ(deliveries.size(), 1u);
  expect_signed(deliveries, hook);
  const auto& p = deliveries[0].payload;
  EXPECT_EQ(json_text(p, "event"), "PostSignIn");
  EXPECT_EQ(json_text(p, "interactionEvent"), "SignIn");
  EXPECT_EQ(json_text(p, "userId"), user_id);
  EXPECT_EQ(json_text(p.at("user"), "username"), "hook_signer");
  EXPECT_EQ(json_text(p.at("application"), "id"), app.id);
  EXPECT_FALSE(json_text(p, "sessionId").empty());
  EXPECT_EQ(json_text(p, "userIp"), "127.0.0.1");
}

TEST_F(WebhooksTest, AUsersOwnAccountChangesAreUserDataUpdated) {
  json::object hook = make_hook("/my-account", {"User.Data.Updated"});
  UserSpec user{.username = "hook_self_editor", .password = "Harbour-Lamp-2290"};
  std::string user_id = create_user(server(), user);
  std::string callback = "https://rp.example.test/account";
  AppCredentials app = create_app(server(), "traditional", {"--redirect-uri", callback});
  ASSERT_TRUE(wait_until_client_known(server(), app, callback));
  auto tokens = sign_in_and_redeem(
      server(), app, {.client_id = app.id, .redirect_uri = callback, .scope = "openid profile"},
      user);
  std::string token = json_text(tokens, "access_token");
  ASSERT_FALSE(token.empty());
  Headers headers{{"Content-Type", "application/json"},
                  {"Authorization", "Bearer " + token},
                  {"User-Agent", "account-hook-agent"}};
  auto renamed = server().client().request(verb::patch, "/api/my-account",
                                           R"({"name":"Renamed Self"})", headers);
  ASSERT_EQ(renamed.status, 200u) << renamed.body;

  auto deliveries = receiver_->wait_for("/my-account", 1);
  ASSERT_EQ(deliveries.size(), 1u);
  expect_signed(deliveries, hook);
  const auto& p = deliveries[0].payload;
  EXPECT_EQ(json_text(p, "event"), "User.Data.Updated");
  EXPECT_EQ(json_text(p.at("data"), "id"), user_id);
  EXPECT_EQ(json_text(p.at("data"), "name"), "Renamed Self");
  EXPECT_EQ(json_text(p, "userAgent"), "account-hook-agent");
  EXPECT_EQ(json_text(p, "ip"), "127.0.0.1");
  EXPECT_FALSE(p.at("data").as_object().contains("hasPassword"));
}

TEST_F(WebhooksTest, ARegistrationIsPostRegisterAndUserCreated) {
  json::object hook = make_hook("/register", {"PostRegister", "User.Created"});
  std::string callback = "https://rp.example.test/register";
  AppCredentials app = create_app(server(), "traditional", {"--redirect-uri", callback});
  ASSERT_TRUE(wait_until_client_known(server(), app, callback));
  BrowserSession browser(server());
  auto started =
      browser.get(AuthorizeRequest{.client_id = app.id, .redirect_uri = callback}.target());
  ASSERT_TRUE(started.status == 302u || started.status == 303u) << started.body;
  std::string uid = browser.cookie("_latch_interaction").value_or("");
  ASSERT_FALSE(uid.empty());
  auto experience = [&](verb method, const std::string& path, const json::value& body) {
    Headers headers{{"Content-Type", "application/json"},
                    {"Cookie", "_latch_interaction=" + uid},
                    {"User-Agent", "hook-test-agent"}};
    std::string text = body.is_null() ? "" : json::serialize(body);
    return server().client().request(method, "/api/experience" + path, text, headers);
  };
  ASSERT_EQ(experience(verb::put, "", json::object{{"interactionEvent", "Register"}}).status, 204u);
  auto verified =
      experience(verb::post, "/verification/new-password-identity",
                 json::object{{"identifier", {{"type", "username"}, {"value", "hooked_newbie"}}},
                              {"password", "Unrelated-Secret-42"}});
  ASSERT_EQ(verified.status, 200u) << verified.body;
  std::string vid = json_text(verified.json(), "verificationId");
  ASSERT_EQ(experience(verb::post, "/identification", json::object{{"verificationId", vid}}).status,
            201u);
  auto submitted = experience(verb::post, "/submit", nullptr);
  ASSERT_EQ(submitted.status, 200u) << submitted.body;

  auto deliveries = receiver_->wait_for("/register", 2);
  ASSERT_EQ(deliveries.size(), 2u);
  expect_signed(deliveries, hook);
  std::map<std::string, json::object> by_event;
  for (const auto& d : deliveries) by_event[json_text(d.payload, "event")] = d.payload;
  const auto& registered = by_event["PostRegister"];
  EXPECT_EQ(json_text(registered, "interactionEvent"), "Register");
  EXPECT_EQ(json_text(registered, "sessionId"), uid);
  EXPECT_EQ(json_text(registered, "userAgent"), "hook-test-agent");
  EXPECT_EQ(json_text(registered.at("user"), "username"), "hooked_newbie");
  EXPECT_EQ(json_text(registered.at("application"), "id"), app.id);
  const auto& created = by_event["User.Created"];
  EXPECT_EQ(json_text(created.at("data"), "username"), "hooked_newbie");
  EXPECT_EQ(json_text(created, "ip"), "127.0.0.1");
  EXPECT_EQ(json_text(registered, "userId"), json_text(created.at("data"), "id"));
}

TEST_F(WebhooksTest, AFailedDeliveryIsRetriedAndEachAttemptLogged) {
  json::object hook = make_hook("/fail-first", {"User.Created"});
  ASSERT_EQ(call(verb::post, "/api/users", json::object{{"username", "retried_user"}}).status,
            200u);
  auto deliveries = receiver_->wait_for("/fail-first", 2);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].status, 503);
  EXPECT_EQ(deliveries[1].status, 200);
  EXPECT_EQ(deliveries[0].body, deliveries[1].body) << "the same event again";
  EXPECT_EQ(deliveries[0].headers.at("latch-delivery-id"),
            deliveries[1].headers.at("latch-delivery-id"));
  expect_signed(deliveries, hook);
  json::array logs;
  ASSERT_TRUE(eventually([&] {
    logs = recent_logs(json_text(hook, "id"));
    return logs.size() == 2;
  }));
  EXPECT_EQ(json_text(logs[0].at("payload"), "result"), "Success");
  EXPECT_EQ(json_text(logs[1].at("payload"), "result"), "Error");
  EXPECT_EQ(logs[1].at("payload").at("response").at("statusCode"), 503);
  EXPECT_EQ(logs[1].at("payload").at("response").at("body").at("busy"), json::value(true));
}

TEST_F(WebhooksTest, ADeliveryThatAlwaysFailsIsDroppedAfterItsRetries) {
  json::object hook = make_hook("/always-fail", {"User.Created"}, {{"retries", 1}});
  ASSERT_EQ(call(verb::post, "/api/users", json::object{{"username", "dropped_user"}}).status,
            200u);
  EXPECT_EQ(receiver_->wait_for("/always-fail", 2).size(), 2u);
  EXPECT_EQ(receiver_->wait_for("/always-fail", 3, 1500ms).size(), 2u) << "one retry, no more";
  ASSERT_TRUE(eventually([&] { return recent_logs(json_text(hook, "id")).size() == 2; }));
  // docs/observability.md: the attempts are counted (other tests' deliveries count too).
  std::string metrics = server_->client().get("/metrics").body;
  for (const char* result : {"retry", "dropped"}) {
    std::string series = std::string("latch_webhook_deliveries_total{result=\"") + result + "\"} ";
    EXPECT_NE(metrics.find(series), std::string::npos) << series << "\n" << metrics;
  }
}

TEST_F(WebhooksTest, TheTestEndpointSendsSignedTestPayloadsNow) {
  json::object hook = make_hook("/unused", {"User.Created"});
  std::string id = json_text(hook, "id");
  json::object body{{"events", {"PostSignIn", "Role.Created"}},
                    {"config", {{"url", receiver_->url("/test-ok")}}}};
  auto sent = call(verb::post, "/api/hooks/" + id + "/test", body);
  EXPECT_EQ(sent.status, 204u) << sent.body;
  auto deliveries = receiver_->wait_for("/test-ok", 2, 2s);
  ASSERT_EQ(deliveries.size(), 2u);
  expect_signed(deliveries, hook);
  std::set<std::string> events;
  for (const auto& d : deliveries) events.insert(json_text(d.payload, "event"));
  EXPECT_EQ(events, (std::set<std::string>{"PostSignIn", "Role.Created"}));

  body["config"] = {{"url", receiver_->url("/test-always-fail")}};
  auto refused = call(verb::post, "/api/hooks/" + id + "/test", body);
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(json_text(refused.json(), "code"), "hook.endpoint_responded_with_error");
  EXPECT_EQ(refused.json().at("data").at("responseStatus"), 503);
  EXPECT_EQ(json_text(refused.json().at("data"), "responseBody"), R"({"busy":true})");

  body["config"] = {{"url", "http://127.0.0.1:1/nobody"}};
  auto unreachable = call(verb::post, "/api/hooks/" + id + "/test", body);
  EXPECT_EQ(unreachable.status, 422u);
  EXPECT_EQ(json_text(unreachable.json(), "code"), "hook.send_test_payload_failed");

  EXPECT_EQ(call(verb::post, "/api/hooks/nope/test", body).status, 404u);
  auto no_events = call(verb::post, "/api/hooks/" + id + "/test",
                        json::object{{"events", json::array{}}, {"config", body["config"]}});
  EXPECT_EQ(no_events.status, 400u);
  EXPECT_TRUE(recent_logs(id).empty()) << "tests are not deliveries";
  EXPECT_TRUE(receiver_->wait_for("/unused", 1, 200ms).empty());
}

// A receiver that is down, then a server killed with deliveries queued: once both are back,
// every event arrives, once.
TEST(WebhookDurabilityTest, QueuedEventsSurviveAKilledServerAndArriveOnce) {
  auto receiver = std::make_unique<PostReceiver>();
  int port = receiver->port();
  receiver.reset();  // down: its port refuses connections
  // A short send deadline keeps a claim's lease short, should the kill land mid-send.
  TestServer server(TestServerOptions{
      .env = {{"LATCH_WEBHOOK_RETRY_MS", "1000"}, {"LATCH_CONNECTOR_TIMEOUT_MS", "1000"}}});
  AppCredentials op = create_app(server, "m2m", {"--management-api"});
  auto call = [&](verb method, const std::string& path, const json::value& body) {
    auto token = token_with_basic(
        server, op, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    return management_request(server, method, path, body, json_text(token.json(), "access_token"));
  };
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/durable";
  auto hook = call(verb::post, "/api/hooks",
                   json::object{{"events", {"User.Created"}}, {"config", {{"url", url}}}});
  ASSERT_EQ(hook.status, 201u) << hook.body;
  std::string hook_id = json_text(hook.json(), "id");
  std::set<std::string> users;
  for (int i = 0; i < 3; ++i) {
    auto created =
        call(verb::post, "/api/users", json::object{{"username", "durable_" + std::to_string(i)}});
    ASSERT_EQ(created.status, 200u);
    users.insert(json_text(created.json(), "id"));
  }
  // Each has failed once (the receiver is down)...
  ASSERT_TRUE(eventually(
      [&] {
        auto logs = call(verb::get, "/api/hooks/" + hook_id + "/recent-logs", nullptr);
        return logs.json().is_array() && logs.json().as_array().size() >= 3;
      },
      10s));
  // ...and is still queued when the server dies without a chance to clean up.
  server.restart(/*kill=*/true);
  PostReceiver back(port);
  auto deliveries = back.wait_for("/durable", 3, 30s);
  ASSERT_EQ(deliveries.size(), 3u);
  std::set<std::string> delivered;
  for (const auto& d : deliveries) delivered.insert(json_text(d.payload.at("data"), "id"));
  EXPECT_EQ(delivered, users);
  EXPECT_EQ(back.wait_for("/durable", 4, 3s).size(), 3u) << "no duplicates";
}

}  // namespace
}  // namespace latch::test
