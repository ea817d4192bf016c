// FlowService, EnterpriseSso verification (seeded as verify_sso leaves it): the account a
// verified SSO identity signs in, links or creates, what submit records (the SSO identity, the
// connector's JIT organizations and roles, a synced profile), and the guards around it (single
// sign-on off, an unknown or unusable connector, password sign-in for an SSO-only domain).
#include <gtest/gtest.h>

#include "saml/certificate.hpp"
#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using experience::FlowContext;
namespace json = boost::json;

constexpr const char* kIssuer = "https://idp.acme.test";

class FlowSsoTest : public ::testing::Test {
 protected:
  FlowSsoTest() { h_.configure({{"singleSignOnEnabled", true}}); }

  // An SSO connector without configuration (enough for the identity's foreign key).
  std::string add_connector(const std::string& name, bool sync_profile = false) {
    experience::SsoConnectorChange change;
    change.provider_name = "OIDC";
    change.connector_name = name;
    change.sync_profile = sync_profile;
    auto created = h_.sso().create(change);
    EXPECT_TRUE(created) << key_of(created);
    return created ? created->record.id : "";
  }
  // An organization that takes the connector's people, with a JIT role.
  std::string add_jit_organization(const std::string& connector_id) {
    model::Organization org{.id = "org-acme", .name = "Acme", .created_at = 1};
    model::OrganizationRole role{.id = "role-member", .name = "member", .created_at = 1};
    EXPECT_TRUE(h_.store().transact([&](storage::Tx& tx) -> Result<void> {
      if (auto o = tx.organizations().insert(org); !o) return o;
      if (auto r = tx.organization_roles().insert(role); !r) return r;
      return tx.organizations().add_jit_roles(org.id, {role.id});
    }));
    EXPECT_TRUE(h_.sso().set_jit(org.id, {connector_id}, false));
    return org.id;
  }
  std::vector<storage::UserSsoIdentity> identities_of(const std::string& user_id) {
    std::vector<storage::UserSsoIdentity> out;
    EXPECT_TRUE(h_.store().read([&](storage::Tx& tx) -> Result<void> {
      auto all = tx.user_sso_identities().list_for_user(user_id);
      if (!all) return all.error();
      out = std::move(*all);
      return ok();
    }));
    return out;
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
  std::string connector_ = add_connector("Acme IdP", true);
};

TEST_F(FlowSsoTest, AnUnknownIdentityWithoutAnAccountIsNoAccountToSignIn) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_sso(ctx_, {.id = "e-1", .email = "new@acme.test"}, connector_, kIssuer);
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::NotFound);
  EXPECT_EQ(key_of(identified), "user.sso_identity_not_exist");
}

TEST_F(FlowSsoTest, RegisterCreatesTheMemberWithItsIdentityAndNeedsNoUsernameOrPassword) {
  std::string org = add_jit_organization(connector_);
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  std::string vid = h_.seed_sso(ctx_, {.id = "e-2", .email = "grace@acme.test", .name = "Grace"},
                                connector_, kIssuer);
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  EXPECT_TRUE(h_.flow().missing_profile(ctx_).value().empty());  // Logto: the IdP's profile
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  auto user_id = h_.completed_user(ctx_);
  ASSERT_TRUE(user_id);
  auto user = h_.find_user(*user_id);
  EXPECT_EQ(user->primary_email, "grace@acme.test");
  EXPECT_EQ(user->name, "Grace");
  auto identities = identities_of(*user_id);
  ASSERT_EQ(identities.size(), 1u);
  EXPECT_EQ(identities[0].issuer, kIssuer);
  EXPECT_EQ(identities[0].identity_id, "e-2");
  EXPECT_EQ(identities[0].sso_connector_id, connector_);
  EXPECT_TRUE(h_.store().read([&](storage::Tx& tx) -> Result<void> {
    auto member = tx.organizations().has_user(org, *user_id);
    EXPECT_TRUE(member && *member);
    auto roles = tx.organizations().user_roles(org, *user_id);
    EXPECT_TRUE(roles && roles->size() == 1u);
    return ok();
  }));
}

TEST_F(FlowSsoTest, AReturningIdentitySignsInTheSameAccountAndSyncsItsName) {
  std::string user = h_.add_user({.username = "grace"});
  ASSERT_TRUE(h_.store().transact([&](storage::Tx& tx) {
    return tx.user_sso_identities().insert({"i-1", user, kIssuer, "e-3", "{}", connector_, 1, 1});
  }));
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_sso(ctx_, {.id = "e-3", .name = "Grace Renamed"}, connector_, kIssuer);
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  EXPECT_EQ(h_.completed_user(ctx_), user);
  EXPECT_EQ(h_.find_user(user)->name, "Grace Renamed");
  auto identities = identities_of(user);
  ASSERT_EQ(identities.size(), 1u);
  EXPECT_NE(identities[0].detail_json.find("Grace Renamed"), std::string::npos);
}

TEST_F(FlowSsoTest, AnAccountWithTheVerifiedEmailIsLinked) {
  std::string ada = h_.add_user({.username = "ada", .email = "ada@acme.test"});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_sso(ctx_, {.id = "e-4", .email = "ADA@acme.test"}, connector_, kIssuer);
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  EXPECT_EQ(h_.completed_user(ctx_), ada);
  EXPECT_EQ(identities_of(ada).size(), 1u);
}

TEST_F(FlowSsoTest, RegisteringAnIdentityThatHasAnAccountIsAConflict) {
  std::string user = h_.add_user({.username = "grace"});
  ASSERT_TRUE(h_.store().transact([&](storage::Tx& tx) {
    return tx.user_sso_identities().insert({"i-2", user, kIssuer, "e-5", "{}", connector_, 1, 1});
  }));
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  std::string vid = h_.seed_sso(ctx_, {.id = "e-5"}, connector_, kIssuer);
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(key_of(identified), "user.identity_already_in_use");
}

TEST_F(FlowSsoTest, StartingNeedsSingleSignOnOnAndAConnectorThatCanSignIn) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  auto unconfigured = h_.flow().start_sso(ctx_, connector_, "state-1", "https://x/cb");
  EXPECT_EQ(code_of(unconfigured), Errc::NotFound);
  EXPECT_EQ(key_of(h_.flow().start_sso(ctx_, "ghost", "state-1", "https://x/cb")),
            "connector.not_found");
  EXPECT_EQ(key_of(h_.flow().start_sso(ctx_, connector_, "", "https://x/cb")),
            "guard.invalid_input");
  h_.configure({{"singleSignOnEnabled", false}});
  auto off = h_.flow().start_sso(ctx_, connector_, "state-1", "https://x/cb");
  EXPECT_EQ(key_of(off), "session.sign_in_method_not_enabled");
}

TEST_F(FlowSsoTest, AnEmailOfAnSsoDomainCannotSignInWithAPassword) {
  experience::SsoConnectorChange change;
  change.provider_name = "SAML";
  change.connector_name = "Acme SAML";
  change.domains = std::vector<std::string>{"acme.test"};
  // The IdP's side must be readable (Logto checks it when the configuration is saved).
  auto idp_key = saml::generate_signing_key(
      {.common_name = "IdP", .not_before = std::chrono::system_clock::now()});
  change.config = json::object{{"entityId", "https://idp.acme.test"},
                               {"signInEndpoint", "https://idp.acme.test/sso"},
                               {"x509Certificate", idp_key.certificate().pem()}};
  ASSERT_TRUE(h_.sso().create(change));
  EXPECT_EQ(key_of(h_.flow().refuse_sso_email("bob@ACME.test")), "session.sso_enabled");
  EXPECT_TRUE(h_.flow().refuse_sso_email("bob@other.test"));
  auto found = h_.flow().sso_connectors_for("bob@acme.test");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 1u);
  h_.configure({{"singleSignOnEnabled", false}});
  EXPECT_TRUE(h_.flow().refuse_sso_email("bob@acme.test"));
}

}  // namespace
}  // namespace latch::test
