#pragma once

// SAML 2.0 protocol messages for Web Browser SSO (SAML profiles §4.1): the AuthnRequest an SP
// sends, the Response with a signed Assertion an IdP returns, and the SP's validation of that
// Response. Stateless functions; thread-safe. The caller keeps state: the request ID it sent
// (to match InResponseTo) and the assertion IDs it accepted (to refuse a replay until expiry).

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "saml/certificate.hpp"
#include "saml/instant.hpp"
#include "saml/xml.hpp"

namespace latch::saml {

// SAML core §8.3 name identifier formats; bindings §3.4, §3.5 URIs; core §3.2.2.2 status.
namespace uri {
inline constexpr std::string_view kNameIdUnspecified =
    "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
inline constexpr std::string_view kNameIdEmail =
    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
inline constexpr std::string_view kNameIdPersistent =
    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
inline constexpr std::string_view kNameIdTransient =
    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
inline constexpr std::string_view kHttpRedirect =
    "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
inline constexpr std::string_view kHttpPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
inline constexpr std::string_view kStatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
inline constexpr std::string_view kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
inline constexpr std::string_view kAttrNameBasic =
    "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
inline constexpr std::string_view kPasswordProtectedTransport =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
}  // namespace uri

// A fresh message or assertion ID: '_' and 40 random hex digits (an xs:ID, SAML core §1.3.4).
std::string new_message_id();

// An AuthnRequest (SAML core §3.4.1) as built or as parsed.
struct AuthnRequest {
  std::string id;
  Instant issue_instant;
  std::string issuer;       // the SP's entity ID
  std::string destination;  // the IdP's SSO service URL
  std::string acs_url;      // AssertionConsumerServiceURL; may be empty when parsed
  std::string protocol_binding{uri::kHttpPost};
  std::string name_id_format;  // NameIDPolicy/@Format; empty: no NameIDPolicy
  bool force_authn = false;
};

// The request as XML, unsigned: the HTTP-Redirect binding signs the query
// (sign_redirect_query); for HTTP-POST, parse it and sign_enveloped() the root.
std::string build_authn_request(const AuthnRequest& request);

// Parses an AuthnRequest (the IdP side). When `trusted` is not empty the request must carry an
// enveloped signature by one of them (HTTP-POST; a Redirect request's signature is on the
// query: verify_redirect_query). Errors: those of Document::parse and verify_enveloped;
// InvalidRequest keys::kInvalidMessage when the root is not a SAML 2.0 AuthnRequest or its ID,
// IssueInstant or Issuer is missing.
[[nodiscard]] Result<AuthnRequest> parse_authn_request(std::string_view xml,
                                                       std::span<const Certificate> trusted = {});

// A SAML attribute (SAML core §2.7.3.1) with its string values.
struct Attribute {
  std::string name;
  std::string name_format{uri::kAttrNameBasic};
  std::vector<std::string> values;
};

// What an IdP puts in a Response (profiles §4.1.4.2).
struct ResponseParams {
  std::string response_id;             // new_message_id()
  std::string assertion_id;            // new_message_id()
  Instant issue_instant;               // also NotBefore and the bearer confirmation's start
  std::chrono::seconds lifetime{300};  // NotOnOrAfter of the Conditions and the confirmation
  std::string issuer;                  // the IdP's entity ID
  std::string acs_url;                 // Destination and Recipient
  std::string in_response_to;          // the AuthnRequest's ID; empty when IdP-initiated
  std::string audience;                // the SP's entity ID
  std::string name_id;
  std::string name_id_format{uri::kNameIdUnspecified};
  Instant authn_instant;
  std::string session_index;
  std::string authn_context_class{uri::kPasswordProtectedTransport};
  std::vector<Attribute> attributes;
  bool sign_response = false;  // sign the Response too; the Assertion always is
};

// A Success Response carrying one Assertion signed with `key` (and the Response itself when
// params.sign_response), serialized. Internal when signing fails.
[[nodiscard]] Result<std::string> build_response(const ResponseParams& params,
                                                 const SigningKey& key);

// Which signatures an SP requires on a Response; at least one is always required.
enum class RequiredSignature { Either, Assertion, Response, Both };

// What the SP expects of a Response.
struct ResponseCheck {
  std::string idp_entity_id;
  std::vector<Certificate> idp_certificates;  // any one may have signed
  std::string acs_url;                        // our ACS URL: Destination and Recipient
  std::string sp_entity_id;                   // our entity ID: the Audience
  // The ID of the AuthnRequest we sent; nullopt for IdP-initiated SSO, where the Response and
  // its confirmation must carry no InResponseTo.
  std::optional<std::string> in_response_to;
  RequiredSignature required_signature = RequiredSignature::Either;
  Instant now;
  std::chrono::seconds clock_skew{60};
  ParseLimits limits;
};

// What a valid Response says, read only from verified nodes.
struct VerifiedAssertion {
  std::string issuer;
  std::string name_id;
  std::string name_id_format;  // empty when the NameID has none
  std::vector<Attribute> attributes;
  std::string session_index;  // empty when absent
  std::string assertion_id;   // store until expires_at and refuse it again: no replay
  Instant expires_at;         // the earliest NotOnOrAfter of the Conditions and confirmation
};

// Validates a Response (SAML core §3.3.3, profiles §4.1.4.3) against `check`. InvalidRequest
// with, by key: Document::parse's; keys::kInvalidMessage (not a Response, not exactly one
// Assertion as a direct child of the Response, an EncryptedAssertion, no NameID, no bearer
// confirmation, no AuthnStatement or AudienceRestriction); keys::kStatusNotSuccess (detail:
// the status code); keys::kSignatureMissing / verify_enveloped's errors; keys::kIssuerMismatch;
// keys::kDestinationMismatch (Destination or Recipient is not acs_url); keys::kAudienceMismatch;
// keys::kExpired / keys::kNotYetValid (outside the windows widened by clock_skew);
// keys::kInResponseToMismatch.
[[nodiscard]] Result<VerifiedAssertion> parse_response(std::string_view xml,
                                                       const ResponseCheck& check);

}  // namespace latch::saml
