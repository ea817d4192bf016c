// Roles at work (issue #16 items 2, 6 and 8): a role change shows in the next token without a
// wait, the effective permissions of a user, and the `latch role` commands.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/jwt_inspect.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

constexpr const char* kCallback = "http://localhost:4100/callback";

class RoleTokensTest : public RolesFixture<RoleTokensTest> {
 public:
  static void provision_more(TestServer& server) {
    web_ = create_user_app(server, {.redirect_uris = {kCallback}});
    worker_ = create_app(server, "m2m");
    frank_id_ = create_user(server, frank_);
    if (!wait_until_client_known(server, web_, kCallback)) {
      throw std::runtime_error("the server did not load the web app");
    }
  }

 protected:
  // The scope claim of the next books token: for frank through a refresh (the code flow's
  // refresh token, redeemed once), for the worker through client credentials.
  static std::string user_books_scope(const std::string& refresh_token) {
    http::Params extra{{"resource", kBooks}};
    auto res = refresh(server(), web_, refresh_token, extra);
    EXPECT_EQ(res.status, 200u) << res.body;
    return claim_scope(json_text(res.json(), "access_token"));
  }
  static std::string worker_books_scope() {
    http::Params params{{"grant_type", "client_credentials"},
                        {"resource", kBooks},
                        {"scope", "read:books write:books"}};
    auto res = token_request(server(), worker_, params);
    if (res.status != 200) return "(refused: " + res.body + ")";
    return claim_scope(json_text(res.json(), "access_token"));
  }
  static std::string claim_scope(const std::string& jwt) {
    auto decoded = decode_jwt(jwt);
    if (!decoded) return "(not a JWT)";
    return json_text(decoded->payload, "scope");
  }

  static inline AppCredentials web_, worker_;
  static inline UserSpec frank_{.username = "frank", .password = "Copper-Lantern-318"};
  static inline std::string frank_id_;
};

TEST_F(RoleTokensTest, AUsersNextTokenCarriesWhatHisRolesGrantNow) {
  AuthorizeRequest request{.client_id = web_.id,
                           .redirect_uri = kCallback,
                           .scope = "openid offline_access read:books write:books"};
  request.extra.add("resource", kBooks);
  auto tokens = sign_in_and_redeem(server(), web_, request, frank_);
  std::string refresh_token = json_text(tokens, "refresh_token");
  ASSERT_FALSE(refresh_token.empty());
  EXPECT_EQ(user_books_scope(refresh_token), "");

  std::string reader = create_role("token-reader", "User", {read_scope_id_});
  ASSERT_EQ(call(verb::post, "/api/users/" + frank_id_ + "/roles",
                 json::object{{"roleIds", json::array{json::value(reader)}}})
                .status,
            201u);
  EXPECT_EQ(user_books_scope(refresh_token), "read:books");

  ASSERT_EQ(call(verb::post, "/api/roles/" + reader + "/scopes",
                 json::object{{"scopeIds", json::array{json::value(write_scope_id_)}}})
                .status,
            201u);
  EXPECT_EQ(user_books_scope(refresh_token), "read:books write:books");

  ASSERT_EQ(call(verb::delete_, "/api/users/" + frank_id_ + "/roles/" + reader).status, 204u);
  EXPECT_EQ(user_books_scope(refresh_token), "");
}

TEST_F(RoleTokensTest, AnAppsNextClientCredentialsTokenCarriesWhatItsRolesGrantNow) {
  EXPECT_EQ(worker_books_scope().find("read:books"), std::string::npos);
  std::string role = create_role("worker-writer", "MachineToMachine", {write_scope_id_});
  ASSERT_EQ(call(verb::post, "/api/roles/" + role + "/applications",
                 json::object{{"applicationIds", json::array{json::value(worker_.id)}}})
                .status,
            201u);
  EXPECT_EQ(worker_books_scope(), "write:books");
  ASSERT_EQ(call(verb::delete_, "/api/roles/" + role).status, 204u);
  EXPECT_EQ(worker_books_scope().find("write:books"), std::string::npos);
}

TEST_F(RoleTokensTest, EffectivePermissionsNameTheRolesThatGrantEachScope) {
  std::string gus = create_api_user("gus");
  std::string a = create_role("perm-reader", "User", {read_scope_id_});
  std::string b = create_role("perm-editor", "User", {read_scope_id_, write_scope_id_});
  ASSERT_EQ(call(verb::put, "/api/users/" + gus + "/roles",
                 json::object{{"roleIds", json::array{json::value(a), json::value(b)}}})
                .status,
            200u);
  auto all = call(verb::get, "/api/users/" + gus + "/scopes");
  ASSERT_EQ(all.status, 200u) << all.body;
  json::object read;
  json::value permissions = all.json();
  for (const auto& p : permissions.as_array()) {
    if (json_text(p, "id") == read_scope_id_) read = p.as_object();
  }
  ASSERT_FALSE(read.empty()) << all.body;
  EXPECT_EQ(json_text(read, "name"), "read:books");
  EXPECT_EQ(read.at("resource"),
            json::value(json::object{{"id", books_id_}, {"name", "Books"}, {"indicator", kBooks}}));
  EXPECT_EQ(read.at("roles").as_array().size(), 2u);  // once, with both roles
  EXPECT_EQ(all.json().as_array().size(), 2u);

  auto by_indicator =
      call(verb::get, std::string("/api/users/") + gus + "/scopes?resource=" + kBooks);
  EXPECT_EQ(by_indicator.json().as_array().size(), 2u);
  auto management = call(verb::get, "/api/users/" + gus + "/scopes?resource=management-api");
  EXPECT_TRUE(management.json().as_array().empty());
  EXPECT_EQ(call(verb::get, "/api/users/" + gus + "/scopes?resource=nope").status, 404u);
  EXPECT_EQ(call(verb::get, "/api/users/nobody/scopes").status, 404u);
}

TEST_F(RoleTokensTest, TheRoleCommandsCreateAssignListAndDelete) {
  json::value role = cli_json(server(), {"role", "create", "--name", "cli-reader", "--type", "user",
                                         "--scope", std::string(kBooks) + ":read:books", "--json"});
  std::string id = json_text(role, "id");
  EXPECT_EQ(json_text(role, "description"), "cli-reader");
  EXPECT_EQ(call(verb::get, "/api/roles/" + id + "/scopes").header("Total-Number"), "1");
  auto by_id = server().cli({"role", "create", "--name", "cli-by-id", "--type", "m2m", "--scope",
                             books_id_ + ":write:books"});
  EXPECT_EQ(by_id.exit_code, 0) << by_id.err;

  auto assigned = server().cli({"role", "assign", "cli-reader", "--user", "frank"});
  ASSERT_EQ(assigned.exit_code, 0) << assigned.err;
  EXPECT_EQ(call(verb::get, "/api/roles/" + id + "/users").header("Total-Number"), "1");
  bool listed = false;
  json::value roles = cli_json(server(), {"role", "list", "--json"});
  for (const auto& r : roles.as_array()) {
    if (json_text(r, "id") == id) listed = r.at("usersCount") == json::value(1);
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(server().cli({"role", "unassign", id, "--user", frank_id_}).exit_code, 0);
  EXPECT_EQ(call(verb::get, "/api/roles/" + id + "/users").header("Total-Number"), "0");

  ASSERT_EQ(server().cli({"role", "assign", "cli-by-id", "--app", worker_.id}).exit_code, 0);
  auto wrong = server().cli({"role", "assign", "cli-reader", "--app", worker_.id});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(server().cli({"role", "assign", "cli-reader"}).exit_code, 0);
  auto unknown_scope = server().cli(
      {"role", "create", "--name", "cli-bad", "--scope", std::string(kBooks) + ":burn:books"});
  EXPECT_NE(unknown_scope.exit_code, 0);
  EXPECT_NE(unknown_scope.err.find("burn:books"), std::string::npos) << unknown_scope.err;
  EXPECT_NE(server().cli({"role", "delete", "latch-operator"}).exit_code, 0);
  EXPECT_EQ(server().cli({"role", "delete", "cli-reader"}).exit_code, 0);
  EXPECT_EQ(call(verb::get, "/api/roles/" + id).status, 404u);
}

TEST_F(RoleTokensTest, OperatorsAndManagementAppsHoldTheBuiltInRoles) {
  auto made = server().cli(
      {"admin", "create", "--username", "role_op", "--password", "Operator-Passphrase-9"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto operators = call(verb::get, "/api/roles/latch-operator/users?search=role_op");
  EXPECT_EQ(operators.header("Total-Number"), "1");
  ASSERT_EQ(server().cli({"admin", "revoke", "role_op"}).exit_code, 0);
  EXPECT_EQ(
      call(verb::get, "/api/roles/latch-operator/users?search=role_op").header("Total-Number"),
      "0");
  auto apps = call(verb::get, "/api/applications/" + admin_.id + "/roles");
  ASSERT_EQ(apps.status, 200u) << apps.body;
  EXPECT_EQ(json_text(apps.json().as_array()[0], "id"), "latch-management-api-access");
}

}  // namespace
}  // namespace latch::test
