#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"

// The organization template: organization scopes and roles, on every backend.
namespace latch::storage::test {
namespace {

class OrganizationTemplateTest : public OrganizationStorageTest {
 protected:
  Ids roles_listed(const OrganizationRoleFilter& filter, Page page = {1, 20}) {
    auto roles = in_read([&](Tx& tx) { return tx.organization_roles().list(filter, page); });
    EXPECT_OK(roles);
    return roles ? ids_of(*roles) : Ids{"<error>"};
  }
  Ids role_scope_ids(const std::string& role_id) {
    auto scopes = in_read([&](Tx& tx) { return tx.organization_roles().scopes(role_id); });
    EXPECT_OK(scopes);
    return scopes ? ids_of(*scopes) : Ids{"<error>"};
  }
  Ids role_resource_scope_ids(const std::string& role_id) {
    auto scopes = in_read([&](Tx& tx) { return tx.organization_roles().resource_scopes(role_id); });
    EXPECT_OK(scopes);
    return scopes ? ids_of(*scopes) : Ids{"<error>"};
  }
};

TEST_P(OrganizationTemplateTest, ScopesRoundTripUpdateAndRefuseATakenName) {
  model::OrganizationScope scope = organization_scope("invite");
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organization_scopes().insert(scope); }));
  auto found = in_read([](Tx& tx) { return tx.organization_scopes().find("invite"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(scope));

  model::OrganizationScope clash = organization_scope("other");
  clash.name = scope.name;
  auto taken = in_write([&](Tx& tx) { return tx.organization_scopes().insert(clash); });
  ASSERT_EQ(errc_of(taken), Errc::Conflict);
  EXPECT_EQ(taken.error().key, "entity.unique_integrity_violation");

  insert_scope("other");
  model::OrganizationScope renamed{.id = "other", .name = "invite:member", .created_at = 1};
  auto update_taken = in_write([&](Tx& tx) { return tx.organization_scopes().update(renamed); });
  ASSERT_EQ(errc_of(update_taken), Errc::Conflict);
  EXPECT_EQ(update_taken.error().key, "entity.unique_integrity_violation");
  renamed.name = "other:renamed";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organization_scopes().update(renamed); }));
  found = in_read([](Tx& tx) { return tx.organization_scopes().find("other"); });
  ASSERT_OK(found);
  EXPECT_EQ((*found)->name, "other:renamed");
  EXPECT_FALSE((*found)->description.has_value());
  EXPECT_EQ((*found)->created_at, 1000);
  renamed.id = "ghost";
  EXPECT_EQ(errc_of(in_write([&](Tx& tx) { return tx.organization_scopes().update(renamed); })),
            Errc::NotFound);
}

TEST_P(OrganizationTemplateTest, ScopesListInCreationOrderWithSearchAndFindMany) {
  insert_scope("b", 2000);
  insert_scope("a", 3000);
  insert_scope("c", 1000);
  auto list = [&](std::string_view search, Page page) {
    auto scopes = in_read([&](Tx& tx) { return tx.organization_scopes().list(search, page); });
    EXPECT_OK(scopes);
    return scopes ? ids_of(*scopes) : Ids{"<error>"};
  };
  EXPECT_EQ(list("", {1, 20}), (Ids{"c", "b", "a"}));
  EXPECT_EQ(list("", {2, 2}), (Ids{"a"}));
  EXPECT_EQ(list("SCOPE B", {1, 20}), (Ids{"b"}));
  auto n = in_read([](Tx& tx) { return tx.organization_scopes().count("member"); });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 3);
  auto many = in_read([](Tx& tx) { return tx.organization_scopes().find_many({"c", "x", "a"}); });
  ASSERT_OK(many);
  EXPECT_EQ(ids_of(*many), (Ids{"a", "c"}));  // by name
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_scopes().remove("a"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.organization_scopes().remove("a"); })),
            Errc::NotFound);
}

TEST_P(OrganizationTemplateTest, RolesRoundTripUpdateNotTypeAndRefuseATakenName) {
  model::OrganizationRole role = organization_role("r1", model::RoleType::MachineToMachine);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organization_roles().insert(role); }));
  auto found = in_read([](Tx& tx) { return tx.organization_roles().find("r1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(role));

  auto taken = in_write([&](Tx& tx) {
    model::OrganizationRole clash = organization_role("r2");
    clash.name = role.name;
    return tx.organization_roles().insert(clash);
  });
  ASSERT_EQ(errc_of(taken), Errc::Conflict);
  EXPECT_EQ(taken.error().key, "entity.unique_integrity_violation");

  model::OrganizationRole changed{.id = "r1", .name = "Renamed", .type = model::RoleType::User};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organization_roles().update(changed); }));
  found = in_read([](Tx& tx) { return tx.organization_roles().find("r1"); });
  ASSERT_OK(found);
  EXPECT_EQ((*found)->name, "Renamed");
  EXPECT_EQ((*found)->type, model::RoleType::MachineToMachine);
  changed.id = "ghost";
  EXPECT_EQ(errc_of(in_write([&](Tx& tx) { return tx.organization_roles().update(changed); })),
            Errc::NotFound);
}

TEST_P(OrganizationTemplateTest, RolesListFilterByTypeAndSearchAndFindByIdsOrNames) {
  insert_role("viewer", model::RoleType::User, 2000);
  insert_role("admin", model::RoleType::User, 3000);
  insert_role("robot", model::RoleType::MachineToMachine, 1000);
  EXPECT_EQ(roles_listed({}), (Ids{"robot", "viewer", "admin"}));
  EXPECT_EQ(roles_listed({}, {2, 1}), (Ids{"viewer"}));
  EXPECT_EQ(roles_listed({.type = model::RoleType::User}), (Ids{"viewer", "admin"}));
  EXPECT_EQ(roles_listed({.search = "%ROB%"}), (Ids{"robot"}));
  EXPECT_EQ(roles_listed({.search = "i", .type = model::RoleType::User}), (Ids{"viewer", "admin"}));
  auto n = in_read([](Tx& tx) {
    return tx.organization_roles().count({.type = model::RoleType::MachineToMachine});
  });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  auto by_ids = in_read([](Tx& tx) { return tx.organization_roles().find_many({"viewer", "x"}); });
  ASSERT_OK(by_ids);
  EXPECT_EQ(ids_of(*by_ids), (Ids{"viewer"}));
  auto by_names = in_read([](Tx& tx) {
    return tx.organization_roles().find_by_names({"Role viewer", "Role admin", "nope"});
  });
  ASSERT_OK(by_names);
  EXPECT_EQ(ids_of(*by_names), (Ids{"admin", "viewer"}));
  auto bad = in_read([](Tx& tx) { return tx.organization_roles().count({.search = "\xc3"}); });
  EXPECT_EQ(errc_of(bad), Errc::InvalidRequest);
}

TEST_P(OrganizationTemplateTest, RoleScopesAddReplaceRemoveAllOrNothing) {
  insert_role("admin");
  insert_scope("invite");
  insert_scope("read");
  auto add = [&](const std::string& role, const Ids& scopes) {
    return in_write([&](Tx& tx) { return tx.organization_roles().add_scopes(role, scopes); });
  };
  EXPECT_OK(add("admin", {"read"}));
  EXPECT_OK(add("admin", {"read", "invite"}));  // held already: not an error
  EXPECT_EQ(role_scope_ids("admin"), (Ids{"invite", "read"}));
  EXPECT_EQ(errc_of(add("admin", {"ghost"})), Errc::NotFound);
  EXPECT_EQ(errc_of(add("ghost", {"read"})), Errc::NotFound);
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organization_roles().replace_scopes("admin", {"invite", "ghost"});
            })),
            Errc::NotFound);
  EXPECT_EQ(role_scope_ids("admin"), (Ids{"invite", "read"}));  // rolled back
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.organization_roles().replace_scopes("admin", {"invite"}); }));
  EXPECT_EQ(role_scope_ids("admin"), (Ids{"invite"}));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.organization_roles().remove_scope("admin", "invite"); }));
  EXPECT_EQ(errc_of(in_write(
                [](Tx& tx) { return tx.organization_roles().remove_scope("admin", "invite"); })),
            Errc::NotFound);
  // A deleted scope leaves its roles.
  EXPECT_OK(add("admin", {"read"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_scopes().remove("read"); }));
  EXPECT_EQ(role_scope_ids("admin"), Ids{});
}

TEST_P(OrganizationTemplateTest, RoleResourceScopesAddReplaceRemoveInCreationOrder) {
  insert_role("admin");
  auto add = [&](const Ids& scopes) {
    return in_write(
        [&](Tx& tx) { return tx.organization_roles().add_resource_scopes("admin", scopes); });
  };
  EXPECT_OK(add({"other-read", "api-write"}));
  EXPECT_OK(add({"api-read", "api-write"}));
  EXPECT_EQ(role_resource_scope_ids("admin"), (Ids{"api-read", "api-write", "other-read"}));
  EXPECT_EQ(errc_of(add({"ghost"})), Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organization_roles().replace_resource_scopes("admin", {"api-write"});
  }));
  EXPECT_EQ(role_resource_scope_ids("admin"), (Ids{"api-write"}));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.organization_roles().remove_resource_scope("admin", "api-write"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organization_roles().remove_resource_scope("admin", "api-write");
            })),
            Errc::NotFound);
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organization_roles().replace_resource_scopes("ghost", {});
            })),
            Errc::NotFound);
  // A deleted API takes its scopes out of the roles.
  EXPECT_OK(add({"other-read"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove("other"); }));
  EXPECT_EQ(role_resource_scope_ids("admin"), Ids{});
}

LATCH_STORAGE_SUITE(OrganizationTemplateTest);

}  // namespace
}  // namespace latch::storage::test
