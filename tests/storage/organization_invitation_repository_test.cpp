#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"

// Organization invitations, on every backend.
namespace latch::storage::test {
namespace {

model::OrganizationInvitation invitation(const std::string& id, const std::string& invitee,
                                         const std::string& org_id,
                                         std::int64_t created_at = 1000) {
  return model::OrganizationInvitation{.id = id,
                                       .inviter_id = "alice",
                                       .invitee = invitee,
                                       .organization_id = org_id,
                                       .status = model::InvitationStatus::Pending,
                                       .role_ids = {},
                                       .created_at = created_at,
                                       .updated_at = created_at + 1,
                                       .expires_at = created_at + 100};
}

auto fields(const model::OrganizationInvitation& i) {
  return std::tie(i.id, i.inviter_id, i.invitee, i.accepted_user_id, i.organization_id, i.status,
                  i.role_ids, i.created_at, i.updated_at, i.expires_at);
}

class OrganizationInvitationRepositoryTest : public OrganizationStorageTest {
 protected:
  void SetUp() override {
    OrganizationStorageTest::SetUp();
    if (IsSkipped()) return;
    insert_user("alice");
    insert_user("bob");
    insert_organization("o1");
    insert_organization("o2");
    insert_role("viewer");
    insert_role("admin");
  }
  Result<void> insert(const model::OrganizationInvitation& i) {
    return in_write([&](Tx& tx) { return tx.organization_invitations().insert(i); });
  }
  std::optional<model::OrganizationInvitation> find(const std::string& id) {
    auto found = in_read([&](Tx& tx) { return tx.organization_invitations().find(id); });
    EXPECT_OK(found);
    return found ? *found : std::nullopt;
  }
  Ids listed(const InvitationFilter& filter) {
    auto found = in_read([&](Tx& tx) { return tx.organization_invitations().list(filter); });
    EXPECT_OK(found);
    return found ? ids_of(*found) : Ids{"<error>"};
  }
};

TEST_P(OrganizationInvitationRepositoryTest, RoundTripsWithItsRolesAndTheInviteeLowerCase) {
  model::OrganizationInvitation sent = invitation("i1", "Carol@Example.COM", "o1");
  sent.role_ids = {"viewer", "admin"};
  ASSERT_OK(insert(sent));
  auto found = find("i1");
  ASSERT_TRUE(found.has_value());
  sent.invitee = "carol@example.com";
  sent.role_ids = {"admin", "viewer"};  // by role name
  EXPECT_EQ(fields(*found), fields(sent));
  EXPECT_FALSE(find("ghost").has_value());
}

TEST_P(OrganizationInvitationRepositoryTest, RefusesUnknownOrganizationsAndRoles) {
  EXPECT_EQ(errc_of(insert(invitation("i1", "c@example.com", "ghost"))), Errc::NotFound);
  model::OrganizationInvitation bad_role = invitation("i2", "c@example.com", "o1");
  bad_role.role_ids = {"ghost"};
  EXPECT_EQ(errc_of(insert(bad_role)), Errc::NotFound);
  EXPECT_EQ(listed({}), Ids{});  // all or nothing
}

TEST_P(OrganizationInvitationRepositoryTest, OnePendingInvitationPerInviteeAndOrganization) {
  ASSERT_OK(insert(invitation("i1", "c@example.com", "o1")));
  auto again = insert(invitation("i2", "C@EXAMPLE.com", "o1"));
  ASSERT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().key, "entity.unique_integrity_violation");
  EXPECT_OK(insert(invitation("i3", "c@example.com", "o2")));  // another organization
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organization_invitations().set_status("i1", model::InvitationStatus::Revoked,
                                                    std::nullopt, 5000);
  }));
  EXPECT_OK(insert(invitation("i4", "c@example.com", "o1")));  // the first is no longer Pending
}

TEST_P(OrganizationInvitationRepositoryTest, SetsStatusAcceptedUserAndUpdatedAt) {
  ASSERT_OK(insert(invitation("i1", "bob@example.com", "o1")));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.organization_invitations().set_status("i1", model::InvitationStatus::Accepted,
                                                    std::string_view("bob"), 7000);
  }));
  auto found = find("i1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, model::InvitationStatus::Accepted);
  EXPECT_EQ(found->accepted_user_id, "bob");
  EXPECT_EQ(found->updated_at, 7000);
  EXPECT_EQ(errc_of(in_write([](Tx& tx) {
              return tx.organization_invitations().set_status(
                  "ghost", model::InvitationStatus::Revoked, std::nullopt, 1);
            })),
            Errc::NotFound);
}

TEST_P(OrganizationInvitationRepositoryTest, ExpiresPendingInvitationsDueAtOrBeforeNow) {
  ASSERT_OK(insert(invitation("due", "a@example.com", "o1", 1000)));    // expires 1100
  ASSERT_OK(insert(invitation("later", "b@example.com", "o1", 2000)));  // expires 2100
  model::OrganizationInvitation accepted = invitation("accepted", "c@example.com", "o1", 500);
  accepted.status = model::InvitationStatus::Accepted;
  ASSERT_OK(insert(accepted));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_invitations().expire(1100); }));
  EXPECT_EQ(find("due")->status, model::InvitationStatus::Expired);
  EXPECT_EQ(find("due")->updated_at, 1100);
  EXPECT_EQ(find("later")->status, model::InvitationStatus::Pending);
  EXPECT_EQ(find("accepted")->status, model::InvitationStatus::Accepted);
}

TEST_P(OrganizationInvitationRepositoryTest, ListsNewestFirstFilteredWithTheirRoles) {
  model::OrganizationInvitation first = invitation("i1", "a@example.com", "o1", 1000);
  first.role_ids = {"viewer"};
  ASSERT_OK(insert(first));
  model::OrganizationInvitation second = invitation("i2", "b@example.com", "o2", 2000);
  second.inviter_id = "bob";
  ASSERT_OK(insert(second));
  ASSERT_OK(insert(invitation("i3", "a@example.com", "o2", 3000)));
  EXPECT_EQ(listed({}), (Ids{"i3", "i2", "i1"}));
  EXPECT_EQ(listed({.organization_id = "o2"}), (Ids{"i3", "i2"}));
  EXPECT_EQ(listed({.inviter_id = "bob"}), (Ids{"i2"}));
  EXPECT_EQ(listed({.invitee = "A@Example.com"}), (Ids{"i3", "i1"}));
  EXPECT_EQ(listed({.organization_id = "o1", .invitee = "a@example.com"}), (Ids{"i1"}));
  auto all = in_read([](Tx& tx) { return tx.organization_invitations().list({}); });
  ASSERT_OK(all);
  EXPECT_EQ(all->back().role_ids, (Ids{"viewer"}));
  EXPECT_TRUE(all->front().role_ids.empty());
}

TEST_P(OrganizationInvitationRepositoryTest, RemovalsAndCascades) {
  model::OrganizationInvitation with_role = invitation("i1", "a@example.com", "o1");
  with_role.role_ids = {"viewer", "admin"};
  ASSERT_OK(insert(with_role));
  ASSERT_OK(insert(invitation("i2", "b@example.com", "o2")));
  model::OrganizationInvitation by_app = invitation("i3", "c@example.com", "o2");
  by_app.inviter_id.reset();
  ASSERT_OK(insert(by_app));

  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_roles().remove("viewer"); }));
  EXPECT_EQ(find("i1")->role_ids, (Ids{"admin"}));
  ASSERT_OK(in_write([](Tx& tx) { return tx.organizations().remove("o1"); }));
  EXPECT_FALSE(find("i1").has_value());
  ASSERT_OK(in_write([](Tx& tx) { return tx.organization_invitations().remove("i2"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.organization_invitations().remove("i2"); })),
            Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("alice"); }));  // the inviter
  EXPECT_EQ(listed({}), (Ids{"i3"}));
}

LATCH_STORAGE_SUITE(OrganizationInvitationRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
