#pragma once

// XML signatures (XML-DSig 1.1 as profiled by SAML core §5) and HTTP-Redirect query signatures
// (SAML bindings §3.4.4.1). xmlsec1 does all canonicalisation, digests and signature checks;
// this file decides which signatures are acceptable, so that a caller that reads only from the
// node verify_enveloped() returns cannot be fooled by signature wrapping.

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "saml/certificate.hpp"
#include "saml/xml.hpp"

namespace latch::saml {

// Algorithm identifiers (RFC 6931 §2.3.2, §2.3.6; XML-Enc §5.7.2; Exclusive C14N §3).
namespace alg {
inline constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr std::string_view kEcdsaSha256 =
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
inline constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr std::string_view kEnveloped =
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
}  // namespace alg

// True when `element` has a ds:Signature among its direct children.
bool has_signature(const xmlNode* element);

// Verifies the enveloped signature on `element` against `trusted` (any one may have signed)
// and returns `element` itself: the only node whose content the signature covers, which is the
// node the caller must read from. Accepted only when all of these hold (otherwise
// InvalidRequest):
//   - exactly one ds:Signature, a direct child of `element` (none: keys::kSignatureMissing);
//   - `element` has an ID attribute, registered as the document's XML ID for that value, so the
//     reference cannot resolve to another element (Document::parse refuses duplicate IDs);
//   - SignedInfo: exclusive c14n; RSA-SHA256 or ECDSA-SHA256 (SHA-1 and anything else:
//     keys::kUnsupportedAlgorithm); exactly one Reference, URI "#" + that ID, transforms only
//     enveloped-signature and exclusive c14n, digest SHA-256;
//   - xmlsec verifies the digest and the signature with one of `trusted`'s public keys (the
//     document's KeyInfo is ignored). Failures: keys::kSignatureInvalid.
// REQUIRES: `element` belongs to a Document made by Document::parse.
[[nodiscard]] Result<xmlNode*> verify_enveloped(xmlNode* element,
                                                std::span<const Certificate> trusted);

// Signs `element` (which must carry an ID attribute) with an enveloped signature: exclusive
// c14n, RSA-SHA256 (ECDSA-SHA256 for an EC key), SHA-256 digest, KeyInfo with the key's
// X509Certificate. The ds:Signature goes right after the element's saml:Issuer child, or first
// when there is none (SAML core §5.3's schema places it there). Sign the innermost element
// first (an Assertion before its Response). InvalidRequest when `element` has no ID or its ID
// is taken by another element; Internal when xmlsec fails.
[[nodiscard]] Result<void> sign_enveloped(xmlNode* element, const SigningKey& key);

// HTTP-Redirect binding (SAML bindings §3.4.4.1). `query` is the URL-encoded
// "SAMLRequest=…[&RelayState=…]" (or SAMLResponse); returns it with "&SigAlg=…&Signature=…"
// appended, signed with RSA-SHA256 over exactly those bytes. InvalidRequest
// (keys::kUnsupportedAlgorithm) for a non-RSA key.
[[nodiscard]] Result<std::string> sign_redirect_query(std::string_view query,
                                                      const SigningKey& key);

// Verifies the signature of a received HTTP-Redirect query string `raw_query` (as it arrived,
// still URL-encoded, without the '?'): the octets signed are rebuilt from the raw
// SAMLRequest/SAMLResponse, RelayState and SigAlg values in that order (§3.4.4.1). Errors
// (InvalidRequest): no Signature or SigAlg (keys::kSignatureMissing), SigAlg other than
// RSA-SHA256 (keys::kUnsupportedAlgorithm), a malformed query (keys::kBadEncoding), a signature
// none of `trusted` made (keys::kSignatureInvalid).
[[nodiscard]] Result<void> verify_redirect_query(std::string_view raw_query,
                                                 std::span<const Certificate> trusted);

}  // namespace latch::saml
