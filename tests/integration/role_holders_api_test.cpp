// Who holds a role (issue #16 item 4): /api/roles/:id/users and /applications,
// /api/users/:id/roles and /api/applications/:id/roles, with Logto's type rules and codes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/roles_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class RoleHoldersApiTest : public RolesFixture<RoleHoldersApiTest> {
 protected:
  static json::array ids(std::initializer_list<std::string> values) {
    json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
  }
  static std::vector<std::string> listed_ids(const HttpResponse& res) {
    std::vector<std::string> out;
    json::value items = res.json();
    for (const auto& item : items.as_array()) out.push_back(json_text(item, "id"));
    return out;
  }
};

TEST_F(RoleHoldersApiTest, ARoleIsGivenToUsersListedWithSearchAndTakenBack) {
  std::string role = create_role("holders-user-role");
  std::string ann = create_api_user("holder_ann"), bob = create_api_user("holder_bob");
  std::string path = "/api/roles/" + role + "/users";
  auto given = call(verb::post, path, json::object{{"userIds", ids({ann, bob})}});
  ASSERT_EQ(given.status, 201u) << given.body;
  auto all = call(verb::get, path);
  EXPECT_EQ(all.header("Total-Number"), "2");
  EXPECT_EQ(json_text(all.json().as_array()[0], "username").rfind("holder_", 0), 0u);  // a user
  EXPECT_EQ(listed_ids(call(verb::get, path + "?search=holder_b")), std::vector<std::string>{bob});
  auto paged = call(verb::get, path + "?page=2&page_size=1");
  EXPECT_EQ(paged.json().as_array().size(), 1u);

  auto twice = call(verb::post, path, json::object{{"userIds", ids({ann})}});
  EXPECT_EQ(twice.status, 422u);
  EXPECT_EQ(json_text(twice.json(), "code"), "role.user_exists");
  EXPECT_EQ(call(verb::delete_, path + "/" + ann).status, 204u);
  auto again = call(verb::delete_, path + "/" + ann);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(json_text(again.json(), "code"), "entity.not_found");
  EXPECT_EQ(call(verb::delete_, path + "/nobody").status, 404u);
  EXPECT_EQ(call(verb::delete_, "/api/roles/nope/users/" + bob).status, 404u);
  EXPECT_EQ(call(verb::get, "/api/roles/nope/users").status, 404u);
}

TEST_F(RoleHoldersApiTest, GivingARoleToUsersIsAllOrNothing) {
  std::string role = create_role("all-or-nothing");
  std::string cat = create_api_user("holder_cat");
  std::string path = "/api/roles/" + role + "/users";
  auto unknown = call(verb::post, path, json::object{{"userIds", ids({cat, "no-such-user"})}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_text(unknown.json(), "code"), "entity.not_exists_with_id");
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "0");
  EXPECT_EQ(call(verb::post, path, json::object{{"userIds", json::array{}}}).status, 400u);
  EXPECT_EQ(call(verb::post, path, json::object{{"userIds", ids({""})}}).status, 400u);
  EXPECT_EQ(call(verb::post, path, json::object{{"users", ids({cat})}}).status, 400u);
}

TEST_F(RoleHoldersApiTest, UsersTakeOnlyUserRolesAndAppsOnlyMachineRoles) {
  std::string m2m_role = create_role("typed-m2m", "MachineToMachine");
  std::string user_role = create_role("typed-user");
  std::string dan = create_api_user("holder_dan");
  std::string robot = create_m2m_app("typed-robot");
  std::string web = create_api_app("typed-web", "Traditional");

  auto user_into_m2m =
      call(verb::post, "/api/roles/" + m2m_role + "/users", json::object{{"userIds", ids({dan})}});
  EXPECT_EQ(user_into_m2m.status, 422u);
  EXPECT_EQ(json_text(user_into_m2m.json(), "code"), "entity.db_constraint_violated");
  auto app_into_user = call(verb::post, "/api/roles/" + user_role + "/applications",
                            json::object{{"applicationIds", ids({robot})}});
  EXPECT_EQ(app_into_user.status, 422u);
  EXPECT_EQ(json_text(app_into_user.json(), "code"), "entity.db_constraint_violated");
  auto web_into_m2m = call(verb::post, "/api/roles/" + m2m_role + "/applications",
                           json::object{{"applicationIds", ids({web})}});
  EXPECT_EQ(web_into_m2m.status, 422u);
  EXPECT_EQ(json_text(web_into_m2m.json(), "code"), "application.invalid_type");

  auto m2m_to_user =
      call(verb::post, "/api/users/" + dan + "/roles", json::object{{"roleIds", ids({m2m_role})}});
  EXPECT_EQ(m2m_to_user.status, 422u);
  EXPECT_EQ(json_text(m2m_to_user.json(), "code"), "user.invalid_role_type");
  auto put_m2m = call(verb::put, "/api/users/" + dan + "/roles",
                      json::object{{"roleIds", ids({user_role, m2m_role})}});
  EXPECT_EQ(json_text(put_m2m.json(), "code"), "user.invalid_role_type");
  EXPECT_EQ(call(verb::get, "/api/users/" + dan + "/roles").header("Total-Number"), "0");

  auto user_to_app = call(verb::post, "/api/applications/" + robot + "/roles",
                          json::object{{"roleIds", ids({user_role})}});
  EXPECT_EQ(user_to_app.status, 422u);
  EXPECT_EQ(json_text(user_to_app.json(), "code"), "application.invalid_role_type");
  for (auto method : {verb::get, verb::post, verb::put}) {
    json::value body = method == verb::get
                           ? json::value(nullptr)
                           : json::value(json::object{{"roleIds", ids({m2m_role})}});
    auto res = call(method, "/api/applications/" + web + "/roles", body);
    EXPECT_EQ(res.status, 422u) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), "application.invalid_type");
  }
}

TEST_F(RoleHoldersApiTest, ARoleIsGivenToAppsListedAndTakenBack) {
  std::string role = create_role("robots", "MachineToMachine");
  std::string one = create_m2m_app("robot-one"), two = create_m2m_app("robot-two");
  std::string path = "/api/roles/" + role + "/applications";
  ASSERT_EQ(call(verb::post, path, json::object{{"applicationIds", ids({one, two})}}).status, 201u);
  auto listed = call(verb::get, path + "?search=robot-");
  EXPECT_EQ(listed.header("Total-Number"), "2");
  EXPECT_FALSE(listed.json().as_array()[0].as_object().contains("secret"));
  EXPECT_EQ(call(verb::get, path + "?search=nothing-like-it").header("Total-Number"), "0");
  auto twice = call(verb::post, path, json::object{{"applicationIds", ids({one})}});
  EXPECT_EQ(twice.status, 422u);
  EXPECT_EQ(json_text(twice.json(), "code"), "role.application_exists");
  EXPECT_EQ(call(verb::post, path, json::object{{"applicationIds", ids({"nope"})}}).status, 404u);
  EXPECT_EQ(call(verb::delete_, path + "/" + one).status, 204u);
  EXPECT_EQ(call(verb::delete_, path + "/" + one).status, 404u);
  EXPECT_EQ(call(verb::delete_, path + "/nope").status, 404u);
  EXPECT_EQ(listed_ids(call(verb::get, path)), std::vector<std::string>{two});
}

// Logto's excludeRoleId: whom a role can still be given to, however many already hold it.
TEST_F(RoleHoldersApiTest, UsersAndAppsListedWithoutARolesHolders) {
  std::string role = create_role("exclusive-user-role");
  std::string cal = create_api_user("excl_cal"), dee = create_api_user("excl_dee");
  ASSERT_EQ(call(verb::post, "/api/roles/" + role + "/users", json::object{{"userIds", ids({cal})}})
                .status,
            201u);
  auto users = call(verb::get, "/api/users?search=%25excl_&excludeRoleId=" + role);
  ASSERT_EQ(users.status, 200u) << users.body;
  EXPECT_EQ(listed_ids(users), std::vector<std::string>{dee});
  EXPECT_EQ(users.header("Total-Number"), "1");

  std::string robots = create_role("exclusive-robots", "MachineToMachine");
  std::string held = create_m2m_app("excl-robot-held"), free = create_m2m_app("excl-robot-free");
  create_api_app("excl-robot-web", "Traditional");
  ASSERT_EQ(call(verb::post, "/api/roles/" + robots + "/applications",
                 json::object{{"applicationIds", ids({held})}})
                .status,
            201u);
  auto apps = call(verb::get, "/api/applications?search=excl-robot&excludeRoleId=" + robots);
  ASSERT_EQ(apps.status, 200u) << apps.body;
  EXPECT_EQ(listed_ids(apps), std::vector<std::string>{free});  // M2M apps only
}

TEST_F(RoleHoldersApiTest, AUsersRolesAreAddedReplacedAndRemoved) {
  std::string a = create_role("mine-a"), b = create_role("mine-b"), c = create_role("mine-c");
  std::string eve = create_api_user("holder_eve");
  std::string path = "/api/users/" + eve + "/roles";
  EXPECT_TRUE(call(verb::get, path).json().as_array().empty());

  auto added = call(verb::post, path, json::object{{"roleIds", ids({a, b})}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json(),
            json::value(json::object{{"roleIds", ids({a, b})}, {"addedRoleIds", ids({a, b})}}));
  // Logto: roles held already are left alone, not refused.
  auto again = call(verb::post, path, json::object{{"roleIds", ids({a})}});
  EXPECT_EQ(again.status, 201u);
  EXPECT_EQ(again.json().at("addedRoleIds"), json::value(json::array{}));
  EXPECT_EQ(call(verb::get, path + "?search=mine-b").header("Total-Number"), "1");
  EXPECT_EQ(call(verb::get, path + "?page_size=1").json().as_array().size(), 1u);
  auto unknown = call(verb::post, path, json::object{{"roleIds", ids({c, "nope"})}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "2");  // c was not given either

  auto replaced = call(verb::put, path, json::object{{"roleIds", ids({c, b, c})}});
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  EXPECT_EQ(replaced.json(), json::value(json::object{{"roleIds", ids({c, b})}}));
  EXPECT_EQ(listed_ids(call(verb::get, path)), (std::vector<std::string>{b, c}));  // by name

  EXPECT_EQ(call(verb::delete_, path + "/" + b).status, 204u);
  auto not_held = call(verb::delete_, path + "/" + b);
  EXPECT_EQ(not_held.status, 404u);
  EXPECT_EQ(json_text(not_held.json(), "code"), "entity.not_found");
  EXPECT_EQ(call(verb::put, path, json::object{{"roleIds", json::array{}}}).status, 200u);
  EXPECT_EQ(call(verb::get, path).header("Total-Number"), "0");
  EXPECT_EQ(call(verb::get, "/api/users/nobody/roles").status, 404u);
  EXPECT_EQ(call(verb::post, "/api/users/nobody/roles", json::object{{"roleIds", ids({a})}}).status,
            404u);
}

TEST_F(RoleHoldersApiTest, AnAppsRolesAreAddedReplacedAndRemoved) {
  std::string a = create_role("app-a", "MachineToMachine"),
              b = create_role("app-b", "MachineToMachine");
  std::string robot = create_m2m_app("app-roles-robot");
  std::string path = "/api/applications/" + robot + "/roles";
  auto added = call(verb::post, path, json::object{{"roleIds", ids({a, a})}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json().at("addedRoleIds"), json::value(ids({a})));
  EXPECT_EQ(call(verb::put, path, json::object{{"roleIds", ids({b})}}).status, 200u);
  EXPECT_EQ(listed_ids(call(verb::get, path)), std::vector<std::string>{b});
  EXPECT_EQ(call(verb::delete_, path + "/" + b).status, 204u);
  EXPECT_EQ(call(verb::delete_, path + "/" + b).status, 404u);
  EXPECT_EQ(call(verb::get, "/api/applications/nope/roles").status, 404u);
}

TEST_F(RoleHoldersApiTest, TheDefaultResourceIsOneAtMost) {
  auto other =
      create_resource(server(), {.name = "Other", .indicator = "https://other.example.test"});
  std::string other_id = json_text(other, "id");
  auto first = call(verb::patch, "/api/resources/" + books_id_ + "/is-default",
                    json::object{{"isDefault", true}});
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json().at("isDefault"), json::value(true));
  EXPECT_FALSE(first.json().as_object().contains("access"));
  ASSERT_EQ(call(verb::patch, "/api/resources/" + other_id + "/is-default",
                 json::object{{"isDefault", true}})
                .status,
            200u);
  EXPECT_EQ(call(verb::get, "/api/resources/" + books_id_).json().at("isDefault"),
            json::value(false));
  auto off = call(verb::patch, "/api/resources/" + other_id + "/is-default",
                  json::object{{"isDefault", false}});
  EXPECT_EQ(off.json().at("isDefault"), json::value(false));
  EXPECT_EQ(
      call(verb::patch, "/api/resources/nope/is-default", json::object{{"isDefault", true}}).status,
      404u);
  EXPECT_EQ(call(verb::patch, "/api/resources/" + other_id + "/is-default",
                 json::object{{"isDefault", "yes"}})
                .status,
            400u);
  auto management = call(verb::patch, "/api/resources/management-api/is-default",
                         json::object{{"isDefault", true}});
  EXPECT_EQ(management.status, 400u);
  EXPECT_EQ(json_text(management.json(), "code"), "resource.cannot_modify_management_api");
}

TEST_F(RoleHoldersApiTest, AScopeIsRenamedAndRedescribed) {
  auto res = create_resource(server(), {.name = "Patch",
                                        .indicator = "https://patch.example.test",
                                        .scopes = {"read:x", "write:x"}});
  std::string id = json_text(res, "id");
  std::string scope = json_text(res.at("scopes").as_array()[0], "id");
  std::string path = "/api/resources/" + id + "/scopes/" + scope;
  auto patched = call(verb::patch, path, json::object{{"description", "Reads x"}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json(), "description"), "Reads x");
  EXPECT_EQ(json_text(patched.json(), "name"), "read:x");
  EXPECT_EQ(json_text(call(verb::patch, path, json::object{{"name", "view:x"}}).json(), "name"),
            "view:x");
  auto spaced = call(verb::patch, path, json::object{{"name", "read x"}});
  EXPECT_EQ(spaced.status, 400u);
  EXPECT_EQ(json_text(spaced.json(), "code"), "scope.name_with_space");
  auto taken = call(verb::patch, path, json::object{{"name", "write:x"}});
  EXPECT_EQ(taken.status, 422u);
  EXPECT_EQ(json_text(taken.json(), "code"), "scope.name_exists");
  EXPECT_EQ(call(verb::patch, "/api/resources/" + id + "/scopes/nope", json::object{}).status,
            404u);
  // A scope of another resource is not this one's.
  EXPECT_EQ(call(verb::patch, "/api/resources/" + id + "/scopes/" + read_scope_id_,
                 json::object{{"description", "x"}})
                .status,
            404u);
  auto management = call(verb::patch, "/api/resources/management-api/scopes/management-api-all",
                         json::object{{"description", "mine"}});
  EXPECT_EQ(management.status, 400u);
  EXPECT_EQ(json_text(management.json(), "code"), "resource.cannot_modify_management_api");
}

TEST_F(RoleHoldersApiTest, EachScopeOfAResourceListsTheRolesHoldingIt) {
  std::string a = create_role("uses-read", "User", {read_scope_id_});
  std::string b = create_role("uses-both", "MachineToMachine", {read_scope_id_, write_scope_id_});
  auto res = call(verb::get, "/api/resources/" + books_id_ + "/scope-roles");
  ASSERT_EQ(res.status, 200u) << res.body;
  bool read_seen = false, write_seen = false;
  json::value entries = res.json();
  for (const auto& entry : entries.as_array()) {
    std::vector<std::string> holders;
    for (const auto& r : entry.at("roles").as_array()) holders.push_back(json_text(r, "id"));
    bool has_a = std::find(holders.begin(), holders.end(), a) != holders.end();
    bool has_b = std::find(holders.begin(), holders.end(), b) != holders.end();
    if (json_text(entry, "scopeId") == read_scope_id_) {
      read_seen = has_a && has_b;
    } else if (json_text(entry, "scopeId") == write_scope_id_) {
      write_seen = !has_a && has_b;
    }
  }
  EXPECT_TRUE(read_seen) << res.body;
  EXPECT_TRUE(write_seen) << res.body;
  EXPECT_EQ(call(verb::get, "/api/resources/nope/scope-roles").status, 404u);
}

}  // namespace
}  // namespace latch::test
