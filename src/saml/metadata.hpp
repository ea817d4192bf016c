#pragma once

// SAML metadata (SAML metadata §2.3.2 EntityDescriptor, §2.4.3 IDPSSODescriptor, §2.4.4
// SPSSODescriptor, §2.4.1.1 KeyDescriptor): what Latch publishes as an SP (per SSO connector)
// and as an IdP (per SAML app), and what it reads from an IdP. Stateless; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "saml/certificate.hpp"

namespace latch::saml {

// An SP's metadata, as an SSO connector publishes it.
struct SpMetadata {
  std::string entity_id;
  std::string acs_url;  // AssertionConsumerService, HTTP-POST, index 0
  std::vector<std::string> name_id_formats;
  std::optional<Certificate> signing_certificate;     // KeyDescriptor use="signing"
  std::optional<Certificate> encryption_certificate;  // KeyDescriptor use="encryption"
  bool authn_requests_signed = false;
  bool want_assertions_signed = true;
};

// An IdP's metadata: what a SAML app publishes, and what parse_idp_metadata() reads.
struct IdpMetadata {
  std::string entity_id;
  std::string sso_redirect_url;                   // SingleSignOnService, HTTP-Redirect; empty: none
  std::string sso_post_url;                       // SingleSignOnService, HTTP-POST; empty: none
  std::vector<Certificate> signing_certificates;  // KeyDescriptor use="signing" or no use
  std::vector<std::string> name_id_formats;
  bool want_authn_requests_signed = false;
};

// The EntityDescriptor XML. REQUIRES: entity_id and acs_url are not empty.
std::string build_sp_metadata(const SpMetadata& metadata);
// The EntityDescriptor XML with the first signing certificate. REQUIRES: entity_id and at
// least one SSO URL are not empty.
std::string build_idp_metadata(const IdpMetadata& metadata);

// Reads an IdP's metadata: an EntityDescriptor with an IDPSSODescriptor supporting SAML 2.0
// (or an EntitiesDescriptor holding exactly one such). InvalidRequest: Document::parse's
// errors; keys::kInvalidMetadata for no entityID, no SAML 2.0 IDPSSODescriptor, no
// SingleSignOnService for Redirect or POST, no signing certificate, or a malformed one
// (keys::kInvalidCertificate). The metadata's own signature is not checked: an administrator
// supplies it.
[[nodiscard]] Result<IdpMetadata> parse_idp_metadata(std::string_view xml);
// Reads an SP's metadata (for a SAML app): entityID, the first HTTP-POST ACS, certificates,
// NameIDFormats. Errors as parse_idp_metadata(), for an SPSSODescriptor.
[[nodiscard]] Result<SpMetadata> parse_sp_metadata(std::string_view xml);

}  // namespace latch::saml
