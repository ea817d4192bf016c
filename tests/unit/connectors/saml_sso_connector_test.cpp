// The SAML SSO connector (Logto's SamlConnector): the SP it presents, the AuthnRequest it sends
// by HTTP-Redirect (signed when asked), and the Response it accepts, mapped to a person as
// Logto maps SAML attributes. The IdP is the SAML library's own Response builder with a key
// generated here; the IdP's metadata is the manual configuration shape.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "connectors/sso/saml_sso_connector.hpp"
#include "saml/binding.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"
#include "support/fake_clock.hpp"

namespace latch::connectors::sso {
namespace {

namespace json = boost::json;

constexpr const char* kIdpEntity = "https://idp.example/saml";
constexpr const char* kIdpSso = "https://idp.example/sso";

class SamlSsoConnectorTest : public ::testing::Test {
 protected:
  SamlSsoConnectorTest()
      : key_(saml::generate_signing_key(
            {.common_name = "IdP", .not_before = clock_.now() - std::chrono::hours(1)})),
        sp_{saml_sp_entity_id("https://latch.test", "c1"),
            saml_acs_url("https://latch.test", "c1"),
            {}} {}

  json::object config(json::object extra = {}) const {
    json::object out{{"entityId", kIdpEntity},
                     {"signInEndpoint", kIdpSso},
                     {"x509Certificate", key_.certificate().pem()}};
    for (const auto& [k, v] : extra) out[k] = v;
    return out;
  }

  std::unique_ptr<SsoConnector> connector(json::object extra = {}) const {
    return make_saml_connector(config(std::move(extra)),
                               ConnectorEnv{clock_, std::chrono::milliseconds(1000)}, sp_);
  }

  saml::ResponseParams response_to(const std::string& request_id) const {
    return {.response_id = saml::new_message_id(),
            .assertion_id = saml::new_message_id(),
            .issue_instant = clock_.now(),
            .issuer = kIdpEntity,
            .acs_url = sp_.acs_url,
            .in_response_to = request_id,
            .audience = sp_.entity_id,
            .name_id = "00u1abc",
            .authn_instant = clock_.now(),
            .session_index = "s1",
            .attributes = {{.name = "email", .values = {"alice@acme.test"}},
                           {.name = "displayName", .values = {"Alice Acme"}},
                           {.name = "groups", .values = {"admins", "staff"}}}};
  }

  CallbackParams posted(const saml::ResponseParams& params) const {
    auto xml = saml::build_response(params, key_);
    EXPECT_TRUE(xml);
    return {{"SAMLResponse", xml ? *xml : ""}};
  }

  test::FakeClock clock_;
  saml::SigningKey key_;
  SamlSp sp_;
};

TEST_F(SamlSsoConnectorTest, TheSpIsNamedAsLogtoNamesIt) {
  EXPECT_EQ(sp_.entity_id, "https://latch.test/enterprise-sso/c1");
  EXPECT_EQ(sp_.acs_url, "https://latch.test/api/authn/single-sign-on/saml/c1");
  auto published =
      saml_provider_config(config(), ConnectorEnv{clock_, std::chrono::milliseconds(1000)}, sp_);
  EXPECT_EQ(published.at("serviceProvider").at("entityId"), json::value(sp_.entity_id));
  EXPECT_EQ(published.at("serviceProvider").at("assertionConsumerServiceUrl"),
            json::value(sp_.acs_url));
  EXPECT_EQ(published.at("defaultAttributeMapping"),
            (json::object{{"id", "nameID"}, {"email", "email"}, {"name", "name"}}));
  const auto& idp = published.at("identityProvider").as_object();
  EXPECT_EQ(idp.at("entityId"), kIdpEntity);
  EXPECT_EQ(idp.at("signInEndpoint"), kIdpSso);
  EXPECT_TRUE(idp.at("isCertificateValid").as_bool());
  EXPECT_GT(idp.at("certificateExpiresAt").as_int64(), 0);
  // A configuration whose IdP cannot be read still shows the SP.
  auto bare = saml_provider_config(json::object{},
                                   ConnectorEnv{clock_, std::chrono::milliseconds(1000)}, sp_);
  EXPECT_TRUE(bare.contains("serviceProvider"));
  EXPECT_FALSE(bare.contains("identityProvider"));
}

TEST_F(SamlSsoConnectorTest, TheAuthnRequestGoesByRedirectWithTheRelayState) {
  SsoSession session;
  session.relay_state = "relay-1";
  auto uri = connector()->authorization_uri(session);
  ASSERT_TRUE(uri) << uri.error().detail;
  ASSERT_TRUE(uri->starts_with(std::string(kIdpSso) + "?SAMLRequest="));
  auto message = saml::decode_redirect(uri->substr(uri->find('?') + 1));
  ASSERT_TRUE(message);
  EXPECT_EQ(message->relay_state, "relay-1");
  EXPECT_FALSE(message->is_signed);
  auto request = saml::parse_authn_request(message->xml);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->id, session.request_id);
  EXPECT_EQ(request->issuer, sp_.entity_id);
  EXPECT_EQ(request->acs_url, sp_.acs_url);
  EXPECT_EQ(request->destination, kIdpSso);
}

TEST_F(SamlSsoConnectorTest, ASignedRequestNeedsAKeyAndVerifiesWithItsCertificate) {
  SsoSession session;
  auto refused = connector({{"signAuthnRequest", true}})->authorization_uri(session);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "single_sign_on.active_signing_key_required");

  sp_.signing_key = saml::generate_signing_key({.common_name = "SP", .not_before = clock_.now()});
  auto uri = connector({{"signAuthnRequest", true}})->authorization_uri(session);
  ASSERT_TRUE(uri);
  std::string query = uri->substr(uri->find('?') + 1);
  std::vector<saml::Certificate> trusted{sp_.signing_key->certificate()};
  EXPECT_TRUE(saml::verify_redirect_query(query, trusted));
  EXPECT_NE(saml_sp_metadata(config({{"signAuthnRequest", true}}), sp_)
                .find("AuthnRequestsSigned=\"true\""),
            std::string::npos);
}

TEST_F(SamlSsoConnectorTest, AResponseToTheRequestNamesThePersonWithLogtosDefaults) {
  SsoSession session;
  session.request_id = "_req1";
  auto user = connector()->verify(posted(response_to("_req1")), session);
  ASSERT_TRUE(user) << user.error().key << " " << user.error().detail;
  EXPECT_EQ(user->issuer, kIdpEntity);
  EXPECT_EQ(user->subject, "00u1abc");  // nameID
  EXPECT_EQ(user->email, "alice@acme.test");
  EXPECT_EQ(user->name, "");  // the default maps "name", which this IdP does not send
  EXPECT_EQ(user->raw.at("groups"), (json::array{"admins", "staff"}));
  EXPECT_EQ(user->raw.at("nameID"), "00u1abc");
  EXPECT_FALSE(user->assertion_id.empty());
  EXPECT_GT(user->assertion_expires_at, 0);
}

TEST_F(SamlSsoConnectorTest, TheAttributeMappingAndEntrasClaimUrisAreRead) {
  SsoSession session;
  session.request_id = "_req1";
  auto mapped = connector({{"attributeMapping", {{"id", "email"}, {"name", "displayName"}}}})
                    ->verify(posted(response_to("_req1")), session);
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->subject, "alice@acme.test");
  EXPECT_EQ(mapped->name, "Alice Acme");

  auto entra = response_to("_req1");
  entra.attributes = {
      {.name = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
       .values = {"bob@acme.test"}},
      {.name = "http://schemas.microsoft.com/identity/claims/displayname", .values = {"Bob"}}};
  auto user = connector()->verify(posted(entra), session);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->email, "bob@acme.test");
  EXPECT_EQ(user->name, "Bob");
}

TEST_F(SamlSsoConnectorTest, TheLibrarysRefusalsKeepTheirKeys) {
  SsoSession session;
  session.request_id = "_req1";
  auto other_request = connector()->verify(posted(response_to("_req2")), session);
  ASSERT_FALSE(other_request);
  EXPECT_EQ(other_request.error().key, "saml.in_response_to_mismatch");

  auto late = response_to("_req1");
  clock_.advance(std::chrono::minutes(30));
  auto expired = connector()->verify(posted(late), session);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().key, "saml.expired");

  auto none = connector()->verify({}, session);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "session.connector_session_not_found");
  // IdP-initiated (no request): a Response that answers one is refused.
  auto unsolicited = connector()->verify(posted(response_to("_req1")), SsoSession{});
  ASSERT_FALSE(unsolicited);
  EXPECT_EQ(unsolicited.error().key, "saml.in_response_to_mismatch");
}

TEST_F(SamlSsoConnectorTest, BadIdpMetadataIsAConfigurationError) {
  auto broken = saml_idp_metadata(json::object{{"metadata", "<nope"}},
                                  ConnectorEnv{clock_, std::chrono::milliseconds(1000)});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().key, "connector.invalid_config");
  auto no_cert = saml_idp_metadata(
      json::object{{"entityId", "e"}, {"signInEndpoint", "https://x"}, {"x509Certificate", "x"}},
      ConnectorEnv{clock_, std::chrono::milliseconds(1000)});
  ASSERT_FALSE(no_cert);
  EXPECT_EQ(no_cert.error().key, "connector.invalid_config");
}

}  // namespace
}  // namespace latch::connectors::sso
