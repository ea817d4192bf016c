#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"
#include "storage/samples.hpp"

// Enterprise SSO connectors, users' SSO identities and the organizations' JIT links, on every
// backend.
namespace latch::storage::test {
namespace {

class SsoRepositoriesTest : public OrganizationStorageTest {
 protected:
  static SsoConnectorRecord connector(const std::string& id, std::int64_t at = 1000) {
    return SsoConnectorRecord{id,
                              "OIDC",
                              "name-" + id,
                              "v1.sealed-" + id,
                              R"(["a.example"])",
                              R"({"displayName":"A"})",
                              true,
                              true,
                              at};
  }
  static auto fields(const SsoConnectorRecord& r) {
    return std::tie(r.id, r.provider_name, r.connector_name, r.sealed_config, r.domains_json,
                    r.branding_json, r.sync_profile, r.enable_token_storage, r.created_at);
  }
  static UserSsoIdentity identity(const std::string& id, const std::string& user_id,
                                  const std::string& connector_id, const std::string& subject) {
    return UserSsoIdentity{
        id, user_id, "https://idp.example", subject, R"({"id":1})", connector_id, 2000, 3000};
  }
  void seed_user_and_connector() {
    ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
      if (auto u = tx.users().insert(sample_user("u1")); !u) return u;
      return tx.sso_connectors().insert(connector("c1"));
    }));
  }
};

TEST_P(SsoRepositoriesTest, FindsWhatWasInsertedWithEveryFieldByIdAndName) {
  auto record = connector("c1");
  ASSERT_OK(in_write([&](Tx& tx) { return tx.sso_connectors().insert(record); }));
  auto by_id = in_read([](Tx& tx) { return tx.sso_connectors().find("c1"); });
  auto by_name = in_read([](Tx& tx) { return tx.sso_connectors().find_by_name("name-c1"); });
  ASSERT_OK(by_id);
  ASSERT_OK(by_name);
  ASSERT_TRUE(by_id->has_value() && by_name->has_value());
  EXPECT_EQ(fields(**by_id), fields(record));
  EXPECT_EQ(fields(**by_name), fields(record));
}

TEST_P(SsoRepositoriesTest, DuplicateNameIsAConflictKeyedAsLogtoDoes) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().insert(connector("c1")); }));
  auto twin = connector("c2");
  twin.connector_name = "name-c1";
  auto again = in_write([&](Tx& tx) { return tx.sso_connectors().insert(twin); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::Conflict);
  EXPECT_EQ(again.error().key, "single_sign_on.duplicate_connector_name");
}

TEST_P(SsoRepositoriesTest, UpdateKeepsProviderAndCreationAndUnknownIdIsNotFound) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().insert(connector("c1", 1000)); }));
  auto changed = connector("c1", 9000);
  changed.provider_name = "SAML";
  changed.connector_name = "renamed";
  changed.sealed_config = "v1.other";
  changed.domains_json = "[]";
  changed.branding_json = "{}";
  changed.sync_profile = false;
  changed.enable_token_storage = false;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.sso_connectors().update(changed); }));
  auto found = in_read([](Tx& tx) { return tx.sso_connectors().find("c1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.provider_name = "OIDC";
  changed.created_at = 1000;
  EXPECT_EQ(fields(**found), fields(changed));
  auto unknown = in_write([](Tx& tx) { return tx.sso_connectors().update(connector("nope")); });
  EXPECT_EQ(errc_of(unknown), Errc::NotFound);
}

TEST_P(SsoRepositoriesTest, ListsOldestFirstAndForgetsRemoved) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (auto [id, at] :
         {std::pair{"late", 3000}, std::pair{"early", 1000}, std::pair{"middle", 2000}}) {
      if (auto r = tx.sso_connectors().insert(connector(id, at)); !r) return r;
    }
    return ok();
  }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().remove("middle"); }));
  auto all = in_read([](Tx& tx) { return tx.sso_connectors().list_all(); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "early");
  EXPECT_EQ((*all)[1].id, "late");
  auto again = in_write([](Tx& tx) { return tx.sso_connectors().remove("middle"); });
  EXPECT_EQ(errc_of(again), Errc::NotFound);
}

TEST_P(SsoRepositoriesTest, IdentityRoundTripsAndIsUniqueByIssuerAndSubject) {
  seed_user_and_connector();
  auto first = identity("i1", "u1", "c1", "sub-1");
  ASSERT_OK(in_write([&](Tx& tx) { return tx.user_sso_identities().insert(first); }));
  auto found =
      in_read([](Tx& tx) { return tx.user_sso_identities().find("https://idp.example", "sub-1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "i1");
  EXPECT_EQ((*found)->user_id, "u1");
  EXPECT_EQ((*found)->detail_json, R"({"id":1})");
  EXPECT_EQ((*found)->sso_connector_id, "c1");
  EXPECT_EQ((*found)->created_at, 2000);
  EXPECT_EQ((*found)->updated_at, 3000);
  auto twin = in_write(
      [](Tx& tx) { return tx.user_sso_identities().insert(identity("i2", "u1", "c1", "sub-1")); });
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, Errc::Conflict);
  EXPECT_EQ(twin.error().key, "user.identity_already_in_use");
}

TEST_P(SsoRepositoriesTest, IdentityOfAnUnknownUserIsNotFound) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().insert(connector("c1")); }));
  auto orphan = in_write([](Tx& tx) {
    return tx.user_sso_identities().insert(identity("i1", "ghost", "c1", "sub-1"));
  });
  EXPECT_EQ(errc_of(orphan), Errc::NotFound);
}

TEST_P(SsoRepositoriesTest, UpdatesDetailListsPerUserAndRemovesByConnector) {
  seed_user_and_connector();
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.user_sso_identities().insert(identity("i1", "u1", "c1", "sub-1")); }));
  ASSERT_OK(in_write([](Tx& tx) {
    return tx.user_sso_identities().update_detail("i1", R"({"name":"N"})", 7000);
  }));
  auto listed = in_read([](Tx& tx) { return tx.user_sso_identities().list_for_user("u1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].detail_json, R"({"name":"N"})");
  EXPECT_EQ((*listed)[0].updated_at, 7000);
  ASSERT_OK(in_write([](Tx& tx) { return tx.user_sso_identities().remove("u1", "c1"); }));
  auto again = in_write([](Tx& tx) { return tx.user_sso_identities().remove("u1", "c1"); });
  EXPECT_EQ(errc_of(again), Errc::NotFound);
}

TEST_P(SsoRepositoriesTest, RemovingTheConnectorOrUserRemovesTheirIdentities) {
  seed_user_and_connector();
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.user_sso_identities().insert(identity("i1", "u1", "c1", "sub-1")); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().remove("c1"); }));
  auto listed = in_read([](Tx& tx) { return tx.user_sso_identities().list_for_user("u1"); });
  ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(SsoRepositoriesTest, JitLinksAddReplaceRemoveAndFollowDeletes) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    if (auto o = tx.organizations().insert(sample_organization("o1")); !o) return o;
    if (auto c = tx.sso_connectors().insert(connector("c1", 1000)); !c) return c;
    return tx.sso_connectors().insert(connector("c2", 2000));
  }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().add_jit("o1", {"c2", "c1", "c2"}); }));
  auto ids = in_read([](Tx& tx) { return tx.sso_connectors().jit_connector_ids("o1"); });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"c1", "c2"}));
  auto orgs = in_read([](Tx& tx) { return tx.sso_connectors().jit_organization_ids("c2"); });
  ASSERT_OK(orgs);
  EXPECT_EQ(*orgs, (std::vector<std::string>{"o1"}));

  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().replace_jit("o1", {"c2"}); }));
  ids = in_read([](Tx& tx) { return tx.sso_connectors().jit_connector_ids("o1"); });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"c2"}));

  auto unknown = in_write([](Tx& tx) { return tx.sso_connectors().add_jit("o1", {"ghost"}); });
  EXPECT_EQ(errc_of(unknown), Errc::NotFound);
  auto no_org = in_write([](Tx& tx) { return tx.sso_connectors().add_jit("ghost", {"c1"}); });
  EXPECT_EQ(errc_of(no_org), Errc::NotFound);
  auto absent = in_write([](Tx& tx) { return tx.sso_connectors().remove_jit("o1", "c1"); });
  EXPECT_EQ(errc_of(absent), Errc::NotFound);

  ASSERT_OK(in_write([](Tx& tx) { return tx.sso_connectors().remove("c2"); }));
  ids = in_read([](Tx& tx) { return tx.sso_connectors().jit_connector_ids("o1"); });
  ASSERT_OK(ids);
  EXPECT_TRUE(ids->empty());
}

LATCH_STORAGE_SUITE(SsoRepositoriesTest);

}  // namespace
}  // namespace latch::storage::test
