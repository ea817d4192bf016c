// RoleService's rules over a real (SQLite) store: validation, the type rules, the built-in
// roles, and that a refused call changes nothing.
#include "management/role_service.hpp"

#include <gtest/gtest.h>

#include "management/role_rules.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace latch::management {
namespace {

using model::RoleType;

class RoleServiceTest : public ::testing::Test {
 protected:
  RoleServiceTest() : store_(test::open_test_store(dir_.path())), roles_(*store_, clock_) {}

  // A scope of a new resource, for the roles to hold.
  std::string new_scope(const std::string& name) {
    model::Resource r{.id = "res-" + name, .name = name, .indicator = "https://" + name + ".test"};
    r.scopes.push_back({"scope-" + name, r.id, name, "", 0});
    auto done = store_->transact([&](storage::Tx& tx) { return tx.resources().insert(r); });
    EXPECT_TRUE(done) << done.error().description;
    return r.scopes[0].id;
  }
  std::string new_user(const std::string& id) {
    model::User u{.id = id, .username = id};
    auto done = store_->transact([&](storage::Tx& tx) { return tx.users().insert(u); });
    EXPECT_TRUE(done) << done.error().description;
    return id;
  }
  std::int64_t count(const std::string& search) {
    auto listed = roles_.list({.search = search}, {1, 20});
    return listed ? listed->total : -1;
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  RoleService roles_;
};

struct BadRole {
  const char* why;
  NewRole role;
  const char* field;
};

class RoleValidationTest : public RoleServiceTest, public ::testing::WithParamInterface<BadRole> {};

TEST_P(RoleValidationTest, RefusesWithTheFieldNamed) {
  auto made = roles_.create(GetParam().role);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, Errc::InvalidRequest);
  EXPECT_EQ(made.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RoleValidationTest,
    ::testing::Values(
        BadRole{"empty name", {.name = "", .description = "d"}, "name"},
        BadRole{"long name", {.name = std::string(129, 'x'), .description = "d"}, "name"},
        BadRole{"empty description", {.name = "n", .description = ""}, "description"},
        BadRole{
            "long description", {.name = "n", .description = std::string(129, 'd')}, "description"},
        BadRole{"default machine role",
                {.name = "n",
                 .description = "d",
                 .type = RoleType::MachineToMachine,
                 .is_default = true},
                "isDefault"}),
    [](const auto& info) {
      std::string name = info.param.why;
      for (char& c : name) c = c == ' ' ? '_' : c;
      return name;
    });

TEST_F(RoleServiceTest, NamesCountCharactersNotBytes) {
  std::string name;
  for (int i = 0; i < 128; ++i) name += "\xC3\xA9";  // 128 × é, 256 bytes
  EXPECT_TRUE(roles_.create({.name = name, .description = "d"}));
}

TEST_F(RoleServiceTest, AnUnknownScopeLeavesNoRoleBehind) {
  auto made = roles_.create({.name = "half", .description = "d", .scope_ids = {"nope"}});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().key, "entity.not_exists_with_id");
  EXPECT_EQ(count("half"), 0);
}

TEST_F(RoleServiceTest, ManagementScopesAreRefusedToUserRolesOnly) {
  auto user = roles_.create({.name = "u", .description = "d", .scope_ids = {"management-api-all"}});
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().key, "role.management_api_scopes_not_assignable_to_user_role");
  EXPECT_TRUE(roles_.create({.name = "m",
                             .description = "d",
                             .type = RoleType::MachineToMachine,
                             .scope_ids = {"management-api-all"}}));
}

TEST_F(RoleServiceTest, BuiltInRolesAreNotChangedOrDeleted) {
  std::string scope = new_scope("read");
  for (std::string id :
       {std::string(model::kOperatorRoleId), std::string(model::kManagementRoleId)}) {
    SCOPED_TRACE(id);
    auto renamed = roles_.update(id, {.name = "x"});
    ASSERT_FALSE(renamed);
    EXPECT_EQ(renamed.error().code, Errc::Forbidden);
    EXPECT_EQ(renamed.error().key, "role.internal_role_violation");
    EXPECT_EQ(roles_.remove(id).error().key, "role.internal_role_violation");
    EXPECT_EQ(roles_.add_scopes(id, {scope}).error().key, "role.internal_role_violation");
    EXPECT_EQ(roles_.remove_scope(id, "management-api-all").error().key,
              "role.internal_role_violation");
    EXPECT_TRUE(roles_.get(id));
  }
}

TEST_F(RoleServiceTest, AUserTakesOnlyUserRolesAndARefusedListChangesNothing) {
  std::string user = new_user("ann");
  auto m2m = roles_.create({.name = "m", .description = "d", .type = RoleType::MachineToMachine});
  auto mine = roles_.create({.name = "u", .description = "d"});
  ASSERT_TRUE(m2m && mine);
  auto refused = roles_.add_user_roles(user, {mine->id, m2m->id});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "user.invalid_role_type");
  EXPECT_EQ(roles_.roles_of_user(user, "", {1, 20})->total, 0);
  auto wrong_way = roles_.assign_users(m2m->id, {user});
  EXPECT_EQ(wrong_way.error().key, "entity.db_constraint_violated");
}

TEST_F(RoleServiceTest, SettingAUsersRolesAddsAndRemoves) {
  std::string user = new_user("bea");
  auto a = roles_.create({.name = "a", .description = "d"});
  auto b = roles_.create({.name = "b", .description = "d"});
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(roles_.add_user_roles(user, {a->id}));
  ASSERT_TRUE(roles_.set_user_roles(user, {b->id}));
  auto held = roles_.roles_of_user(user, "", {1, 20});
  ASSERT_TRUE(held);
  ASSERT_EQ(held->items.size(), 1u);
  EXPECT_EQ(held->items[0].id, b->id);
  EXPECT_EQ(roles_.remove_user_role(user, a->id).error().key, "entity.not_found");
}

TEST(RoleRulesTest, SearchIgnoresCaseAndPercentMarks) {
  model::Role role{.id = "r1", .name = "Test-M2M-Role-001", .description = "Robots"};
  EXPECT_TRUE(role_rules::role_matches(role, "%m2m-role-00%"));
  EXPECT_TRUE(role_rules::role_matches(role, "ROBOT"));
  EXPECT_TRUE(role_rules::role_matches(role, ""));
  EXPECT_FALSE(role_rules::role_matches(role, "user-role"));
}

TEST(RoleRulesTest, PageSliceTakesOnePage) {
  std::vector<int> items{1, 2, 3, 4, 5};
  EXPECT_EQ(role_rules::page_slice(items, {2, 2}), (std::vector<int>{3, 4}));
  EXPECT_EQ(role_rules::page_slice(items, {3, 2}), (std::vector<int>{5}));
  EXPECT_TRUE(role_rules::page_slice(items, {4, 2}).empty());
}

}  // namespace
}  // namespace latch::management
