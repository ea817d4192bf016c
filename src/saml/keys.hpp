#pragma once

#include <string_view>

// The stable Error keys of the SAML library (see Error::key). Callers branch on these, never on
// an Error's words; the SSO connector and SAML apps map them to what their surfaces show.
namespace latch::saml::keys {

// Parsing and encoding (xml.hpp, binding.hpp).
inline constexpr std::string_view kMalformedXml = "saml.malformed_xml";
inline constexpr std::string_view kDoctype = "saml.doctype_refused";
inline constexpr std::string_view kDuplicateId = "saml.duplicate_id";
inline constexpr std::string_view kTooLarge = "saml.too_large";
inline constexpr std::string_view kBadEncoding = "saml.bad_encoding";  // base64, DEFLATE, query
// Certificates and keys (certificate.hpp).
inline constexpr std::string_view kInvalidCertificate = "saml.invalid_certificate";
inline constexpr std::string_view kInvalidKey = "saml.invalid_key";
// Signatures (signature.hpp).
inline constexpr std::string_view kSignatureMissing = "saml.signature_missing";
inline constexpr std::string_view kSignatureInvalid = "saml.signature_invalid";
inline constexpr std::string_view kUnsupportedAlgorithm = "saml.unsupported_algorithm";
// Messages (messages.hpp).
inline constexpr std::string_view kInvalidMessage = "saml.invalid_message";  // shape
inline constexpr std::string_view kStatusNotSuccess = "saml.status_not_success";
inline constexpr std::string_view kIssuerMismatch = "saml.issuer_mismatch";
inline constexpr std::string_view kDestinationMismatch = "saml.destination_mismatch";
inline constexpr std::string_view kAudienceMismatch = "saml.audience_mismatch";
inline constexpr std::string_view kExpired = "saml.expired";
inline constexpr std::string_view kNotYetValid = "saml.not_yet_valid";
inline constexpr std::string_view kInResponseToMismatch = "saml.in_response_to_mismatch";
// Metadata (metadata.hpp).
inline constexpr std::string_view kInvalidMetadata = "saml.invalid_metadata";

}  // namespace latch::saml::keys
