#include <gtest/gtest.h>

#include "storage/organization_fixture.hpp"
#include "storage/samples.hpp"

// What SAML SSO connectors keep (migration v14), on every backend: relays between the
// AuthnRequest and the ACS, accepted assertion IDs, signing keys, IdP-initiated settings and
// sessions.
namespace latch::storage::test {
namespace {

class SamlSsoRepositoryTest : public OrganizationStorageTest {
 protected:
  void SetUp() override {
    OrganizationStorageTest::SetUp();
    ASSERT_OK(in_write([](Tx& tx) {
      return tx.sso_connectors().insert(
          SsoConnectorRecord{"c1", "SAML", "Acme", "v1.sealed", "[]", "{}", false, false, 1000});
    }));
  }
  static SamlRelay relay(const std::string& id, std::int64_t expires_at = 10'000) {
    return SamlRelay{id, "c1", "https://rp.example/callback/sso/c1", "state-" + id, "", expires_at};
  }
  static SamlSigningKeyRecord key(const std::string& id, bool active, std::int64_t at) {
    return SamlSigningKeyRecord{id, "c1", "v1.sealed-" + id, "PEM " + id, active, at, at + 1};
  }
};

TEST_P(SamlSsoRepositoryTest, ARelayTakesOneResponseAndIsTakenOnce) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().insert_relay(relay("r1")); }));
  auto attached =
      in_write([](Tx& tx) { return tx.saml_sso().attach_response("r1", "c1", "<xml/>", 5000); });
  ASSERT_OK(attached);
  ASSERT_TRUE(attached->has_value());
  EXPECT_EQ((*attached)->state, "state-r1");
  EXPECT_EQ((*attached)->response, "<xml/>");
  // A second Response for the same sign-in, or one for another connector, finds nothing.
  auto again =
      in_write([](Tx& tx) { return tx.saml_sso().attach_response("r1", "c1", "<b/>", 5000); });
  ASSERT_OK(again);
  EXPECT_FALSE(again->has_value());
  auto other =
      in_write([](Tx& tx) { return tx.saml_sso().attach_response("r1", "c2", "<b/>", 5000); });
  ASSERT_OK(other);
  EXPECT_FALSE(other->has_value());

  auto taken = in_write([](Tx& tx) { return tx.saml_sso().take_relay("r1", "c1", 5000); });
  ASSERT_OK(taken);
  ASSERT_TRUE(taken->has_value());
  EXPECT_EQ((*taken)->response, "<xml/>");
  auto twice = in_write([](Tx& tx) { return tx.saml_sso().take_relay("r1", "c1", 5000); });
  ASSERT_OK(twice);
  EXPECT_FALSE(twice->has_value());
}

TEST_P(SamlSsoRepositoryTest, AnExpiredRelayIsNeitherAnsweredNorTaken) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().insert_relay(relay("r1", 5000)); }));
  auto late =
      in_write([](Tx& tx) { return tx.saml_sso().attach_response("r1", "c1", "<xml/>", 5000); });
  ASSERT_OK(late);
  EXPECT_FALSE(late->has_value());
  auto taken = in_write([](Tx& tx) { return tx.saml_sso().take_relay("r1", "c1", 6000); });
  ASSERT_OK(taken);
  EXPECT_FALSE(taken->has_value());
}

TEST_P(SamlSsoRepositoryTest, AnAssertionIsNewOnceUntilPurged) {
  auto first = in_write([](Tx& tx) { return tx.saml_sso().record_assertion("c1", "_a1", 5000); });
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto replay = in_write([](Tx& tx) { return tx.saml_sso().record_assertion("c1", "_a1", 5000); });
  ASSERT_OK(replay);
  EXPECT_FALSE(*replay);
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().purge_expired(5000); }));
  auto after = in_write([](Tx& tx) { return tx.saml_sso().record_assertion("c1", "_a1", 9000); });
  ASSERT_OK(after);
  EXPECT_TRUE(*after);
}

TEST_P(SamlSsoRepositoryTest, OneSigningKeyIsActiveAtATime) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().insert_signing_key(key("k1", true, 1)); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().insert_signing_key(key("k2", true, 2)); }));
  auto keys = in_read([](Tx& tx) { return tx.saml_sso().signing_keys("c1"); });
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_FALSE((*keys)[0].active);
  EXPECT_TRUE((*keys)[1].active);
  EXPECT_EQ((*keys)[1].sealed_private_key, "v1.sealed-k2");
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.saml_sso().set_signing_key_active("c1", "k1", true); }));
  keys = in_read([](Tx& tx) { return tx.saml_sso().signing_keys("c1"); });
  ASSERT_OK(keys);
  EXPECT_TRUE((*keys)[0].active);
  EXPECT_FALSE((*keys)[1].active);
  auto absent =
      in_write([](Tx& tx) { return tx.saml_sso().set_signing_key_active("c1", "k9", true); });
  EXPECT_EQ(errc_of(absent), Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().remove_signing_key("c1", "k2"); }));
  EXPECT_EQ(errc_of(in_write([](Tx& tx) { return tx.saml_sso().remove_signing_key("c1", "k2"); })),
            Errc::NotFound);
}

TEST_P(SamlSsoRepositoryTest, IdpInitiatedConfigIsReplacedAndSessionsAreTakenOnce) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().insert(sample_application("app1")); }));
  IdpInitiatedAuthConfig config{"c1", "app1", "https://rp.example/cb", R"({"scope":"email"})", true,
                                "",   1000};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.saml_sso().put_idp_initiated_config(config); }));
  config.auto_send_authorization_request = false;
  config.client_callback_uri = "https://rp.example/idp";
  config.created_at = 2000;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.saml_sso().put_idp_initiated_config(config); }));
  auto found = in_read([](Tx& tx) { return tx.saml_sso().idp_initiated_config("c1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_FALSE((*found)->auto_send_authorization_request);
  EXPECT_EQ((*found)->client_callback_uri, "https://rp.example/idp");
  EXPECT_EQ((*found)->created_at, 1000);  // kept on replace

  IdpInitiatedSession session{"s1", "c1", R"({"id":"alice"})", 1000, 5000};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.saml_sso().insert_idp_initiated_session(session); }));
  auto taken =
      in_write([](Tx& tx) { return tx.saml_sso().take_idp_initiated_session("s1", 2000); });
  ASSERT_OK(taken);
  ASSERT_TRUE(taken->has_value());
  EXPECT_EQ((*taken)->assertion_json, R"({"id":"alice"})");
  auto twice =
      in_write([](Tx& tx) { return tx.saml_sso().take_idp_initiated_session("s1", 2000); });
  ASSERT_OK(twice);
  EXPECT_FALSE(twice->has_value());

  ASSERT_OK(in_write([](Tx& tx) { return tx.saml_sso().remove_idp_initiated_config("c1"); }));
  EXPECT_EQ(
      errc_of(in_write([](Tx& tx) { return tx.saml_sso().remove_idp_initiated_config("c1"); })),
      Errc::NotFound);
}

TEST_P(SamlSsoRepositoryTest, DeletingTheConnectorRemovesWhatItKept) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    if (auto r = tx.saml_sso().insert_relay(relay("r1")); !r) return r;
    if (auto k = tx.saml_sso().insert_signing_key(key("k1", true, 1)); !k) return k;
    return tx.sso_connectors().remove("c1");
  }));
  auto keys = in_read([](Tx& tx) { return tx.saml_sso().signing_keys("c1"); });
  ASSERT_OK(keys);
  EXPECT_TRUE(keys->empty());
  auto taken = in_write([](Tx& tx) { return tx.saml_sso().take_relay("r1", "c1", 0); });
  ASSERT_OK(taken);
  EXPECT_FALSE(taken->has_value());
}

LATCH_STORAGE_SUITE(SamlSsoRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
