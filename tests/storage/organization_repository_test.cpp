#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"

// Organizations and their user members, on every backend.
namespace latch::storage::test {
namespace {

class OrganizationRepositoryTest : public OrganizationStorageTest {
 protected:
  Ids listed(const std::string& search, Page page = {1, 20}) {
    auto orgs = in_read([&](Tx& tx) { return tx.organizations().list({search}, page); });
    EXPECT_OK(orgs);
    return orgs ? ids_of(*orgs) : Ids{"<error>"};
  }
  std::int64_t counted(const std::string& search) {
    auto n = in_read([&](Tx& tx) { return tx.organizations().count({search}); });
    EXPECT_OK(n);
    return n ? *n : -1;
  }
  bool has_user(const std::string& org_id, const std::string& user_id) {
    auto has = in_read([&](Tx& tx) { return tx.organizations().has_user(org_id, user_id); });
    EXPECT_OK(has);
    return has && *has;
  }
};

TEST_P(OrganizationRepositoryTest, FindsWhatWasInsertedAndUpdatesEveryFieldButIdAndCreatedAt) {
  model::Organization org = sample_organization("o1");
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organizations().insert(org); }));
  auto found = in_read([](Tx& tx) { return tx.organizations().find("o1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(org));

  model::Organization changed{.id = "o1", .name = "Renamed", .created_at = 5};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organizations().update(changed); }));
  found = in_read([](Tx& tx) { return tx.organizations().find("o1"); });
  ASSERT_OK(found);
  changed.created_at = org.created_at;
  EXPECT_EQ(fields(**found), fields(changed));
  EXPECT_FALSE((*found)->description.has_value());
  EXPECT_FALSE((*found)->custom_css.has_value());

  model::Organization ghost{.id = "ghost", .name = "x"};
  EXPECT_EQ(errc_of(in_write([&](Tx& tx) { return tx.organizations().update(ghost); })),
            Errc::NotFound);
  auto missing = in_read([](Tx& tx) { return tx.organizations().find("ghost"); });
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(OrganizationRepositoryTest, ListsNewestFirstWithSubstringSearchCountsAndPages) {
  insert_organization("acme", 1000);
  insert_organization("beta", 3000);
  insert_organization("gamma", 2000);
  EXPECT_EQ(listed(""), (Ids{"beta", "gamma", "acme"}));
  EXPECT_EQ(listed("", {2, 2}), (Ids{"acme"}));
  EXPECT_EQ(listed("M"), (Ids{"gamma", "acme"}));
  EXPECT_EQ(listed("%organization beta%"), (Ids{"beta"}));  // description, `%` ignored
  EXPECT_EQ(counted(""), 3);
  EXPECT_EQ(counted("m"), 2);
  EXPECT_EQ(counted("nothing"), 0);
  auto bad = in_read([](Tx& tx) { return tx.organizations().list({"\xff"}, {}); });
  EXPECT_EQ(errc_of(bad), Errc::InvalidRequest);
}

TEST_P(OrganizationRepositoryTest, AddsUsersOnceInJoinOrderAllOrNothing) {
  insert_organization("o1");
  insert_user("alice", 3000);
  insert_user("bob", 2000);
  insert_user("carol", 1000);
  add_users("o1", {"bob"});
  add_users("o1", {"alice", "bob"});  // bob already: not an error
  EXPECT_EQ(member_ids("o1"), (Ids{"bob", "alice"}));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organizations().add_users("o1", {"carol", "ghost"});
            })),
            Errc::NotFound);
  EXPECT_FALSE(has_user("o1", "carol"));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.organizations().add_users("nope", {"bob"}); })),
            Errc::NotFound);
  add_users("o1", {"carol"});
  EXPECT_EQ(member_ids("o1"), (Ids{"bob", "alice", "carol"}));
  EXPECT_EQ(member_ids("o1", "", {2, 2}), (Ids{"carol"}));
  EXPECT_EQ(member_ids("o1", "NAME OF A"), (Ids{"alice"}));
  EXPECT_EQ(member_ids("o1", "mail.c"), (Ids{"carol"}));
  auto all = in_read([](Tx& tx) { return tx.organizations().count_users("o1", ""); });
  auto bobs = in_read([](Tx& tx) { return tx.organizations().count_users("o1", "B"); });
  ASSERT_OK(all);
  ASSERT_OK(bobs);
  EXPECT_EQ(*all, 3);
  EXPECT_EQ(*bobs, 1);
}

TEST_P(OrganizationRepositoryTest, ReplacingMembersKeepsStayersAndTheirRolesAndDropsLeavers) {
  insert_organization("o1");
  insert_role("admin");
  insert_user("alice");
  insert_user("bob");
  insert_user("carol");
  add_users("o1", {"alice", "bob"});
  give_user_roles("o1", {"alice", "bob"}, {"admin"});
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organizations().replace_users("o1", {"carol", "bob"});
  }));
  EXPECT_EQ(member_ids("o1"), (Ids{"bob", "carol"}));
  EXPECT_EQ(user_role_ids("o1", "bob"), (Ids{"admin"}));
  add_users("o1", {"alice"});  // back, without the role she had
  EXPECT_EQ(user_role_ids("o1", "alice"), Ids{});
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().replace_users("o1", {}); }));
  EXPECT_EQ(member_ids("o1"), Ids{});
}

TEST_P(OrganizationRepositoryTest, LeavingDropsTheRolesHeldThere) {
  insert_organization("o1");
  insert_organization("o2");
  insert_role("admin");
  insert_user("alice");
  add_users("o1", {"alice"});
  add_users("o2", {"alice"});
  give_user_roles("o1", {"alice"}, {"admin"});
  give_user_roles("o2", {"alice"}, {"admin"});
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove_user("o1", "alice"); }));
  EXPECT_FALSE(has_user("o1", "alice"));
  EXPECT_EQ(user_role_ids("o2", "alice"), (Ids{"admin"}));
  add_users("o1", {"alice"});
  EXPECT_EQ(user_role_ids("o1", "alice"), Ids{});
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.organizations().remove_user("o1", "bob"); })),
            Errc::NotFound);
}

TEST_P(OrganizationRepositoryTest, UsersHoldOnlyUserRolesAndOnlyWhereTheyAreMembers) {
  insert_organization("o1");
  insert_role("admin");
  insert_role("viewer");
  insert_role("robot", model::RoleType::MachineToMachine);
  insert_user("alice");
  insert_user("bob");
  add_users("o1", {"alice"});
  auto add = [&](const Ids& users, const Ids& roles) {
    return in_write([&](Tx& tx) { return tx.organizations().add_user_roles("o1", users, roles); });
  };
  EXPECT_EQ(errc_of(add({"alice"}, {"robot"})), Errc::InvalidRequest);
  EXPECT_EQ(errc_of(add({"alice"}, {"ghost"})), Errc::NotFound);
  EXPECT_EQ(errc_of(add({"bob"}, {"admin"})), Errc::NotFound);  // not a member
  EXPECT_OK(add({"alice"}, {"viewer", "admin"}));
  EXPECT_OK(add({"alice"}, {"admin"}));                               // held already: not an error
  EXPECT_EQ(user_role_ids("o1", "alice"), (Ids{"admin", "viewer"}));  // by name

  auto replace = [&](const Ids& roles) {
    return in_write(
        [&](Tx& tx) { return tx.organizations().replace_user_roles("o1", "alice", roles); });
  };
  EXPECT_EQ(errc_of(replace({"robot"})), Errc::InvalidRequest);
  EXPECT_OK(replace({"viewer"}));
  EXPECT_EQ(user_role_ids("o1", "alice"), (Ids{"viewer"}));
  EXPECT_OK(in_write(
      [](Tx& tx) { return tx.organizations().remove_user_role("o1", "alice", "viewer"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organizations().remove_user_role("o1", "alice", "viewer");
            })),
            Errc::NotFound);
}

TEST_P(OrganizationRepositoryTest, ListsMembersWithTheirRolesAndUsersWithTheirMemberships) {
  insert_organization("zeta");
  insert_organization("alpha");
  insert_role("admin");
  insert_role("viewer");
  insert_user("alice");
  insert_user("bob");
  add_users("zeta", {"alice", "bob"});
  add_users("alpha", {"alice"});
  give_user_roles("zeta", {"alice"}, {"viewer", "admin"});
  give_user_roles("alpha", {"alice"}, {"viewer"});

  auto members = in_read([](Tx& tx) { return tx.organizations().users("zeta", "", {}); });
  ASSERT_OK(members);
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ(fields((*members)[0].user), fields(sample_user("alice")));
  EXPECT_EQ(ids_of((*members)[0].roles), (Ids{"admin", "viewer"}));
  EXPECT_EQ(ids_of((*members)[1].roles), Ids{});

  auto of_alice = in_read([](Tx& tx) { return tx.organizations().memberships_of_user("alice"); });
  ASSERT_OK(of_alice);
  ASSERT_EQ(of_alice->size(), 2u);  // by organization name: "Org alpha", "Org zeta"
  EXPECT_EQ(fields((*of_alice)[0].organization), fields(sample_organization("alpha")));
  EXPECT_EQ(ids_of((*of_alice)[0].roles), (Ids{"viewer"}));
  EXPECT_EQ(ids_of((*of_alice)[1].roles), (Ids{"admin", "viewer"}));
  auto of_bob = in_read([](Tx& tx) { return tx.organizations().memberships_of_user("bob"); });
  ASSERT_OK(of_bob);
  ASSERT_EQ(of_bob->size(), 1u);
  EXPECT_TRUE((*of_bob)[0].roles.empty());
}

TEST_P(OrganizationRepositoryTest, ScopesComeFromTheRolesHeldInThatOrganization) {
  insert_organization("o1");
  insert_organization("o2");
  insert_scope("invite");
  insert_scope("read");
  insert_role("admin");
  insert_role("viewer");
  insert_user("alice");
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    auto& roles = tx.organization_roles();
    if (auto r = roles.add_scopes("admin", {"invite", "read"}); !r) return r;
    if (auto r = roles.add_scopes("viewer", {"read"}); !r) return r;
    if (auto r = roles.add_resource_scopes("admin", {"api-write", "api-read"}); !r) return r;
    return roles.add_resource_scopes("viewer", {"api-read", "other-read"});
  }));
  add_users("o1", {"alice"});
  add_users("o2", {"alice"});
  give_user_roles("o1", {"alice"}, {"admin", "viewer"});
  give_user_roles("o2", {"alice"}, {"viewer"});

  auto scopes = in_read([](Tx& tx) { return tx.organizations().user_scopes("o1", "alice"); });
  ASSERT_OK(scopes);
  EXPECT_EQ(ids_of(*scopes), (Ids{"invite", "read"}));  // deduplicated, by name
  EXPECT_EQ(user_resource_scopes("o1", "alice", "api"), (Ids{"read", "write"}));
  EXPECT_EQ(user_resource_scopes("o2", "alice", "api"), (Ids{"read"}));
  EXPECT_EQ(user_resource_scopes("o2", "alice", "other"), (Ids{"read"}));
  EXPECT_EQ(user_resource_scopes("o1", "bob", "api"), Ids{});
}

TEST_P(OrganizationRepositoryTest, ResourceScopesOfEveryOrganizationWhenNoneIsNamed) {
  insert_organization("o1");
  insert_organization("o2");
  insert_role("reader");
  insert_role("writer");
  insert_user("alice");
  insert_user("bob");
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    auto& roles = tx.organization_roles();
    if (auto r = roles.add_resource_scopes("reader", {"api-read"}); !r) return r;
    return roles.add_resource_scopes("writer", {"api-write", "other-read"});
  }));
  add_users("o1", {"alice"});
  add_users("o2", {"alice", "bob"});
  give_user_roles("o1", {"alice"}, {"reader"});
  give_user_roles("o2", {"alice"}, {"writer"});
  EXPECT_EQ(user_resource_scopes("", "alice", "api"), (Ids{"read", "write"}));
  EXPECT_EQ(user_resource_scopes("o1", "alice", "api"), (Ids{"read"}));
  EXPECT_EQ(user_resource_scopes("", "bob", "api"), Ids{});  // a member without roles
}

TEST_P(OrganizationRepositoryTest, DeletionsCascade) {
  insert_organization("o1");
  insert_organization("o2");
  insert_role("admin");
  insert_user("alice");
  insert_user("bob");
  add_users("o1", {"alice", "bob"});
  add_users("o2", {"bob"});
  give_user_roles("o1", {"alice", "bob"}, {"admin"});
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.organization_roles().add_resource_scopes("admin", {"api-read"}); }));

  // A deleted API scope leaves the organization roles.
  EXPECT_EQ(user_resource_scopes("o1", "bob", "api"), (Ids{"read"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.resources().remove_scope("api-read"); }));
  EXPECT_EQ(user_resource_scopes("o1", "bob", "api"), Ids{});

  // A deleted user leaves every organization.
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("alice"); }));
  EXPECT_EQ(member_ids("o1"), (Ids{"bob"}));

  // A deleted role leaves every member.
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_roles().remove("admin"); }));
  EXPECT_EQ(user_role_ids("o1", "bob"), Ids{});

  // A deleted organization takes its memberships along.
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove("o1"); }));
  auto of_bob = in_read([](Tx& tx) { return tx.organizations().memberships_of_user("bob"); });
  ASSERT_OK(of_bob);
  ASSERT_EQ(of_bob->size(), 1u);
  EXPECT_EQ((*of_bob)[0].organization.id, "o2");
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.organizations().remove("o1"); })),
            Errc::NotFound);
}

LATCH_STORAGE_SUITE(OrganizationRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
