#pragma once

#include <chrono>

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/sso/sso_connector.hpp"
#include "saml/certificate.hpp"
#include "saml/metadata.hpp"

// The SAML SSO connector (Logto's SamlConnector and SamlSsoConnector; providers SAML and
// AzureAD): Latch as a SAML 2.0 service provider (SAML profiles §4.1, Web Browser SSO). The
// AuthnRequest goes out by HTTP-Redirect (signed when the configuration says signAuthnRequest),
// the Response comes back by HTTP-POST to the ACS and is verified with saml::parse_response
// against the IdP's certificates: a signed Response or Assertion, Issuer, Destination and
// Recipient, Audience, the time windows and InResponseTo.
namespace latch::connectors::sso {

// What the connector is as an SP; derived from Latch's endpoint and the connector's id.
struct SamlSp {
  std::string entity_id;                        // saml_sp_entity_id()
  std::string acs_url;                          // saml_acs_url()
  std::optional<saml::SigningKey> signing_key;  // the connector's active signing key, if any
};

// Logto's buildSpEntityId: `${endpoint}/enterprise-sso/${id}`.
std::string saml_sp_entity_id(std::string_view endpoint, std::string_view connector_id);
// Logto's buildAssertionConsumerServiceUrl: `${endpoint}/api/authn/single-sign-on/saml/${id}`.
std::string saml_acs_url(std::string_view endpoint, std::string_view connector_id);

// The IdP the configuration (as SamlSsoProvider::validate left it) describes: its metadata
// XML, the metadata at metadataUrl (fetched through the outbound client, cached ten minutes),
// or entityId + signInEndpoint + x509Certificate. InvalidRequest connector.invalid_config for
// metadata that does not parse or a bad certificate; Unavailable connector.unavailable when the
// metadata URL cannot be fetched. `max_age`: how old a cached copy may be (a caller that just
// saw a signature fail asks for a younger one: the IdP may have rotated its certificate).
// Blocking.
[[nodiscard]] Result<saml::IdpMetadata> saml_idp_metadata(
    const boost::json::object& config, const ConnectorEnv& env,
    std::chrono::seconds max_age = std::chrono::minutes(10));

// Logto's SamlMetadata, the connector's providerConfig: defaultAttributeMapping,
// serviceProvider {entityId, assertionConsumerServiceUrl}, and identityProvider {entityId,
// signInEndpoint, x509Certificate, certificateExpiresAt, isCertificateValid} when the IdP's
// metadata can be read. Blocking.
boost::json::object saml_provider_config(const boost::json::object& config, const ConnectorEnv& env,
                                         const SamlSp& sp);

// The SP's metadata XML (an EntityDescriptor with the ACS and, when there is one, the signing
// certificate; AuthnRequestsSigned as the configuration's signAuthnRequest).
std::string saml_sp_metadata(const boost::json::object& config, const SamlSp& sp);

// The connector for one sign-in. verify() takes the Response XML as data["SAMLResponse"]
// (decoded from the ACS's form) and the session's request_id (empty: IdP-initiated, where the
// Response must carry no InResponseTo); the returned SsoUserInfo carries the assertion's ID and
// expiry for the caller's replay check. REQUIRES: `config` passed SamlSsoProvider::validate.
std::unique_ptr<SsoConnector> make_saml_connector(const boost::json::object& config,
                                                  const ConnectorEnv& env, SamlSp sp);

}  // namespace latch::connectors::sso
