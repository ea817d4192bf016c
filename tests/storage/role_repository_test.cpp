#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

model::Role role(const std::string& id, model::RoleType type = model::RoleType::User,
                 std::int64_t created_at = 1000) {
  return model::Role{.id = id,
                     .name = "Role " + id,
                     .description = "The role " + id,
                     .type = type,
                     .is_default = false,
                     .created_at = created_at};
}

std::vector<std::string> ids_of(const auto& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

using Ids = std::vector<std::string>;

class RoleRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    // Two APIs: api (read, write) and other (read).
    model::Resource api = sample_resource("api", "https://api.example");
    api.scopes = {sample_scope("api-read", "api", "read"),
                  sample_scope("api-write", "api", "write")};
    model::Resource other = sample_resource("other", "https://other.example");
    other.scopes = {sample_scope("other-read", "other", "read")};
    ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().insert(api); }));
    ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().insert(other); }));
  }
  Result<void> insert(const model::Role& r) {
    return in_write([&](Tx& tx) { return tx.roles().insert(r); });
  }
  void insert_user(const std::string& id, std::int64_t created_at = 1000) {
    ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(sample_user(id, created_at)); }));
  }
  void insert_m2m(const std::string& id) {
    model::Application app = sample_application(id);
    app.type = model::AppType::MachineToMachine;
    ASSERT_OK(in_write([&](Tx& tx) { return tx.applications().insert(app); }));
  }
  Result<void> add_scopes(const std::string& role_id, const Ids& scope_ids) {
    return in_write([&](Tx& tx) { return tx.roles().add_scopes(role_id, scope_ids); });
  }
  Result<void> assign_user(const std::string& role_id, const std::string& user_id,
                           std::int64_t at = 1) {
    return in_write([&](Tx& tx) { return tx.roles().assign_user(role_id, user_id, at); });
  }
  Result<void> assign_app(const std::string& role_id, const std::string& app_id,
                          std::int64_t at = 1) {
    return in_write([&](Tx& tx) { return tx.roles().assign_application(role_id, app_id, at); });
  }
  Ids user_scopes(const std::string& user_id, const std::string& resource_id) {
    auto scopes = in_read([&](Tx& tx) { return tx.roles().user_scopes(user_id, resource_id); });
    EXPECT_OK(scopes);
    return scopes ? *scopes : Ids{"<error>"};
  }
  Ids app_scopes(const std::string& app_id, const std::string& resource_id) {
    auto scopes =
        in_read([&](Tx& tx) { return tx.roles().application_scopes(app_id, resource_id); });
    EXPECT_OK(scopes);
    return scopes ? *scopes : Ids{"<error>"};
  }
  Ids listed(const RoleFilter& filter, Page page = {1, 20}) {
    auto roles = in_read([&](Tx& tx) { return tx.roles().list(filter, page); });
    EXPECT_OK(roles);
    return roles ? ids_of(*roles) : Ids{"<error>"};
  }
  std::int64_t counted(const RoleFilter& filter) {
    auto n = in_read([&](Tx& tx) { return tx.roles().count(filter); });
    EXPECT_OK(n);
    return n ? *n : -1;
  }
};

TEST_P(RoleRepositoryTest, BuiltInRolesExistWithTheManagementScope) {
  auto op = in_read([](Tx& tx) { return tx.roles().find(model::kOperatorRoleId); });
  auto m2m = in_read([](Tx& tx) { return tx.roles().find(model::kManagementRoleId); });
  ASSERT_OK(op);
  ASSERT_OK(m2m);
  ASSERT_TRUE(op->has_value() && m2m->has_value());
  EXPECT_EQ((*op)->name, model::kOperatorRoleName);
  EXPECT_EQ((*op)->type, model::RoleType::User);
  EXPECT_EQ((*m2m)->type, model::RoleType::MachineToMachine);
  auto scopes = in_read([](Tx& tx) { return tx.roles().scopes(model::kManagementRoleId); });
  ASSERT_OK(scopes);
  Ids names;
  for (const auto& s : *scopes) names.push_back(s.resource_id + ":" + s.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (Ids{"logto-management-api:all", "management-api:all"}));
}

TEST_P(RoleRepositoryTest, FindsInsertedRoleByIdAndName) {
  model::Role r = role("r1", model::RoleType::MachineToMachine);
  r.is_default = true;
  ASSERT_OK(insert(r));
  auto by_id = in_read([](Tx& tx) { return tx.roles().find("r1"); });
  auto by_name = in_read([](Tx& tx) { return tx.roles().find_by_name("Role r1"); });
  auto missing = in_read([](Tx& tx) { return tx.roles().find("nope"); });
  ASSERT_OK(by_id);
  ASSERT_OK(by_name);
  ASSERT_OK(missing);
  ASSERT_TRUE(by_id->has_value() && by_name->has_value());
  EXPECT_EQ(fields(**by_id), fields(r));
  EXPECT_EQ(fields(**by_name), fields(r));
  EXPECT_FALSE(missing->has_value());
}

TEST_P(RoleRepositoryTest, TakenNameIsConflictKeyedNameInUse) {
  ASSERT_OK(insert(role("r1")));
  model::Role twin = role("r2");
  twin.name = "Role r1";
  auto inserted = insert(twin);
  ASSERT_EQ(errc_of(inserted), Errc::Conflict);
  EXPECT_EQ(inserted.error().key, "role.name_in_use");
  ASSERT_OK(insert(role("r2")));
  auto updated = in_write([&](Tx& tx) { return tx.roles().update(twin); });
  ASSERT_EQ(errc_of(updated), Errc::Conflict);
  EXPECT_EQ(updated.error().key, "role.name_in_use");
}

TEST_P(RoleRepositoryTest, UpdateReplacesNameDescriptionAndDefaultButNotType) {
  ASSERT_OK(insert(role("r1")));
  model::Role changed = role("r1", model::RoleType::MachineToMachine);
  changed.name = "Readers";
  changed.description = "Read things";
  changed.is_default = true;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.roles().update(changed); }));
  auto found = in_read([](Tx& tx) { return tx.roles().find("r1"); });
  ASSERT_OK(found);
  changed.type = model::RoleType::User;
  EXPECT_EQ(fields(**found), fields(changed));
  auto missing = in_write([&](Tx& tx) { return tx.roles().update(role("nope")); });
  EXPECT_EQ(errc_of(missing), Errc::NotFound);
}

TEST_P(RoleRepositoryTest, ListsFiltersSearchesExcludesAndPaginates) {
  ASSERT_OK(insert(role("r1", model::RoleType::User, 1)));
  model::Role admins = role("r2", model::RoleType::MachineToMachine, 2);
  admins.name = "Billing_Admins";
  ASSERT_OK(insert(admins));
  model::Role viewers = role("r3", model::RoleType::User, 3);
  viewers.description = "Sees BILLING reports";
  ASSERT_OK(insert(viewers));
  // The built-in roles (created_at 0) come first.
  EXPECT_EQ(listed({}), (Ids{"latch-management-api-access", "latch-operator", "r1", "r2", "r3"}));
  EXPECT_EQ(counted({}), 5);
  EXPECT_EQ(listed({.search = "billing"}), (Ids{"r2", "r3"}));
  EXPECT_EQ(listed({.search = "%_admins%"}), (Ids{"r2"}));  // _ is no wildcard
  EXPECT_EQ(counted({.search = "billing"}), 2);
  EXPECT_EQ(listed({.type = model::RoleType::User}), (Ids{"latch-operator", "r1", "r3"}));
  EXPECT_EQ(listed({.search = "billing", .type = model::RoleType::User}), (Ids{"r3"}));
  EXPECT_EQ(listed({.type = model::RoleType::User, .exclude_ids = {"r1", "latch-operator"}}),
            (Ids{"r3"}));
  EXPECT_EQ(counted({.type = model::RoleType::User, .exclude_ids = {"r1"}}), 2);
  EXPECT_EQ(listed({}, {2, 2}), (Ids{"r1", "r2"}));
  EXPECT_EQ(listed({}, {3, 2}), (Ids{"r3"}));
  auto many = in_read([](Tx& tx) { return tx.roles().find_many({"r3", "nope", "r1"}); });
  ASSERT_OK(many);
  EXPECT_EQ(ids_of(*many), (Ids{"r1", "r3"}));  // by name
}

TEST_P(RoleRepositoryTest, ScopesAddRemoveAndRefuseDuplicatesAllOrNothing) {
  ASSERT_OK(insert(role("r1")));
  ASSERT_OK(add_scopes("r1", {"api-write", "other-read"}));
  auto again = add_scopes("r1", {"api-read", "api-write"});
  ASSERT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().key, "role.scope_exists");
  EXPECT_EQ(errc_of(add_scopes("r1", {"nope"})), Errc::NotFound);
  EXPECT_EQ(errc_of(add_scopes("ghost", {"api-read"})), Errc::NotFound);
  auto scopes = in_read([](Tx& tx) { return tx.roles().scopes("r1"); });
  ASSERT_OK(scopes);
  std::vector<std::string> names;
  for (const auto& s : *scopes) names.push_back(s.id);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (Ids{"api-write", "other-read"}));  // api-read was not half-added
  ASSERT_OK(in_write([](Tx& tx) { return tx.roles().remove_scope("r1", "api-write"); }));
  auto gone = in_write([](Tx& tx) { return tx.roles().remove_scope("r1", "api-write"); });
  EXPECT_EQ(errc_of(gone), Errc::NotFound);
}

TEST_P(RoleRepositoryTest, AssignsUsersOnlyUserRolesAndAppsOnlyMachineRoles) {
  ASSERT_OK(insert(role("u", model::RoleType::User)));
  ASSERT_OK(insert(role("m", model::RoleType::MachineToMachine)));
  insert_user("alice");
  insert_m2m("robot");
  ASSERT_OK(assign_user("u", "alice"));
  ASSERT_OK(assign_app("m", "robot"));
  EXPECT_EQ(errc_of(assign_user("m", "alice")), Errc::InvalidRequest);
  EXPECT_EQ(errc_of(assign_app("u", "robot")), Errc::InvalidRequest);
  auto twice = assign_user("u", "alice");
  ASSERT_EQ(errc_of(twice), Errc::Conflict);
  EXPECT_EQ(twice.error().key, "role.user_exists");
  auto app_twice = assign_app("m", "robot");
  ASSERT_EQ(errc_of(app_twice), Errc::Conflict);
  EXPECT_EQ(app_twice.error().key, "role.application_exists");
  EXPECT_EQ(errc_of(assign_user("u", "ghost")), Errc::NotFound);
  EXPECT_EQ(errc_of(assign_user("ghost", "alice")), Errc::NotFound);
  EXPECT_EQ(errc_of(assign_app("m", "ghost")), Errc::NotFound);
  auto of_alice = in_read([](Tx& tx) { return tx.roles().roles_of_user("alice"); });
  auto of_robot = in_read([](Tx& tx) { return tx.roles().roles_of_application("robot"); });
  ASSERT_OK(of_alice);
  ASSERT_OK(of_robot);
  EXPECT_EQ(ids_of(*of_alice), Ids{"u"});
  EXPECT_EQ(ids_of(*of_robot), Ids{"m"});
  ASSERT_OK(in_write([](Tx& tx) { return tx.roles().unassign_user("u", "alice"); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.roles().unassign_application("m", "robot"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.roles().unassign_user("u", "alice"); })),
            Errc::NotFound);
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.roles().unassign_application("m", "robot"); })),
            Errc::NotFound);
}

TEST_P(RoleRepositoryTest, ListsMembersInAssignmentOrderWithSearchAndCounts) {
  ASSERT_OK(insert(role("u")));
  for (const char* id : {"ann", "bob", "cid"}) insert_user(id);
  ASSERT_OK(assign_user("u", "cid", 1));
  ASSERT_OK(assign_user("u", "ann", 2));
  ASSERT_OK(assign_user("u", "bob", 3));
  auto all = in_read([](Tx& tx) { return tx.roles().users("u", "", {1, 20}); });
  ASSERT_OK(all);
  EXPECT_EQ(ids_of(*all), (Ids{"cid", "ann", "bob"}));
  auto page = in_read([](Tx& tx) { return tx.roles().users("u", "", {2, 2}); });
  ASSERT_OK(page);
  EXPECT_EQ(ids_of(*page), Ids{"bob"});
  auto found = in_read([](Tx& tx) { return tx.roles().users("u", "MAIL.ANN", {1, 20}); });
  ASSERT_OK(found);
  EXPECT_EQ(ids_of(*found), Ids{"ann"});
  auto n = in_read([](Tx& tx) { return tx.roles().count_users("u", ""); });
  auto n_found = in_read([](Tx& tx) { return tx.roles().count_users("u", "bob"); });
  ASSERT_OK(n);
  ASSERT_OK(n_found);
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(*n_found, 1);

  ASSERT_OK(insert(role("m", model::RoleType::MachineToMachine)));
  insert_m2m("robot1");
  insert_m2m("robot2");
  ASSERT_OK(assign_app("m", "robot2", 1));
  ASSERT_OK(assign_app("m", "robot1", 2));
  auto apps = in_read([](Tx& tx) { return tx.roles().applications("m", "", {1, 20}); });
  auto some = in_read([](Tx& tx) { return tx.roles().applications("m", "ROBOT1", {1, 20}); });
  auto napps = in_read([](Tx& tx) { return tx.roles().count_applications("m", ""); });
  ASSERT_OK(apps);
  ASSERT_OK(some);
  ASSERT_OK(napps);
  EXPECT_EQ(ids_of(*apps), (Ids{"robot2", "robot1"}));
  EXPECT_EQ(ids_of(*some), Ids{"robot1"});
  EXPECT_EQ(*napps, 2);
  auto counts = in_read([](Tx& tx) { return tx.roles().counts({"u", "m", "nope"}); });
  ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ(counts->at(0).role_id, "m");
  EXPECT_EQ(counts->at(0).applications, 2);
  EXPECT_EQ(counts->at(1).role_id, "u");
  EXPECT_EQ(counts->at(1).users, 3);
}

TEST_P(RoleRepositoryTest, ListsTheUsersAndMachineAppsThatDoNotHoldTheRole) {
  ASSERT_OK(insert(role("u")));
  insert_user("ann", 1);
  insert_user("bob", 2);
  insert_user("cid", 3);
  ASSERT_OK(assign_user("u", "bob"));
  auto users = in_read([](Tx& tx) { return tx.roles().users_without("u", "", {1, 20}); });
  auto found = in_read([](Tx& tx) { return tx.roles().users_without("u", "mail.c", {1, 20}); });
  auto held = in_read([](Tx& tx) { return tx.roles().users_without("u", "bob", {1, 20}); });
  auto n = in_read([](Tx& tx) { return tx.roles().count_users_without("u", ""); });
  ASSERT_OK(users);
  ASSERT_OK(found);
  ASSERT_OK(held);
  ASSERT_OK(n);
  EXPECT_EQ(ids_of(*users), (Ids{"cid", "ann"}));  // newest first
  EXPECT_EQ(ids_of(*found), Ids{"cid"});
  EXPECT_TRUE(held->empty());
  EXPECT_EQ(*n, 2);

  ASSERT_OK(insert(role("m", model::RoleType::MachineToMachine)));
  insert_m2m("robot1");
  insert_m2m("robot2");
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().insert(sample_application("spa")); }));
  ASSERT_OK(assign_app("m", "robot1"));
  auto apps = in_read([](Tx& tx) { return tx.roles().applications_without("m", "", {1, 20}); });
  auto napps = in_read([](Tx& tx) { return tx.roles().count_applications_without("m", "ROBOT"); });
  ASSERT_OK(apps);
  ASSERT_OK(napps);
  EXPECT_EQ(ids_of(*apps), Ids{"robot2"});  // not the holder, not the SPA
  EXPECT_EQ(*napps, 1);
}

TEST_P(RoleRepositoryTest, GrantedScopesAreTheUnionOfTheRolesPerResource) {
  ASSERT_OK(insert(role("readers")));
  ASSERT_OK(insert(role("writers")));
  ASSERT_OK(add_scopes("readers", {"api-read", "other-read"}));
  ASSERT_OK(add_scopes("writers", {"api-read", "api-write"}));
  insert_user("alice");
  insert_user("bob");
  ASSERT_OK(assign_user("readers", "alice"));
  ASSERT_OK(assign_user("writers", "alice"));
  EXPECT_EQ(user_scopes("alice", "api"), (Ids{"read", "write"}));
  EXPECT_EQ(user_scopes("alice", "other"), Ids{"read"});
  EXPECT_EQ(user_scopes("bob", "api"), Ids{});
  auto sources = in_read([](Tx& tx) { return tx.roles().user_scope_sources("alice"); });
  ASSERT_OK(sources);
  std::vector<std::string> seen;
  for (const auto& s : *sources) seen.push_back(s.scope_id + "<-" + s.role.id);
  EXPECT_EQ(seen, (Ids{"api-read<-readers", "api-read<-writers", "api-write<-writers",
                       "other-read<-readers"}));
  auto by_scope = in_read([](Tx& tx) { return tx.roles().roles_of_resource("api"); });
  ASSERT_OK(by_scope);
  seen.clear();
  for (const auto& s : *by_scope) seen.push_back(s.scope_id + "<-" + s.role.id);
  EXPECT_EQ(seen, (Ids{"api-read<-readers", "api-read<-writers", "api-write<-writers"}));

  ASSERT_OK(insert(role("machines", model::RoleType::MachineToMachine)));
  ASSERT_OK(add_scopes("machines", {"other-read"}));
  insert_m2m("robot");
  ASSERT_OK(assign_app("machines", "robot"));
  EXPECT_EQ(app_scopes("robot", "other"), Ids{"read"});
  EXPECT_EQ(app_scopes("robot", "api"), Ids{});
}

TEST_P(RoleRepositoryTest, RemovalsCascade) {
  ASSERT_OK(insert(role("readers")));
  ASSERT_OK(add_scopes("readers", {"api-read", "other-read"}));
  insert_user("alice");
  ASSERT_OK(assign_user("readers", "alice"));
  // A scope that goes leaves the role; a resource that goes takes its scopes along.
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove_scope("api-read"); }));
  EXPECT_EQ(user_scopes("alice", "api"), Ids{});
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove("other"); }));
  auto left = in_read([](Tx& tx) { return tx.roles().scopes("readers"); });
  ASSERT_OK(left);
  EXPECT_TRUE(left->empty());
  // A role that goes leaves its users.
  ASSERT_OK(in_write([](Tx& tx) { return tx.roles().remove("readers"); }));
  auto of_alice = in_read([](Tx& tx) { return tx.roles().roles_of_user("alice"); });
  ASSERT_OK(of_alice);
  EXPECT_TRUE(of_alice->empty());
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.roles().remove("readers"); })), Errc::NotFound);
  // A user who goes leaves the role.
  ASSERT_OK(insert(role("again")));
  ASSERT_OK(assign_user("again", "alice"));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("alice"); }));
  auto n = in_read([](Tx& tx) { return tx.roles().count_users("again", ""); });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 0);
}

TEST_P(RoleRepositoryTest, NewUsersGetTheDefaultUserRoles) {
  model::Role base = role("base");
  base.is_default = true;
  model::Role machines = role("machines", model::RoleType::MachineToMachine);
  machines.is_default = true;  // ignored: not a user role
  ASSERT_OK(insert(base));
  ASSERT_OK(insert(machines));
  ASSERT_OK(insert(role("other")));
  insert_user("alice");
  auto roles = in_read([](Tx& tx) { return tx.roles().roles_of_user("alice"); });
  ASSERT_OK(roles);
  EXPECT_EQ(ids_of(*roles), Ids{"base"});
}

TEST_P(RoleRepositoryTest, OperatorsAreTheUsersOfTheOperatorRole) {
  insert_user("alice");
  insert_user("bob");
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("bob", true, 5); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("alice", true, 9); }));
  auto ids = in_read([](Tx& tx) { return tx.users().admin_ids(); });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (Ids{"bob", "alice"}));
  auto roles = in_read([](Tx& tx) { return tx.roles().roles_of_user("bob"); });
  ASSERT_OK(roles);
  EXPECT_EQ(ids_of(*roles), Ids{std::string(model::kOperatorRoleId)});
  EXPECT_EQ(user_scopes("bob", "management-api"), Ids{"all"});
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("bob", false, 10); }));
  EXPECT_EQ(user_scopes("bob", "management-api"), Ids{});
}

TEST_P(RoleRepositoryTest, OneDefaultResourceAtMost) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().set_default("api", true); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().set_default("other", true); }));
  auto api = in_read([](Tx& tx) { return tx.resources().find("api"); });
  auto other = in_read([](Tx& tx) { return tx.resources().find("other"); });
  ASSERT_OK(api);
  ASSERT_OK(other);
  EXPECT_FALSE((*api)->is_default);
  EXPECT_TRUE((*other)->is_default);
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().set_default("other", false); }));
  other = in_read([](Tx& tx) { return tx.resources().find("other"); });
  ASSERT_OK(other);
  EXPECT_FALSE((*other)->is_default);
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.resources().set_default("nope", true); })),
            Errc::NotFound);
  model::Resource third = sample_resource("third", "https://third.example");
  third.is_default = true;
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().set_default("api", true); }));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().insert(third); }));
  api = in_read([](Tx& tx) { return tx.resources().find("api"); });
  ASSERT_OK(api);
  EXPECT_FALSE((*api)->is_default);
}

TEST_P(RoleRepositoryTest, UpdatesAndFindsScopes) {
  model::Scope changed = sample_scope("api-read", "api", "view");
  changed.description = "View things";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().update_scope(changed); }));
  auto found = in_read([](Tx& tx) { return tx.resources().find_scope("api-read"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "view");
  EXPECT_EQ((*found)->description, "View things");
  model::Scope clash = sample_scope("api-read", "api", "write");
  auto taken = in_write([&](Tx& tx) { return tx.resources().update_scope(clash); });
  ASSERT_EQ(errc_of(taken), Errc::Conflict);
  EXPECT_EQ(taken.error().key, "scope.name_exists");
  auto many = in_read([](Tx& tx) { return tx.resources().find_scopes({"other-read", "x"}); });
  ASSERT_OK(many);
  EXPECT_EQ(ids_of(*many), Ids{"other-read"});
}

LATCH_STORAGE_SUITE(RoleRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
