// SAML Response parsing and validation (src/saml: Document::parse, verify_enveloped,
// parse_response), with the metadata and AuthnRequest readers and the POST binding decoder on
// the same bytes. The bytes are a Response's XML, checked against fuzz_saml.hpp's fixed IdP
// certificate and SP expectations (the committed seeds are Responses that key signed).
//   - every reader returns a value or an InvalidRequest/PayloadTooLarge error with a "saml."
//     key, never throws, never crashes;
//   - an accepted Response names the expected issuer, a NameID and an assertion ID, and expires
//     after `now` less the skew;
//   - an accepted Response still verifies after a serialise → parse round trip of its Document;
//   - base64 of the bytes decodes back to the bytes through post_decode.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "saml/binding.hpp"
#include "saml/messages.hpp"
#include "saml/metadata.hpp"
#include "support/fuzz_check.hpp"
#include "support/fuzz_saml.hpp"

namespace latch::fuzz {
namespace {

bool documented(const Error& error) {
  return (error.code == Errc::InvalidRequest || error.code == Errc::PayloadTooLarge) &&
         error.key.rfind("saml.", 0) == 0;
}

void check_response(std::string_view xml) {
  const saml::ResponseCheck check = saml_check();
  const auto result = saml::parse_response(xml, check);
  if (!result) {
    FUZZ_CHECK(documented(result.error()));
    return;
  }
  FUZZ_CHECK(result->issuer == kSamlIdp);
  FUZZ_CHECK(!result->name_id.empty() && !result->assertion_id.empty());
  FUZZ_CHECK(result->expires_at > check.now - check.clock_skew);
  auto doc = saml::Document::parse(xml);
  FUZZ_CHECK(doc.has_value());
  FUZZ_CHECK(saml::parse_response(doc->serialize(), check).has_value());
}

template <class T>
void check_reader(const Result<T>& result) {
  FUZZ_CHECK(result || documented(result.error()));
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace latch;
  const std::string_view xml = fuzz::as_text(data, size);
  fuzz::check_response(xml);
  fuzz::check_reader(saml::parse_idp_metadata(xml));
  fuzz::check_reader(saml::parse_sp_metadata(xml));
  fuzz::check_reader(saml::parse_authn_request(xml));
  if (size < 64 * 1024) {
    const auto decoded = saml::post_decode(saml::post_encode(xml));
    FUZZ_CHECK(decoded && *decoded == xml);
  }
  return 0;
}
