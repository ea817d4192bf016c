#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"
#include "storage/samples.hpp"

// SAML applications' configs, signing secrets and sign-in sessions, on every backend.
namespace latch::storage::test {
namespace {

class SamlApplicationRepositoryTest : public OrganizationStorageTest {
 protected:
  static SamlAppSecret secret(const std::string& id, bool active, std::int64_t at) {
    return SamlAppSecret{id, "app1", "v1.sealed-" + id, "PEM " + id, at, at + 1000, active};
  }
  static SamlAppSession session(const std::string& id, std::optional<std::string> request) {
    return SamlAppSession{id,         "app1",       std::move(request),    "state-" + id,
                          "verifier", std::nullopt, "https://sp.test/acs", 1000,
                          5000};
  }
  void seed_app() {
    ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
      auto app = sample_application("app1");
      app.type = model::AppType::Saml;
      if (auto r = tx.applications().insert(app); !r) return r;
      return tx.saml_applications().insert_config(
          {"app1", R"({"email":"mail"})", "https://sp.test", std::nullopt, std::nullopt,
           "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", std::nullopt});
    }));
  }
  std::vector<bool> active_flags() {
    auto all = in_read([](Tx& tx) { return tx.saml_applications().list_secrets("app1"); });
    std::vector<bool> out;
    if (all) {
      for (const auto& s : *all) out.push_back(s.active);
    }
    return out;
  }
};

TEST_P(SamlApplicationRepositoryTest, StoresTheConfigWithNullsAndReplacesIt) {
  seed_app();
  auto found = in_read([](Tx& tx) { return tx.saml_applications().find_config("app1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->entity_id, "https://sp.test");
  EXPECT_FALSE((*found)->acs_url_json.has_value());
  auto changed = **found;
  changed.entity_id.reset();
  changed.acs_url_json = R"({"binding":"b","url":"u"})";
  changed.sp_certificate = "PEM";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.saml_applications().update_config(changed); }));
  found = in_read([](Tx& tx) { return tx.saml_applications().find_config("app1"); });
  ASSERT_OK(found);
  EXPECT_FALSE((*found)->entity_id.has_value());
  EXPECT_EQ((*found)->acs_url_json, changed.acs_url_json);
  EXPECT_EQ((*found)->sp_certificate, "PEM");
}

TEST_P(SamlApplicationRepositoryTest, OneSecretIsActiveAtATime) {
  seed_app();
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_applications().insert_secret(secret("s1", true, 1)); }));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.saml_applications().insert_secret(secret("s2", false, 2)); }));
  EXPECT_EQ(active_flags(), (std::vector<bool>{true, false}));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.saml_applications().set_secret_active("app1", "s2", true); }));
  EXPECT_EQ(active_flags(), (std::vector<bool>{false, true}));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_applications().insert_secret(secret("s3", true, 3)); }));
  EXPECT_EQ(active_flags(), (std::vector<bool>{false, false, true}));
  auto active = in_read([](Tx& tx) { return tx.saml_applications().active_secret("app1"); });
  ASSERT_OK(active);
  EXPECT_EQ((*active)->id, "s3");
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_applications().remove_secret("app1", "s1"); }));
  auto gone = in_write([](Tx& tx) { return tx.saml_applications().remove_secret("app1", "s1"); });
  EXPECT_EQ(errc_of(gone), Errc::NotFound);
}

TEST_P(SamlApplicationRepositoryTest, ARequestIdIsAcceptedOnceAndAStateUsedOnce) {
  seed_app();
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_applications().insert_session(session("a", "_r1")); }));
  auto replay =
      in_write([](Tx& tx) { return tx.saml_applications().insert_session(session("b", "_r1")); });
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().key, "application.saml.request_replayed");
  // IdP-initiated sessions have no request ID, and there may be many.
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.saml_applications().insert_session(session("c", std::nullopt)); }));
  ASSERT_OK(in_write(
      [](Tx& tx) { return tx.saml_applications().insert_session(session("d", std::nullopt)); }));
  auto first = in_write([](Tx& tx) { return tx.saml_applications().consume_session("a"); });
  auto second = in_write([](Tx& tx) { return tx.saml_applications().consume_session("a"); });
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_applications().purge_sessions(5000); }));
  auto purged = in_read([](Tx& tx) { return tx.saml_applications().find_session("c"); });
  ASSERT_OK(purged);
  EXPECT_FALSE(purged->has_value());
}

TEST_P(SamlApplicationRepositoryTest, DeletingTheAppRemovesItsRows) {
  seed_app();
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_applications().insert_secret(secret("s1", true, 1)); }));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_applications().insert_session(session("a", "_r")); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  auto config = in_read([](Tx& tx) { return tx.saml_applications().find_config("app1"); });
  auto secrets = in_read([](Tx& tx) { return tx.saml_applications().list_secrets("app1"); });
  auto sessions = in_read([](Tx& tx) { return tx.saml_applications().find_session("a"); });
  ASSERT_OK(config);
  ASSERT_OK(secrets);
  ASSERT_OK(sessions);
  EXPECT_FALSE(config->has_value());
  EXPECT_TRUE(secrets->empty());
  EXPECT_FALSE(sessions->has_value());
}

LATCH_STORAGE_SUITE(SamlApplicationRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
