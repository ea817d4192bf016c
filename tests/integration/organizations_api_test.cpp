// Organizations (issue #17 item 4): /api/organizations, its JIT rules, the organizations of a
// user or an app, the audit log and the OpenAPI document, in Logto's shapes and codes.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>

#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class OrganizationsApiTest : public OrganizationsFixture<OrganizationsApiTest> {};

TEST_F(OrganizationsApiTest, AnOrganizationIsCreatedReadUpdatedAndDeletedInLogtosShape) {
  auto created = call(verb::post, "/api/organizations",
                      json::object{{"name", "Acme"}, {"customData", {{"tier", "gold"}}}});
  ASSERT_EQ(created.status, 201u) << created.body;
  json::object org = created.json().as_object();
  EXPECT_EQ(json_text(org, "id").size(), 21u);
  EXPECT_GT(org.at("createdAt").as_int64(), 0);
  EXPECT_EQ(org, (json::object{{"id", org.at("id")},
                               {"name", "Acme"},
                               {"description", nullptr},
                               {"customData", {{"tier", "gold"}}},
                               {"isMfaRequired", false},
                               {"color", json::object{}},
                               {"branding", json::object{}},
                               {"customCss", nullptr},
                               {"createdAt", org.at("createdAt")}}));
  std::string path = "/api/organizations/" + json_text(org, "id");
  EXPECT_EQ(call(verb::get, path).json(), json::value(org));

  json::object changes{{"name", "Acme 2"},
                       {"description", "Rockets"},
                       {"isMfaRequired", true},
                       {"color", {{"primaryColor", "#f00"}, {"darkPrimaryColor", "#00ff00"}}},
                       {"branding", {{"logoUrl", "https://acme.example/logo.png"}}},
                       {"customCss", "body { color: red }"}};
  auto patched = call(verb::patch, path, changes);
  ASSERT_EQ(patched.status, 200u) << patched.body;
  json::object expected = org;
  for (const auto& [key, value] : changes) expected[key] = value;
  EXPECT_EQ(patched.json(), json::value(expected));
  EXPECT_EQ(call(verb::get, path).json(), json::value(expected));
  auto cleared = call(verb::patch, path, json::object{{"description", nullptr}});
  EXPECT_TRUE(cleared.json().at("description").is_null());
  EXPECT_EQ(json_text(cleared.json(), "name"), "Acme 2");

  EXPECT_EQ(call(verb::delete_, path).status, 204u);
  auto gone = call(verb::get, path);
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(code_of(gone), "entity.not_exists_with_id");
  auto again = call(verb::delete_, path);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(code_of(again), "entity.not_found");
  auto absent = call(verb::patch, path, json::object{{"name", "x"}});
  EXPECT_EQ(absent.status, 404u);
  EXPECT_EQ(code_of(absent), "entity.not_exists");
}

TEST_F(OrganizationsApiTest, BadInputIsRefusedWithTheFieldNamed) {
  struct Case {
    json::object body;
    std::string field;
  };
  std::vector<Case> cases{
      {{{"description", "no name"}}, "name"},
      {{{"name", ""}}, "name"},
      {{{"name", std::string(129, 'n')}}, "name"},
      {{{"name", "a"}, {"description", std::string(257, 'd')}}, "description"},
      {{{"name", "a"}, {"customData", "b"}}, "customData"},
      {{{"name", "a"}, {"isMfaRequired", "yes"}}, "isMfaRequired"},
      {{{"name", "a"}, {"color", {{"primaryColor", "red"}}}}, "color"},
      {{{"name", "a"}, {"color", {{"shade", "#fff"}}}}, "color"},
      {{{"name", "a"}, {"branding", {{"logoUrl", "not a url"}}}}, "branding"},
      {{{"name", "a"}, {"branding", "b"}}, "branding"},
      {{{"name", "a"}, {"customCss", 1}}, "customCss"},
      {{{"name", "a"}, {"tenantId", "default"}}, "tenantId"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(json::serialize(c.body));
    auto res = call(verb::post, "/api/organizations", c.body);
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "field"), c.field);
  }
  std::string id = create_org("valid");
  auto patched = call(verb::patch, "/api/organizations/" + id, json::object{{"name", ""}});
  EXPECT_EQ(patched.status, 400u);
}

TEST_F(OrganizationsApiTest, TheListPagesSearchesAndShowsFeaturedMembers) {
  std::string big = create_org("list-big"), small = create_org("list-small");
  std::vector<std::string> users;
  for (int i = 0; i < 4; ++i) users.push_back(create_api_user("featured_" + std::to_string(i)));
  json::array user_ids(users.begin(), users.end());
  ASSERT_EQ(
      call(verb::post, "/api/organizations/" + big + "/users", json::object{{"userIds", user_ids}})
          .status,
      201u);

  auto listed = call(verb::get, "/api/organizations?q=list-");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.header("Total-Number"), "2");
  // Newest first; two created in the same millisecond may come in either order.
  std::vector<std::string> ids = listed_ids(listed);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> expected{small, big};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);
  json::value listed_body = listed.json();  // kept: the loop must not run over a temporary
  for (const auto& item : listed_body.as_array()) {
    EXPECT_FALSE(item.as_object().contains("usersCount"));
  }
  auto paged = call(verb::get, "/api/organizations?q=list-&page=2&page_size=1");
  EXPECT_EQ(listed_ids(paged), std::vector<std::string>{listed_ids(listed).at(1)});
  EXPECT_EQ(listed_ids(call(verb::get, "/api/organizations?q=LIST-SMALL")),
            std::vector<std::string>{small});

  auto featured = call(verb::get, "/api/organizations?q=list-&showFeatured=true");
  ASSERT_EQ(featured.status, 200u) << featured.body;
  json::value featured_body = featured.json();
  for (const auto& item : featured_body.as_array()) {
    bool is_big = json_text(item, "id") == big;
    EXPECT_EQ(item.at("usersCount"), json::value(is_big ? 4 : 0));
    EXPECT_EQ(item.at("featuredUsers").as_array().size(), is_big ? 3u : 0u);
  }
  for (const auto& item : featured_body.as_array()) {
    if (json_text(item, "id") != big) continue;
    const auto& users_shown = item.at("featuredUsers").as_array();
    ASSERT_FALSE(users_shown.empty());
    EXPECT_EQ(users_shown[0].as_object().size(), 3u);  // id, avatar, name
  }
  auto bad = call(verb::get, "/api/organizations?page_size=101");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(code_of(bad), "guard.invalid_pagination");
}

TEST_F(OrganizationsApiTest, AUsersAndAnAppsOrganizationsCarryTheirRoles) {
  std::string org = create_org("memberships"), other = create_org("other-memberships");
  std::string role = create_org_role("membership-role");
  std::string machine_role = create_org_role("membership-machine-role", "MachineToMachine");
  std::string user = create_api_user("membership_user");
  std::string app = create_m2m_app("membership-app");
  std::string base = "/api/organizations/" + org;
  ASSERT_EQ(call(verb::post, base + "/users", json::object{{"userIds", ids({user})}}).status, 201u);
  ASSERT_EQ(call(verb::post, base + "/users/" + user + "/roles",
                 json::object{{"organizationRoleIds", ids({role})}})
                .status,
            201u);
  ASSERT_EQ(call(verb::post, "/api/organizations/" + other + "/users",
                 json::object{{"userIds", ids({user})}})
                .status,
            201u);
  ASSERT_EQ(
      call(verb::post, base + "/applications", json::object{{"applicationIds", ids({app})}}).status,
      201u);
  ASSERT_EQ(call(verb::post, base + "/applications/" + app + "/roles",
                 json::object{{"organizationRoleIds", ids({machine_role})}})
                .status,
            201u);

  auto of_user = call(verb::get, "/api/users/" + user + "/organizations");
  ASSERT_EQ(of_user.status, 200u) << of_user.body;
  EXPECT_EQ(listed_ids(of_user), (std::vector<std::string>{org, other}));  // by name
  json::value first = of_user.json().as_array()[0];
  EXPECT_EQ(json_text(first, "name"), "memberships");
  EXPECT_EQ(first.at("organizationRoles"),
            json::value(json::array{json::object{{"id", role}, {"name", "membership-role"}}}));
  EXPECT_TRUE(of_user.json().as_array()[1].at("organizationRoles").as_array().empty());

  auto of_app = call(verb::get, "/api/applications/" + app + "/organizations?page=1&page_size=5");
  ASSERT_EQ(of_app.status, 200u) << of_app.body;
  EXPECT_EQ(listed_ids(of_app), std::vector<std::string>{org});
  EXPECT_EQ(of_app.header("Total-Number"), "1");
  EXPECT_EQ(json_text(of_app.json().as_array()[0].at("organizationRoles").as_array()[0], "id"),
            machine_role);

  EXPECT_EQ(code_of(call(verb::get, "/api/users/nobody/organizations")),
            "entity.not_exists_with_id");
  EXPECT_EQ(call(verb::get, "/api/applications/nothing/organizations").status, 404u);
  // Deleting the organization ends the memberships.
  ASSERT_EQ(call(verb::delete_, base).status, 204u);
  EXPECT_EQ(listed_ids(call(verb::get, "/api/users/" + user + "/organizations")),
            std::vector<std::string>{other});
  EXPECT_TRUE(
      call(verb::get, "/api/applications/" + app + "/organizations").json().as_array().empty());
}

TEST_F(OrganizationsApiTest, JitEmailDomainsAreAddedListedReplacedAndRemoved) {
  std::string org = create_org("jit-domains");
  std::string path = "/api/organizations/" + org + "/jit/email-domains";
  auto added = call(verb::post, path, json::object{{"emailDomain", "Example.COM"}});
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json(),
            json::value(json::object{{"organizationId", org}, {"emailDomain", "example.com"}}));
  auto twice = call(verb::post, path, json::object{{"emailDomain", "example.com"}});
  EXPECT_EQ(twice.status, 422u);
  EXPECT_EQ(code_of(twice), "entity.unique_integrity_violation");
  for (const char* bad : {"", "a@b.com", "has space.com"}) {
    auto res = call(verb::post, path, json::object{{"emailDomain", bad}});
    EXPECT_EQ(res.status, 400u) << bad;
    EXPECT_EQ(json_text(res.json(), "field"), "emailDomain");
  }
  EXPECT_EQ(call(verb::post, path, json::object{{"domain", "x.com"}}).status, 400u);

  ASSERT_EQ(call(verb::put, path,
                 json::object{{"emailDomains", json::array{"b.example", "a.example", "c.example"}}})
                .status,
            204u);
  auto all = call(verb::get, path);
  ASSERT_EQ(all.status, 200u) << all.body;
  ASSERT_EQ(all.json().as_array().size(), 3u);  // not paginated unless asked
  EXPECT_EQ(json_text(all.json().as_array()[0], "emailDomain"), "a.example");
  auto page = call(verb::get, path + "?page=2&page_size=2");
  EXPECT_EQ(page.json().as_array().size(), 1u);
  EXPECT_EQ(page.header("Total-Number"), "3");

  EXPECT_EQ(call(verb::delete_, path + "/a.example").status, 204u);
  auto again = call(verb::delete_, path + "/a.example");
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(code_of(again), "entity.not_found");
  EXPECT_EQ(call(verb::get, path).json().as_array().size(), 2u);

  auto orphan = call(verb::post, "/api/organizations/nope/jit/email-domains",
                     json::object{{"emailDomain", "x.com"}});
  EXPECT_EQ(orphan.status, 422u);
  EXPECT_EQ(code_of(orphan), "entity.relation_foreign_key_not_found");
  EXPECT_EQ(call(verb::get, "/api/organizations/nope/jit/email-domains").status, 404u);
}

TEST_F(OrganizationsApiTest, JitRolesAreUserRolesAddedReplacedAndRemoved) {
  std::string org = create_org("jit-roles");
  std::string a = create_org_role("jit-a"), b = create_org_role("jit-b");
  std::string machine = create_org_role("jit-machine", "MachineToMachine");
  std::string path = "/api/organizations/" + org + "/jit/roles";
  EXPECT_EQ(call(verb::post, path, json::object{{"organizationRoleIds", ids({a})}}).status, 201u);
  EXPECT_EQ(call(verb::post, path, json::object{{"organizationRoleIds", ids({a, b})}}).status,
            201u);
  auto listed = call(verb::get, path);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed_ids(listed), (std::vector<std::string>{a, b}));
  EXPECT_EQ(json_text(listed.json().as_array()[0], "type"), "User");

  auto unknown = call(verb::post, path, json::object{{"organizationRoleIds", ids({"nope"})}});
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(code_of(unknown), "entity.relation_foreign_key_not_found");
  auto wrong = call(verb::post, path, json::object{{"organizationRoleIds", ids({machine})}});
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(code_of(wrong), "entity.db_constraint_violated");
  EXPECT_EQ(call(verb::post, path, json::object{{"organizationRoleIds", json::array{}}}).status,
            400u);

  EXPECT_EQ(call(verb::put, path, json::object{{"organizationRoleIds", ids({b})}}).status, 204u);
  EXPECT_EQ(listed_ids(call(verb::get, path)), std::vector<std::string>{b});
  EXPECT_EQ(call(verb::delete_, path + "/" + b).status, 204u);
  auto again = call(verb::delete_, path + "/" + b);
  EXPECT_EQ(again.status, 404u);
  EXPECT_EQ(code_of(again), "entity.not_found");
  EXPECT_EQ(call(verb::get, "/api/organizations/nope/jit/roles").status, 404u);
}

// Logto (admin-user.organization-jit.test.ts) provisions by email domain only when a user
// registers through sign-in; a user the Management API creates joins nothing.
TEST_F(OrganizationsApiTest, AUserCreatedThroughTheApiIsNotProvisionedByEmailDomain) {
  std::string org = create_org("jit-api-user");
  std::string role = create_org_role("jit-api-role");
  std::string base = "/api/organizations/" + org + "/jit";
  ASSERT_EQ(call(verb::post, base + "/email-domains", json::object{{"emailDomain", "jit.example"}})
                .status,
            201u);
  ASSERT_EQ(
      call(verb::post, base + "/roles", json::object{{"organizationRoleIds", ids({role})}}).status,
      201u);
  auto user = call(verb::post, "/api/users", json::object{{"primaryEmail", "ann@jit.example"}});
  ASSERT_EQ(user.status, 200u) << user.body;
  auto orgs = call(verb::get, "/api/users/" + json_text(user.json(), "id") + "/organizations");
  EXPECT_TRUE(orgs.json().as_array().empty()) << orgs.body;
}

TEST_F(OrganizationsApiTest, EveryChangeIsInTheAuditLog) {
  std::string id = create_org("audited");
  std::string path = "/api/organizations/" + id;
  ASSERT_EQ(call(verb::patch, path, json::object{{"description", "seen"}}).status, 200u);
  ASSERT_EQ(call(verb::put, path + "/jit/email-domains",
                 json::object{{"emailDomains", json::array{"audit.example"}}})
                .status,
            204u);
  ASSERT_EQ(call(verb::delete_, path).status, 204u);
  for (const auto& [method, expected] :
       {std::pair{"POST", std::string("/api/organizations")}, std::pair{"PATCH", path},
        std::pair{"PUT", path + "/jit/email-domains"}, std::pair{"DELETE", path}}) {
    auto logs = call(verb::get, std::string("/api/logs?page_size=100&logKey=Management.") + method);
    ASSERT_EQ(logs.status, 200u) << logs.body;
    bool seen = false;
    json::value entries = logs.json();
    for (const auto& entry : entries.as_array()) {
      seen |= json_text(entry.at("payload"), "path") == expected;
    }
    EXPECT_TRUE(seen) << method;
  }
}

TEST_F(OrganizationsApiTest, TheOpenApiDocumentHasTheOrganizationSchemas) {
  auto doc = server().client().get("/api/swagger.json").json();
  const auto& schemas = doc.at("components").at("schemas").as_object();
  for (const char* name : {"Organization", "OrganizationListItem", "OrganizationRole",
                           "OrganizationRoleListItem", "OrganizationScope", "OrganizationUser"}) {
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
  const auto& paths = doc.at("paths").as_object();
  for (const char* path :
       {"/api/organizations/{id}/users/{userId}/roles/{organizationRoleId}",
        "/api/organizations/{id}/jit/email-domains/{emailDomain}",
        "/api/organization-roles/{id}/resource-scopes/{scopeId}",
        "/api/users/{userId}/organizations", "/api/applications/{id}/organizations",
        "/api/organization-scopes/{id}"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  const auto& create = paths.at("/api/organizations").at("post");
  EXPECT_TRUE(create.at("responses").as_object().contains("201"));
  std::string text = json::serialize(doc);
  for (std::size_t at = 0; (at = text.find("#/components/schemas/", at)) != std::string::npos;) {
    at += 21;
    std::string name = text.substr(at, text.find('"', at) - at);
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
}

}  // namespace
}  // namespace latch::test
