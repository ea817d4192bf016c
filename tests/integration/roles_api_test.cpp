// /api/roles (issue #16 item 4): Logto's shapes, pagination, search, error codes and status
// codes, the type rules, the built-in roles, and the audit log.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class RolesApiTest : public RolesFixture<RolesApiTest> {};

TEST_F(RolesApiTest, ARoleIsCreatedReadUpdatedAndDeletedInLogtosShape) {
  auto created = call(verb::post, "/api/roles",
                      json::object{{"name", "editor"}, {"description", "Edits things"}});
  ASSERT_EQ(created.status, 200u) << created.body;
  auto role = created.json().as_object();
  EXPECT_EQ(json_text(role, "id").size(), 21u);
  EXPECT_EQ(role, (json::object{{"id", role.at("id")},
                                {"name", "editor"},
                                {"description", "Edits things"},
                                {"type", "User"},
                                {"isDefault", false}}));
  std::string path = "/api/roles/" + json_text(role, "id");
  EXPECT_EQ(call(verb::get, path).json(), json::value(role));

  auto patched =
      call(verb::patch, path, json::object{{"name", "editor-2"}, {"description", "Edits more"}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json(), "name"), "editor-2");
  EXPECT_EQ(json_text(call(verb::get, path).json(), "description"), "Edits more");

  EXPECT_EQ(call(verb::delete_, path).status, 204u);
  auto gone = call(verb::get, path);
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(json_text(gone.json(), "code"), "entity.not_exists_with_id");
  EXPECT_EQ(call(verb::delete_, path).status, 404u);
  EXPECT_EQ(call(verb::patch, path, json::object{{"name", "x"}}).status, 404u);
}

TEST_F(RolesApiTest, CreateRefusesBadInputWithTheFieldNamed) {
  struct Case {
    json::object body;
    std::string field;
  };
  std::vector<Case> cases{
      {{{"description", "no name"}}, "name"},
      {{{"name", ""}, {"description", "d"}}, "name"},
      {{{"name", std::string(129, 'n')}, {"description", "d"}}, "name"},
      {{{"name", "no-description"}}, "description"},
      {{{"name", "t"}, {"description", "d"}, {"type", "Robot"}}, "type"},
      {{{"name", "t"}, {"description", "d"}, {"isDefault", "yes"}}, "isDefault"},
      {{{"name", "t"}, {"description", "d"}, {"scopeIds", "one"}}, "scopeIds"},
      {{{"name", "t"}, {"description", "d"}, {"scopeIds", json::array{""}}}, "scopeIds"},
      {{{"name", "t"}, {"description", "d"}, {"color", "red"}}, "color"},
      {{{"name", "t"}, {"description", "d"}, {"type", "MachineToMachine"}, {"isDefault", true}},
       "isDefault"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(json::serialize(c.body));
    auto res = call(verb::post, "/api/roles", c.body);
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "field"), c.field);
  }
}

TEST_F(RolesApiTest, ANameIsUniqueOnCreateAndUpdate) {
  std::string first = create_role("unique-a");
  std::string second = create_role("unique-b");
  auto taken =
      call(verb::post, "/api/roles", json::object{{"name", "unique-a"}, {"description", "d"}});
  EXPECT_EQ(taken.status, 422u);
  EXPECT_EQ(json_text(taken.json(), "code"), "role.name_in_use");
  auto renamed = call(verb::patch, "/api/roles/" + second, json::object{{"name", "unique-a"}});
  EXPECT_EQ(renamed.status, 422u);
  EXPECT_EQ(json_text(renamed.json(), "code"), "role.name_in_use");
  // Keeping its own name is no conflict.
  EXPECT_EQ(call(verb::patch, "/api/roles/" + first, json::object{{"name", "unique-a"}}).status,
            200u);
}

TEST_F(RolesApiTest, CreateWithScopeIdsIsAllOrNothing) {
  auto unknown = call(verb::post, "/api/roles",
                      json::object{{"name", "half-made"},
                                   {"description", "d"},
                                   {"scopeIds", json::array{read_scope_id_, "no-such-scope"}}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json(), "code"), "entity.not_exists_with_id");
  EXPECT_EQ(call(verb::get, "/api/roles?search=half-made").header("Total-Number"), "0");

  std::string id = create_role("reader", "User", {read_scope_id_});
  auto scopes = call(verb::get, "/api/roles/" + id + "/scopes");
  ASSERT_EQ(scopes.status, 200u) << scopes.body;
  ASSERT_EQ(scopes.json().as_array().size(), 1u);
  json::value scope = scopes.json().as_array()[0];
  EXPECT_EQ(json_text(scope, "id"), read_scope_id_);
  EXPECT_EQ(json_text(scope, "name"), "read:books");
  EXPECT_EQ(json_text(scope.at("resource"), "indicator"), kBooks);
  EXPECT_EQ(scopes.header("Total-Number"), "1");
}

TEST_F(RolesApiTest, ManagementApiScopesGoToMachineRolesOnly) {
  auto user_role = call(verb::post, "/api/roles",
                        json::object{{"name", "wants-all"},
                                     {"description", "d"},
                                     {"scopeIds", json::array{"management-api-all"}}});
  EXPECT_EQ(user_role.status, 400u);
  EXPECT_EQ(json_text(user_role.json(), "code"),
            "role.management_api_scopes_not_assignable_to_user_role");
  std::string plain = create_role("plain-user-role");
  auto added = call(verb::post, "/api/roles/" + plain + "/scopes",
                    json::object{{"scopeIds", json::array{"logto-management-api-all"}}});
  EXPECT_EQ(added.status, 400u);
  EXPECT_EQ(json_text(added.json(), "code"),
            "role.management_api_scopes_not_assignable_to_user_role");
  EXPECT_FALSE(create_role("ops-robot", "MachineToMachine", {"management-api-all"}).empty());
}

TEST_F(RolesApiTest, BuiltInRolesCanBeReadAndAssignedButNotChanged) {
  for (const char* id : {"latch-operator", "latch-management-api-access"}) {
    SCOPED_TRACE(id);
    std::string path = std::string("/api/roles/") + id;
    ASSERT_EQ(call(verb::get, path).status, 200u);
    std::vector<HttpResponse> refused{
        call(verb::patch, path, json::object{{"name", "mine now"}}),
        call(verb::patch, path, json::object{{"description", "changed"}}),
        call(verb::delete_, path),
        call(verb::post, path + "/scopes", json::object{{"scopeIds", json::array{read_scope_id_}}}),
        call(verb::delete_, path + "/scopes/management-api-all"),
    };
    for (const auto& res : refused) {
      EXPECT_EQ(res.status, 403u) << res.body;
      EXPECT_EQ(json_text(res.json(), "code"), "role.internal_role_violation");
    }
    EXPECT_EQ(call(verb::get, path + "/scopes").header("Total-Number"), "2");
  }
  std::string user = create_api_user("would_be_op");
  EXPECT_EQ(call(verb::post, "/api/users/" + user + "/roles",
                 json::object{{"roleIds", json::array{"latch-operator"}}})
                .status,
            201u);
  EXPECT_EQ(call(verb::delete_, "/api/users/" + user + "/roles/latch-operator").status, 204u);
}

TEST_F(RolesApiTest, ListSearchesFiltersByTypeExcludesHoldersAndPages) {
  for (int i = 1; i <= 3; ++i)
    create_role("lst-m2m-role-00" + std::to_string(i), "MachineToMachine");
  for (int i = 1; i <= 2; ++i) create_role("lst-user-role-00" + std::to_string(i));
  auto m2m = call(verb::get, "/api/roles?type=MachineToMachine&search=%25lst-m2m-role-00%25");
  ASSERT_EQ(m2m.status, 200u) << m2m.body;
  EXPECT_EQ(m2m.header("Total-Number"), "3");
  EXPECT_EQ(m2m.json().as_array().size(), 3u);
  auto any = call(verb::get, "/api/roles?search=LST-&page=2&page_size=2");
  EXPECT_EQ(any.header("Total-Number"), "5");
  EXPECT_EQ(any.json().as_array().size(), 2u);
  EXPECT_EQ(call(verb::get, "/api/roles?type=Robot").status, 400u);
  EXPECT_EQ(call(verb::get, "/api/roles?page_size=101").status, 400u);

  std::string robot = create_m2m_app("lister");
  auto first = call(verb::get, "/api/roles?search=lst-m2m-role-001").json().as_array()[0];
  ASSERT_EQ(call(verb::post, "/api/applications/" + robot + "/roles",
                 json::object{{"roleIds", json::array{first.at("id")}}})
                .status,
            201u);
  auto rest = call(verb::get, "/api/roles?search=lst-m2m&excludeApplicationId=" + robot);
  EXPECT_EQ(rest.header("Total-Number"), "2");
  json::value rest_roles = rest.json();
  for (const auto& r : rest_roles.as_array()) EXPECT_NE(r.at("id"), first.at("id"));

  auto item = call(verb::get, "/api/roles?search=lst-m2m-role-001").json().as_array()[0];
  EXPECT_EQ(item.at("applicationsCount"), json::value(1));
  EXPECT_EQ(item.at("usersCount"), json::value(0));
  ASSERT_EQ(item.at("featuredApplications").as_array().size(), 1u);
  EXPECT_EQ(
      item.at("featuredApplications").as_array()[0],
      json::value(json::object{{"id", robot}, {"name", "lister"}, {"type", "MachineToMachine"}}));
  EXPECT_TRUE(item.at("featuredUsers").as_array().empty());
}

TEST_F(RolesApiTest, FeaturedUsersAreThreeAtMostWithTheCountOfAll) {
  std::string id = create_role("crowd");
  json::array users;
  for (int i = 0; i < 4; ++i)
    users.push_back(json::value(create_api_user("crowd_" + std::to_string(i))));
  ASSERT_EQ(
      call(verb::post, "/api/roles/" + id + "/users", json::object{{"userIds", users}}).status,
      201u);
  auto item = call(verb::get, "/api/roles?search=crowd").json().as_array()[0];
  EXPECT_EQ(item.at("usersCount"), json::value(4));
  ASSERT_EQ(item.at("featuredUsers").as_array().size(), 3u);
  const auto& featured = item.at("featuredUsers").as_array()[0].as_object();
  EXPECT_TRUE(featured.contains("avatar"));
  EXPECT_TRUE(featured.contains("name"));
  EXPECT_EQ(featured.size(), 3u);
}

TEST_F(RolesApiTest, ScopesAreAddedListedAndRemoved) {
  std::string id = create_role("scoped", "User", {read_scope_id_});
  std::string path = "/api/roles/" + id + "/scopes";
  auto added = call(verb::post, path, json::object{{"scopeIds", json::array{write_scope_id_}}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json().as_array().size(), 2u);  // every scope the role then holds
  EXPECT_EQ(json_text(added.json().as_array()[0], "resourceId"), books_id_);

  auto twice = call(verb::post, path, json::object{{"scopeIds", json::array{read_scope_id_}}});
  EXPECT_EQ(twice.status, 422u);
  EXPECT_EQ(json_text(twice.json(), "code"), "role.scope_exists");
  EXPECT_EQ(call(verb::post, path, json::object{{"scopeIds", json::array{}}}).status, 400u);
  EXPECT_EQ(call(verb::post, path, json::object{{"scopeIds", json::array{1}}}).status, 400u);
  auto unknown = call(verb::post, path, json::object{{"scopeIds", json::array{"nope"}}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json(), "code"), "entity.not_exists_with_id");
  EXPECT_EQ(call(verb::post, "/api/roles/nope/scopes",
                 json::object{{"scopeIds", json::array{read_scope_id_}}})
                .status,
            404u);

  auto searched = call(verb::get, path + "?search=write");
  EXPECT_EQ(searched.json().as_array().size(), 1u);
  auto paged = call(verb::get, path + "?page=2&page_size=1");
  EXPECT_EQ(paged.header("Total-Number"), "2");
  EXPECT_EQ(paged.json().as_array().size(), 1u);

  EXPECT_EQ(call(verb::delete_, path + "/" + write_scope_id_).status, 204u);
  auto again = call(verb::delete_, path + "/" + write_scope_id_);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(json_text(again.json(), "code"), "entity.not_found");
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "1");
  EXPECT_EQ(call(verb::get, "/api/roles/nope/scopes").status, 404u);
}

TEST_F(RolesApiTest, EveryChangeIsInTheAuditLog) {
  std::string id = create_role("audited");
  ASSERT_EQ(call(verb::patch, "/api/roles/" + id, json::object{{"description", "seen"}}).status,
            200u);
  ASSERT_EQ(call(verb::delete_, "/api/roles/" + id).status, 204u);
  for (const std::string method : {"POST", "PATCH", "DELETE"}) {
    auto logs = call(verb::get, "/api/logs?page_size=100&logKey=Management." + method);
    ASSERT_EQ(logs.status, 200u) << logs.body;
    bool seen = false;
    json::value entries = logs.json();
    for (const auto& entry : entries.as_array()) {
      std::string path = json_text(entry.at("payload"), "path");
      seen |= path == (method == "POST" ? std::string("/api/roles") : "/api/roles/" + id);
    }
    EXPECT_TRUE(seen) << method;
  }
}

TEST_F(RolesApiTest, TheOpenApiDocumentHasTheRoleSchemas) {
  auto doc = server().client().get("/api/swagger.json").json();
  const auto& schemas = doc.at("components").at("schemas").as_object();
  for (const char* name : {"Role", "RoleListItem", "NewRole", "Scope", "Permission", "Error"}) {
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
  EXPECT_EQ(schemas.at("Role").at("properties").at("type").at("enum"),
            json::value(json::array{"User", "MachineToMachine"}));
  const auto& create = doc.at("paths").at("/api/roles").at("post");
  EXPECT_EQ(
      json_text(create.at("requestBody").at("content").at("application/json").at("schema"), "$ref"),
      "#/components/schemas/NewRole");
  EXPECT_EQ(
      json_text(create.at("responses").at("200").at("content").at("application/json").at("schema"),
                "$ref"),
      "#/components/schemas/Role");
  EXPECT_TRUE(create.at("responses").as_object().contains("422"));
  const auto& assign = doc.at("paths").at("/api/roles/{id}/users").at("post");
  EXPECT_TRUE(assign.at("responses").as_object().contains("201"));
  EXPECT_FALSE(assign.at("responses").as_object().contains("200"));
  const auto& body = assign.at("requestBody").at("content").at("application/json").at("schema");
  EXPECT_EQ(body.at("required"), json::value(json::array{"userIds"}));
  EXPECT_EQ(body.at("properties").at("userIds").at("minItems"), json::value(1));
  // Every $ref names a schema that exists.
  std::string text = json::serialize(doc);
  for (std::size_t at = 0; (at = text.find("#/components/schemas/", at)) != std::string::npos;) {
    at += 21;
    std::string name = text.substr(at, text.find('"', at) - at);
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
}

}  // namespace
}  // namespace latch::test
