// The members of an organization (issue #17 item 4): /api/organizations/:id/users and
// /:id/applications with their organization roles and scopes, in Logto's shapes and codes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class OrganizationMembersApiTest : public OrganizationsFixture<OrganizationMembersApiTest> {};

TEST_F(OrganizationMembersApiTest, UsersJoinAreListedWithTheirRolesAndLeave) {
  std::string org = create_org("members");
  std::string ann = create_api_user("member_ann"), bob = create_api_user("member_bob");
  std::string path = "/api/organizations/" + org + "/users";
  // Logto echoes the ids as sent, repeats included; the membership has each user once.
  auto added = call(verb::post, path, json::object{{"userIds", ids({ann, ann, bob})}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json(), json::value(json::object{{"userIds", ids({ann, ann, bob})}}));
  EXPECT_EQ(call(verb::post, path, json::object{{"userIds", ids({ann})}}).status, 201u);

  auto listed = call(verb::get, path);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.header("Total-Number"), "2");
  EXPECT_EQ(listed_ids(listed), (std::vector<std::string>{ann, bob}));  // in the order they joined
  json::object first = listed.json().as_array()[0].as_object();
  EXPECT_EQ(json_text(first, "username"), "member_ann");
  EXPECT_FALSE(first.contains("hasPassword"));
  EXPECT_EQ(first.at("organizationRoles"), json::value(json::array{}));
  EXPECT_EQ(listed_ids(call(verb::get, path + "?q=member_b")), std::vector<std::string>{bob});
  EXPECT_EQ(listed_ids(call(verb::get, path + "?page=2&page_size=1")),
            std::vector<std::string>{bob});

  EXPECT_EQ(call(verb::delete_, path + "/" + ann).status, 204u);
  auto again = call(verb::delete_, path + "/" + ann);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(code_of(again), "entity.not_found");
  EXPECT_EQ(listed_ids(call(verb::get, path)), std::vector<std::string>{bob});
}

TEST_F(OrganizationMembersApiTest, ReplacingTheUsersKeepsTheRolesOfThoseWhoStay) {
  std::string org = create_org("replace-members");
  std::string role = create_org_role("stays-role");
  std::string keep = create_api_user("member_keep"), drop = create_api_user("member_drop");
  std::string join = create_api_user("member_join");
  std::string path = "/api/organizations/" + org + "/users";
  ASSERT_EQ(call(verb::post, path, json::object{{"userIds", ids({keep, drop})}}).status, 201u);
  ASSERT_EQ(call(verb::post, path + "/" + keep + "/roles",
                 json::object{{"organizationRoleIds", ids({role})}})
                .status,
            201u);
  EXPECT_EQ(call(verb::put, path, json::object{{"userIds", ids({keep, join, join})}}).status, 204u);
  EXPECT_EQ(listed_ids(call(verb::get, path)).size(), 2u);
  EXPECT_EQ(listed_ids(call(verb::get, path + "/" + keep + "/roles")),
            std::vector<std::string>{role});
  EXPECT_EQ(code_of(call(verb::get, path + "/" + drop + "/roles")),
            "organization.require_membership");
  EXPECT_EQ(call(verb::put, path, json::object{{"userIds", json::array{}}}).status, 204u);
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "0");
}

TEST_F(OrganizationMembersApiTest, AddingUsersRefusesWhatDoesNotExistAndChangesNothing) {
  std::string org = create_org("refusing-members");
  std::string cat = create_api_user("member_cat");
  std::string path = "/api/organizations/" + org + "/users";
  EXPECT_EQ(call(verb::post, path, json::object{{"userIds", json::array{}}}).status, 400u);
  EXPECT_EQ(call(verb::post, path, json::object{{"userIds", ids({""})}}).status, 400u);
  auto unknown_user = call(verb::post, path, json::object{{"userIds", ids({cat, "nobody"})}});
  EXPECT_EQ(unknown_user.status, 422u);
  EXPECT_EQ(code_of(unknown_user), "entity.relation_foreign_key_not_found");
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "0");
  auto unknown_org =
      call(verb::post, "/api/organizations/nope/users", json::object{{"userIds", ids({cat})}});
  EXPECT_EQ(unknown_org.status, 422u);
  EXPECT_EQ(code_of(unknown_org), "entity.relation_foreign_key_not_found");
  EXPECT_EQ(call(verb::get, "/api/organizations/nope/users").status, 404u);
  EXPECT_EQ(call(verb::delete_, "/api/organizations/nope/users/" + cat).status, 404u);
}

TEST_F(OrganizationMembersApiTest, AMemberGainsRolesByIdOrNameAndLosesThem) {
  std::string org = create_org("member-roles");
  std::string admin = create_org_role("z-admin"), viewer = create_org_role("a-viewer");
  std::string machine = create_org_role("member-machine", "MachineToMachine");
  std::string user = create_api_user("member_roles_user");
  std::string base = "/api/organizations/" + org + "/users/" + user;
  std::string path = base + "/roles";
  // Not a member yet.
  for (auto res : {call(verb::get, path),
                   call(verb::post, path, json::object{{"organizationRoleIds", ids({admin})}}),
                   call(verb::delete_, path + "/" + admin), call(verb::get, base + "/scopes")}) {
    EXPECT_EQ(res.status, 422u) << res.body;
    EXPECT_EQ(code_of(res), "organization.require_membership");
  }
  ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/users",
                 json::object{{"userIds", ids({user})}})
                .status,
            201u);

  auto added = call(verb::post, path,
                    json::object{{"organizationRoleIds", ids({admin})},
                                 {"organizationRoleNames", ids({"a-viewer", "z-admin"})}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json(), json::value(json::object{{"organizationRoleIds", ids({admin, viewer})}}));
  auto listed = call(verb::get, path);
  EXPECT_EQ(listed_ids(listed), (std::vector<std::string>{viewer, admin}));  // by name
  EXPECT_EQ(json_text(listed.json().as_array()[0], "type"), "User");
  EXPECT_EQ(listed_ids(call(verb::get, path + "?page=2&page_size=1")),
            std::vector<std::string>{admin});
  auto members = call(verb::get, "/api/organizations/" + org + "/users");
  EXPECT_EQ(members.json().as_array()[0].at("organizationRoles"),
            json::value(json::array{json::object{{"id", viewer}, {"name", "a-viewer"}},
                                    json::object{{"id", admin}, {"name", "z-admin"}}}));
  auto empty = call(verb::post, path, json::object{{"organizationRoleIds", json::array{}}});
  EXPECT_EQ(empty.json(), json::value(json::object{{"organizationRoleIds", json::array{}}}));

  auto no_name = call(verb::post, path, json::object{{"organizationRoleNames", ids({"nobody"})}});
  EXPECT_EQ(no_name.status, 422u);
  EXPECT_EQ(code_of(no_name), "organization.role_names_not_found");
  auto no_id = call(verb::post, path, json::object{{"organizationRoleIds", ids({"nope"})}});
  EXPECT_EQ(no_id.status, 422u);
  EXPECT_EQ(code_of(no_id), "entity.relation_foreign_key_not_found");
  auto wrong = call(verb::post, path, json::object{{"organizationRoleIds", ids({machine})}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(code_of(wrong), "entity.db_constraint_violated");
  EXPECT_EQ(call(verb::post, path, json::object{{"roleIds", ids({admin})}}).status, 400u);

  auto replaced = call(verb::put, path, json::object{{"organizationRoleNames", ids({"z-admin"})}});
  EXPECT_EQ(replaced.status, 204u) << replaced.body;
  EXPECT_EQ(listed_ids(call(verb::get, path)), std::vector<std::string>{admin});
  EXPECT_EQ(code_of(call(verb::put, path, json::object{{"organizationRoleNames", ids({"x"})}})),
            "organization.role_names_not_found");
  EXPECT_EQ(call(verb::delete_, path + "/" + admin).status, 204u);
  auto again = call(verb::delete_, path + "/" + admin);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(code_of(again), "entity.not_found");
}

TEST_F(OrganizationMembersApiTest, AMembersScopesAreWhatItsRolesGrantThere) {
  std::string org = create_org("member-scopes");
  std::string read = create_org_scope("member:read"), write = create_org_scope("member:write");
  std::string reader = created_id(
      "/api/organization-roles", {{"name", "scope-reader"}, {"organizationScopeIds", ids({read})}});
  std::string writer =
      created_id("/api/organization-roles",
                 {{"name", "scope-writer"}, {"organizationScopeIds", ids({read, write})}});
  std::string user = create_api_user("member_scopes_user");
  std::string base = "/api/organizations/" + org + "/users/" + user;
  ASSERT_EQ(call(verb::post, "/api/organizations/" + org + "/users",
                 json::object{{"userIds", ids({user})}})
                .status,
            201u);
  EXPECT_TRUE(call(verb::get, base + "/scopes").json().as_array().empty());
  ASSERT_EQ(call(verb::post, base + "/roles",
                 json::object{{"organizationRoleIds", ids({reader, writer})}})
                .status,
            201u);
  auto scopes = call(verb::get, base + "/scopes");
  ASSERT_EQ(scopes.status, 200u) << scopes.body;
  EXPECT_EQ(scopes.json(),
            json::value(json::array{
                json::object{{"id", read}, {"name", "member:read"}, {"description", nullptr}},
                json::object{{"id", write}, {"name", "member:write"}, {"description", nullptr}}}));
  ASSERT_EQ(call(verb::delete_, base + "/roles/" + writer).status, 204u);
  EXPECT_EQ(listed_ids(call(verb::get, base + "/scopes")), std::vector<std::string>{read});
}

TEST_F(OrganizationMembersApiTest, RolesAreGivenToSeveralMembersAtOnce) {
  std::string org = create_org("bulk-roles");
  std::string a = create_org_role("bulk-a"), b = create_org_role("bulk-b");
  std::string ann = create_api_user("bulk_ann"), bob = create_api_user("bulk_bob");
  std::string outsider = create_api_user("bulk_outsider");
  std::string base = "/api/organizations/" + org + "/users";
  ASSERT_EQ(call(verb::post, base, json::object{{"userIds", ids({ann, bob})}}).status, 201u);
  auto given =
      call(verb::post, base + "/roles",
           json::object{{"userIds", ids({ann, bob})}, {"organizationRoleIds", ids({a, b})}});
  ASSERT_EQ(given.status, 201u) << given.body;
  for (const auto& user : {ann, bob}) {
    EXPECT_EQ(listed_ids(call(verb::get, base + "/" + user + "/roles")),
              (std::vector<std::string>{a, b}));
  }
  auto outside =
      call(verb::post, base + "/roles",
           json::object{{"userIds", ids({outsider})}, {"organizationRoleIds", ids({a})}});
  EXPECT_EQ(outside.status, 422u);
  EXPECT_EQ(code_of(outside), "entity.relation_foreign_key_not_found");
  EXPECT_EQ(call(verb::post, base + "/roles", json::object{{"userIds", ids({ann})}}).status, 400u);
  EXPECT_EQ(call(verb::post, base + "/roles",
                 json::object{{"userIds", json::array{}}, {"organizationRoleIds", ids({a})}})
                .status,
            400u);
  // Leaving the organization takes the roles held there.
  ASSERT_EQ(call(verb::delete_, base + "/" + ann).status, 204u);
  ASSERT_EQ(call(verb::post, base, json::object{{"userIds", ids({ann})}}).status, 201u);
  EXPECT_TRUE(call(verb::get, base + "/" + ann + "/roles").json().as_array().empty());
}

TEST_F(OrganizationMembersApiTest, MachineToMachineAppsJoinWithMachineRoles) {
  std::string org = create_org("app-members");
  std::string machine = create_org_role("app-machine", "MachineToMachine");
  std::string user_role = create_org_role("app-user-role");
  std::string app = create_m2m_app("member-app");
  std::string web = create_api_app("member-web", "Traditional");
  std::string path = "/api/organizations/" + org + "/applications";

  auto not_m2m = call(verb::post, path, json::object{{"applicationIds", ids({web})}});
  EXPECT_EQ(not_m2m.status, 422u);
  EXPECT_EQ(code_of(not_m2m), "entity.db_constraint_violated");
  EXPECT_EQ(code_of(call(verb::post, path, json::object{{"applicationIds", ids({"nope"})}})),
            "entity.relation_foreign_key_not_found");
  EXPECT_EQ(call(verb::post, path, json::object{{"applicationIds", json::array{}}}).status, 400u);
  auto added = call(verb::post, path, json::object{{"applicationIds", ids({app})}});
  ASSERT_EQ(added.status, 201u) << added.body;

  std::string roles = path + "/" + app + "/roles";
  auto wrong = call(verb::post, roles, json::object{{"organizationRoleIds", ids({user_role})}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(code_of(wrong), "entity.db_constraint_violated");
  EXPECT_EQ(call(verb::post, roles, json::object{{"organizationRoleIds", json::array{}}}).status,
            400u);
  EXPECT_EQ(call(verb::post, roles, json::object{{"organizationRoleIds", ids({machine})}}).status,
            201u);
  EXPECT_EQ(listed_ids(call(verb::get, roles)), std::vector<std::string>{machine});

  auto listed = call(verb::get, path + "?q=member-app");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  json::object item = listed.json().as_array()[0].as_object();
  EXPECT_EQ(json_text(item, "type"), "MachineToMachine");
  EXPECT_FALSE(item.contains("secret"));
  EXPECT_EQ(item.at("organizationRoles"),
            json::value(json::array{json::object{{"id", machine}, {"name", "app-machine"}}}));
  EXPECT_TRUE(call(verb::get, path + "/" + app + "/scopes").json().as_array().empty());

  EXPECT_EQ(call(verb::put, roles, json::object{{"organizationRoleIds", ids({machine})}}).status,
            204u);
  EXPECT_EQ(call(verb::delete_, roles + "/" + machine).status, 204u);
  EXPECT_EQ(code_of(call(verb::delete_, roles + "/" + machine)), "entity.not_found");
  auto bulk =
      call(verb::post, path + "/roles",
           json::object{{"applicationIds", ids({app})}, {"organizationRoleIds", ids({machine})}});
  EXPECT_EQ(bulk.status, 201u) << bulk.body;
  EXPECT_EQ(listed_ids(call(verb::get, roles)), std::vector<std::string>{machine});

  EXPECT_EQ(call(verb::delete_, path + "/" + app).status, 204u);
  EXPECT_EQ(code_of(call(verb::get, roles)), "organization.require_membership");
  EXPECT_EQ(code_of(call(verb::delete_, path + "/" + app)), "entity.not_found");
  EXPECT_EQ(call(verb::put, path, json::object{{"applicationIds", ids({app})}}).status, 204u);
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "1");
  EXPECT_EQ(call(verb::delete_, "/api/organizations/nope/applications/nope/roles/nope").status,
            422u);
}

}  // namespace
}  // namespace latch::test
