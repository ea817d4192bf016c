// The organization template (issue #17 item 4): /api/organization-scopes and
// /api/organization-roles with their scopes and resource scopes, in Logto's shapes, status codes
// and error codes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/organizations_fixture.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class OrganizationTemplateApiTest : public OrganizationsFixture<OrganizationTemplateApiTest> {};

TEST_F(OrganizationTemplateApiTest, AScopeIsCreatedReadUpdatedAndDeletedInLogtosShape) {
  auto created = call(verb::post, "/api/organization-scopes", json::object{{"name", "read:doc"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  json::object scope = created.json().as_object();
  EXPECT_EQ(scope,
            (json::object{{"id", scope.at("id")}, {"name", "read:doc"}, {"description", nullptr}}));
  std::string path = "/api/organization-scopes/" + json_text(scope, "id");
  EXPECT_EQ(call(verb::get, path).json(), json::value(scope));

  auto patched =
      call(verb::patch, path, json::object{{"name", "read:docs"}, {"description", "Read"}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json(), "description"), "Read");
  EXPECT_EQ(json_text(call(verb::get, path).json(), "name"), "read:docs");
  auto cleared = call(verb::patch, path, json::object{{"description", nullptr}});
  EXPECT_TRUE(cleared.json().at("description").is_null());

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

TEST_F(OrganizationTemplateApiTest, NamesAreUniqueAmongScopesAndAmongRoles) {
  std::string first = create_org_scope("unique:a");
  std::string second = create_org_scope("unique:b");
  auto taken = call(verb::post, "/api/organization-scopes", json::object{{"name", "unique:a"}});
  EXPECT_EQ(taken.status, 422u);
  EXPECT_EQ(code_of(taken), "entity.unique_integrity_violation");
  auto renamed =
      call(verb::patch, "/api/organization-scopes/" + second, json::object{{"name", "unique:a"}});
  EXPECT_EQ(renamed.status, 422u);
  EXPECT_EQ(code_of(renamed), "entity.unique_integrity_violation");

  create_org_role("unique-role");
  auto role_taken =
      call(verb::post, "/api/organization-roles", json::object{{"name", "unique-role"}});
  EXPECT_EQ(role_taken.status, 422u);
  EXPECT_EQ(code_of(role_taken), "entity.unique_integrity_violation");
  // A scope and a role may share a name: they are different things.
  EXPECT_EQ(call(verb::post, "/api/organization-roles", json::object{{"name", "unique:a"}}).status,
            201u);
  EXPECT_FALSE(first.empty());
}

TEST_F(OrganizationTemplateApiTest, BadInputIsRefusedWithTheFieldNamed) {
  struct Case {
    std::string path;
    json::object body;
    std::string field;
  };
  std::vector<Case> cases{
      {"/api/organization-scopes", {{"description", "no name"}}, "name"},
      {"/api/organization-scopes", {{"name", ""}}, "name"},
      {"/api/organization-scopes", {{"name", std::string(129, 'n')}}, "name"},
      {"/api/organization-scopes",
       {{"name", "d"}, {"description", std::string(257, 'd')}},
       "description"},
      {"/api/organization-scopes", {{"name", "x"}, {"resourceId", "r"}}, "resourceId"},
      {"/api/organization-roles", {{"name", "t"}, {"type", "Robot"}}, "type"},
      {"/api/organization-roles",
       {{"name", "t"}, {"organizationScopeIds", "one"}},
       "organizationScopeIds"},
      {"/api/organization-roles",
       {{"name", "t"}, {"resourceScopeIds", json::array{""}}},
       "resourceScopeIds"},
      {"/api/organization-roles", {{"name", 5}}, "name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path + " " + json::serialize(c.body));
    auto res = call(verb::post, c.path, c.body);
    EXPECT_EQ(res.status, 400u) << res.body;
    EXPECT_EQ(json_text(res.json(), "field"), c.field);
  }
}

TEST_F(OrganizationTemplateApiTest, ScopesListWithOptionalPaginationAndSearch) {
  for (int i = 0; i < 3; ++i) create_org_scope("page:scope-" + std::to_string(i));
  auto all = call(verb::get, "/api/organization-scopes?q=page:scope");
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(all.json().as_array().size(), 3u);
  EXPECT_EQ(all.header("Total-Number"), "3");
  auto second = call(verb::get, "/api/organization-scopes?q=page:scope&page=2&page_size=2");
  EXPECT_EQ(listed_ids(second), std::vector<std::string>{listed_ids(all)[2]});
  EXPECT_EQ(second.header("Total-Number"), "3");
  EXPECT_EQ(call(verb::get, "/api/organization-scopes?q=PAGE:SCOPE-1").json().as_array().size(),
            1u);
  auto bad = call(verb::get, "/api/organization-scopes?page=0");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(code_of(bad), "guard.invalid_pagination");
}

TEST_F(OrganizationTemplateApiTest, ARoleStartsWithScopesAndTheListShowsThem) {
  std::string scope = create_org_scope("invite:member");
  auto created = call(verb::post, "/api/organization-roles",
                      json::object{{"name", "admin"},
                                   {"description", "Runs the organization"},
                                   {"organizationScopeIds", ids({scope})},
                                   {"resourceScopeIds", ids({read_scope_id_})}});
  ASSERT_EQ(created.status, 201u) << created.body;
  json::object role = created.json().as_object();
  EXPECT_EQ(role, (json::object{{"id", role.at("id")},
                                {"name", "admin"},
                                {"description", "Runs the organization"},
                                {"type", "User"}}));
  std::string id = json_text(role, "id");
  EXPECT_EQ(call(verb::get, "/api/organization-roles/" + id).json(), json::value(role));

  auto listed = call(verb::get, "/api/organization-roles?q=admin");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json().as_array().size(), 1u);
  json::value item = listed.json().as_array()[0];
  EXPECT_EQ(item.at("scopes"),
            json::value(json::array{json::object{{"id", scope}, {"name", "invite:member"}}}));
  EXPECT_EQ(item.at("resourceScopes"),
            json::value(json::array{
                json::object{{"id", read_scope_id_},
                             {"name", "read:books"},
                             {"resource", json::object{{"id", books_id_}, {"name", "Books"}}}}}));
  EXPECT_EQ(listed.header("Total-Number"), "1");

  auto machine = call(verb::post, "/api/organization-roles",
                      json::object{{"name", "machine"}, {"type", "MachineToMachine"}});
  EXPECT_EQ(json_text(machine.json(), "type"), "MachineToMachine");
}

TEST_F(OrganizationTemplateApiTest, CreatingARoleWithAnUnknownScopeCreatesNothing) {
  for (const char* key : {"organizationScopeIds", "resourceScopeIds"}) {
    SCOPED_TRACE(key);
    auto res = call(verb::post, "/api/organization-roles",
                    json::object{{"name", "half-made"}, {key, ids({"no-such-scope"})}});
    EXPECT_EQ(res.status, 422u) << res.body;
    EXPECT_EQ(code_of(res), "entity.relation_foreign_key_not_found");
    EXPECT_EQ(call(verb::get, "/api/organization-roles?q=half-made").header("Total-Number"), "0");
  }
}

TEST_F(OrganizationTemplateApiTest, ARoleIsUpdatedAndDeleted) {
  std::string id = create_org_role("editor");
  std::string path = "/api/organization-roles/" + id;
  auto patched = call(verb::patch, path, json::object{{"name", "editor-2"}, {"description", "d"}});
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json_text(patched.json(), "name"), "editor-2");
  auto type = call(verb::patch, path, json::object{{"type", "MachineToMachine"}});
  EXPECT_EQ(type.status, 400u);
  EXPECT_EQ(json_text(type.json(), "field"), "type");
  EXPECT_EQ(call(verb::delete_, path).status, 204u);
  EXPECT_EQ(call(verb::get, path).status, 404u);
  EXPECT_EQ(code_of(call(verb::delete_, path)), "entity.not_found");
  EXPECT_EQ(code_of(call(verb::patch, path, json::object{{"name", "x"}})), "entity.not_exists");
}

// /:id/scopes with organizationScopeIds and /:id/resource-scopes with scopeIds behave alike.
TEST_F(OrganizationTemplateApiTest, ARoleGainsReplacesAndLosesScopes) {
  std::string a = create_org_scope("rel:a"), b = create_org_scope("rel:b");
  struct Relation {
    std::string path, key;
    std::vector<std::string> first, second;
  };
  for (const Relation& rel : {Relation{"/scopes", "organizationScopeIds", {a, b}, {b}},
                              Relation{"/resource-scopes",
                                       "scopeIds",
                                       {read_scope_id_, write_scope_id_},
                                       {write_scope_id_}}}) {
    SCOPED_TRACE(rel.path);
    std::string role = create_org_role("relations" + rel.path.substr(1));
    std::string path = "/api/organization-roles/" + role + rel.path;
    json::array first(rel.first.begin(), rel.first.end());
    EXPECT_EQ(call(verb::post, path, json::object{{rel.key, first}}).status, 201u);
    // Adding a scope held already is no error.
    EXPECT_EQ(call(verb::post, path, json::object{{rel.key, ids({rel.first[0]})}}).status, 201u);
    auto listed = call(verb::get, path);
    ASSERT_EQ(listed.status, 200u) << listed.body;
    EXPECT_EQ(listed.json().as_array().size(), 2u);
    EXPECT_EQ(call(verb::get, path + "?page=1&page_size=1").json().as_array().size(), 1u);

    auto unknown = call(verb::post, path, json::object{{rel.key, ids({rel.first[0], "nope"})}});
    EXPECT_EQ(unknown.status, 422u);
    EXPECT_EQ(code_of(unknown), "entity.relation_foreign_key_not_found");
    EXPECT_EQ(call(verb::post, path, json::object{{rel.key, json::array{}}}).status, 400u);
    EXPECT_EQ(call(verb::post, path, json::object{{"ids", first}}).status, 400u);

    json::array second(rel.second.begin(), rel.second.end());
    EXPECT_EQ(call(verb::put, path, json::object{{rel.key, second}}).status, 204u);
    EXPECT_EQ(listed_ids(call(verb::get, path)), rel.second);
    EXPECT_EQ(call(verb::delete_, path + "/" + rel.second[0]).status, 204u);
    auto again = call(verb::delete_, path + "/" + rel.second[0]);
    EXPECT_EQ(again.status, 404u);
    EXPECT_EQ(code_of(again), "entity.not_found");
    EXPECT_EQ(call(verb::put, path, json::object{{rel.key, json::array{}}}).status, 204u);

    EXPECT_EQ(call(verb::get, "/api/organization-roles/nope" + rel.path).status, 404u);
    auto orphan = call(verb::post, "/api/organization-roles/nope" + rel.path,
                       json::object{{rel.key, ids({rel.first[0]})}});
    EXPECT_EQ(orphan.status, 422u);
    EXPECT_EQ(code_of(orphan), "entity.relation_foreign_key_not_found");
  }
}

TEST_F(OrganizationTemplateApiTest, DeletingAScopeTakesItFromEveryRole) {
  std::string scope = create_org_scope("doomed:scope");
  std::string role = create_org_role("keeps-going");
  std::string path = "/api/organization-roles/" + role + "/scopes";
  ASSERT_EQ(call(verb::post, path, json::object{{"organizationScopeIds", ids({scope})}}).status,
            201u);
  ASSERT_EQ(call(verb::delete_, "/api/organization-scopes/" + scope).status, 204u);
  EXPECT_TRUE(call(verb::get, path).json().as_array().empty());
}

}  // namespace
}  // namespace latch::test
