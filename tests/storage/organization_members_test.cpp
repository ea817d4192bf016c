#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"

// Machine-to-machine members of organizations and just-in-time provisioning, on every backend.
namespace latch::storage::test {
namespace {

class OrganizationMembersTest : public OrganizationStorageTest {
 protected:
  Ids app_ids(const std::string& org_id, const std::string& search = "", Page page = {1, 20}) {
    auto apps =
        in_read([&](Tx& tx) { return tx.organizations().applications(org_id, search, page); });
    EXPECT_OK(apps);
    if (!apps) return Ids{"<error>"};
    Ids out;
    for (const auto& member : *apps) out.push_back(member.application.id);
    return out;
  }
  Ids app_role_ids(const std::string& org_id, const std::string& app_id) {
    auto roles =
        in_read([&](Tx& tx) { return tx.organizations().application_roles(org_id, app_id); });
    EXPECT_OK(roles);
    return roles ? ids_of(*roles) : Ids{"<error>"};
  }
  Ids jit_domains(const std::string& org_id) {
    auto domains = in_read([&](Tx& tx) { return tx.organizations().jit_email_domains(org_id); });
    EXPECT_OK(domains);
    return domains ? *domains : Ids{"<error>"};
  }
  Ids jit_role_ids(const std::string& org_id) {
    auto roles = in_read([&](Tx& tx) { return tx.organizations().jit_roles(org_id); });
    EXPECT_OK(roles);
    return roles ? ids_of(*roles) : Ids{"<error>"};
  }
  Result<std::vector<std::string>> provision(const std::string& user_id,
                                             const std::string& domain) {
    return in_write(
        [&](Tx& tx) { return tx.organizations().provision_by_email_domain(user_id, domain); });
  }
};

TEST_P(OrganizationMembersTest, OnlyMachineToMachineAppsJoinAllOrNothing) {
  insert_organization("o1");
  insert_app("robot");
  insert_app("bot2");
  insert_app("spa", model::AppType::Spa);
  auto add = [&](const Ids& apps) {
    return in_write([&](Tx& tx) { return tx.organizations().add_applications("o1", apps); });
  };
  EXPECT_EQ(errc_of(add({"robot", "spa"})), Errc::InvalidRequest);
  EXPECT_EQ(errc_of(add({"robot", "ghost"})), Errc::NotFound);
  EXPECT_EQ(app_ids("o1"), Ids{});
  EXPECT_OK(add({"robot"}));
  EXPECT_OK(add({"bot2", "robot"}));
  EXPECT_EQ(app_ids("o1"), (Ids{"robot", "bot2"}));  // join order
  EXPECT_EQ(app_ids("o1", "APP BOT"), (Ids{"bot2"}));
  EXPECT_EQ(app_ids("o1", "", {2, 1}), (Ids{"bot2"}));
  auto n = in_read([](Tx& tx) { return tx.organizations().count_applications("o1", "robot"); });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  auto has = in_read([](Tx& tx) { return tx.organizations().has_application("o1", "robot"); });
  ASSERT_OK(has);
  EXPECT_TRUE(*has);
  EXPECT_EQ(errc_of(in_write(
                [](Tx& tx) { return tx.organizations().replace_applications("o1", {"spa"}); })),
            Errc::InvalidRequest);
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.organizations().replace_applications("o1", {"bot2"}); }));
  EXPECT_EQ(app_ids("o1"), (Ids{"bot2"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove_application("o1", "bot2"); }));
  EXPECT_EQ(
      errc_of(in_write([](Tx& tx) { return tx.organizations().remove_application("o1", "bot2"); })),
      Errc::NotFound);
}

TEST_P(OrganizationMembersTest, TheDatabaseItselfRefusesAnAppThatIsNotMachineToMachine) {
  insert_organization("o1");
  insert_app("spa", model::AppType::Spa);
  // Past the repository's check, the foreign key to (applications.id, type) still refuses it.
  auto inserted = in_write([](Tx& tx) {
    return tx.dump().insert_row("organization_application_relations",
                                {"organization_id", "application_id", "join_order"},
                                {std::string("o1"), std::string("spa"), std::int64_t{1}});
  });
  EXPECT_FALSE(inserted);
  EXPECT_EQ(app_ids("o1"), Ids{});
}

TEST_P(OrganizationMembersTest, AppsHoldOnlyMachineRolesAndLoseThemOnLeaving) {
  insert_organization("o1");
  insert_role("viewer");
  insert_role("robot-role", model::RoleType::MachineToMachine);
  insert_app("robot");
  insert_app("outsider");
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().add_applications("o1", {"robot"}); }));
  auto add = [&](const Ids& apps, const Ids& roles) {
    return in_write(
        [&](Tx& tx) { return tx.organizations().add_application_roles("o1", apps, roles); });
  };
  EXPECT_EQ(errc_of(add({"robot"}, {"viewer"})), Errc::InvalidRequest);
  EXPECT_EQ(errc_of(add({"outsider"}, {"robot-role"})), Errc::NotFound);
  EXPECT_OK(add({"robot"}, {"robot-role"}));
  EXPECT_EQ(app_role_ids("o1", "robot"), (Ids{"robot-role"}));
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    auto& roles = tx.organization_roles();
    if (auto r = roles.add_resource_scopes("robot-role", {"api-read"}); !r) return r;
    if (auto r = tx.organization_scopes().insert(organization_scope("sync")); !r) return r;
    return roles.add_scopes("robot-role", {"sync"});
  }));
  auto resource_scopes = in_read(
      [](Tx& tx) { return tx.organizations().application_resource_scopes("o1", "robot", "api"); });
  ASSERT_OK(resource_scopes);
  EXPECT_EQ(*resource_scopes, (Ids{"read"}));
  auto scopes =
      in_read([](Tx& tx) { return tx.organizations().application_scopes("o1", "robot"); });
  ASSERT_OK(scopes);
  EXPECT_EQ(ids_of(*scopes), (Ids{"sync"}));

  auto memberships =
      in_read([](Tx& tx) { return tx.organizations().memberships_of_application("robot"); });
  ASSERT_OK(memberships);
  ASSERT_EQ(memberships->size(), 1u);
  EXPECT_EQ(ids_of((*memberships)[0].roles), (Ids{"robot-role"}));
  auto listed = in_read([](Tx& tx) { return tx.organizations().applications("o1", "", {}); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].application.name, "App robot");
  EXPECT_EQ(ids_of((*listed)[0].roles), (Ids{"robot-role"}));

  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.organizations().replace_application_roles("o1", "robot", {}); }));
  EXPECT_EQ(app_role_ids("o1", "robot"), Ids{});
  EXPECT_OK(add({"robot"}, {"robot-role"}));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organizations().remove_application_role("o1", "robot", "robot-role");
  }));
  EXPECT_OK(add({"robot"}, {"robot-role"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove_application("o1", "robot"); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().add_applications("o1", {"robot"}); }));
  EXPECT_EQ(app_role_ids("o1", "robot"), Ids{});

  // A deleted app leaves its organizations.
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("robot"); }));
  EXPECT_EQ(app_ids("o1"), Ids{});
}

TEST_P(OrganizationMembersTest, JitDomainsAreStoredLowerCaseOncePerOrganization) {
  insert_organization("o1");
  auto add = [&](const std::string& org, const std::string& domain) {
    return in_write([&](Tx& tx) { return tx.organizations().add_jit_email_domain(org, domain); });
  };
  EXPECT_OK(add("o1", "Example.COM"));
  EXPECT_OK(add("o1", "acme.io"));
  auto taken = add("o1", "EXAMPLE.com");
  ASSERT_EQ(errc_of(taken), Errc::Conflict);
  EXPECT_EQ(taken.error().key, "entity.unique_integrity_violation");
  EXPECT_EQ(errc_of(add("ghost", "x.io")), Errc::NotFound);
  EXPECT_EQ(jit_domains("o1"), (Ids{"acme.io", "example.com"}));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organizations().replace_jit_email_domains("o1", {"B.io", "a.io", "b.IO"});
  }));
  EXPECT_EQ(jit_domains("o1"), (Ids{"a.io", "b.io"}));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.organizations().remove_jit_email_domain("o1", "A.IO"); }));
  EXPECT_EQ(errc_of(in_write(
                [](Tx& tx) { return tx.organizations().remove_jit_email_domain("o1", "a.io"); })),
            Errc::NotFound);
  EXPECT_EQ(jit_domains("o1"), (Ids{"b.io"}));
}

TEST_P(OrganizationMembersTest, JitRolesAreUserRolesOfAnExistingOrganization) {
  insert_organization("o1");
  insert_role("viewer");
  insert_role("admin");
  insert_role("robot", model::RoleType::MachineToMachine);
  auto add = [&](const std::string& org, const Ids& roles) {
    return in_write([&](Tx& tx) { return tx.organizations().add_jit_roles(org, roles); });
  };
  EXPECT_EQ(errc_of(add("o1", {"viewer", "robot"})), Errc::InvalidRequest);
  EXPECT_EQ(errc_of(add("o1", {"ghost"})), Errc::NotFound);
  EXPECT_EQ(errc_of(add("ghost", {"viewer"})), Errc::NotFound);
  EXPECT_OK(add("o1", {"viewer"}));
  EXPECT_OK(add("o1", {"viewer", "admin"}));
  EXPECT_EQ(jit_role_ids("o1"), (Ids{"admin", "viewer"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().replace_jit_roles("o1", {"admin"}); }));
  EXPECT_EQ(jit_role_ids("o1"), (Ids{"admin"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove_jit_role("o1", "admin"); }));
  EXPECT_EQ(
      errc_of(in_write([](Tx& tx) { return tx.organizations().remove_jit_role("o1", "admin"); })),
      Errc::NotFound);
  EXPECT_OK(add("o1", {"viewer"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_roles().remove("viewer"); }));
  EXPECT_EQ(jit_role_ids("o1"), Ids{});
}

TEST_P(OrganizationMembersTest, ProvisioningJoinsEveryMatchingOrganizationWithItsJitRoles) {
  insert_organization("o1");
  insert_organization("o2");
  insert_organization("o3");
  insert_role("viewer");
  insert_role("admin");
  insert_user("alice");
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    auto& orgs = tx.organizations();
    if (auto r = orgs.add_jit_email_domain("o1", "example.com"); !r) return r;
    if (auto r = orgs.add_jit_email_domain("o2", "example.com"); !r) return r;
    if (auto r = orgs.add_jit_email_domain("o3", "other.com"); !r) return r;
    if (auto r = orgs.add_jit_roles("o1", {"viewer", "admin"}); !r) return r;
    return orgs.add_jit_roles("o2", {"viewer"});
  }));
  // Already in o2 with no roles: stays as it is.
  add_users("o2", {"alice"});

  auto joined = provision("alice", "Example.Com");
  ASSERT_OK(joined);
  EXPECT_EQ(*joined, (Ids{"o1"}));
  EXPECT_EQ(user_role_ids("o1", "alice"), (Ids{"admin", "viewer"}));
  EXPECT_EQ(user_role_ids("o2", "alice"), Ids{});
  auto again = provision("alice", "example.com");
  ASSERT_OK(again);
  EXPECT_EQ(*again, Ids{});
  auto none = provision("alice", "nowhere.example");
  ASSERT_OK(none);
  EXPECT_EQ(*none, Ids{});
  auto memberships =
      in_read([](Tx& tx) { return tx.organizations().memberships_of_user("alice"); });
  ASSERT_OK(memberships);
  EXPECT_EQ(memberships->size(), 2u);
}

LATCH_STORAGE_SUITE(OrganizationMembersTest);

}  // namespace
}  // namespace latch::storage::test
