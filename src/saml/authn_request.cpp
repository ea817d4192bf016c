// SAML core §3.4.1: the AuthnRequest; profiles §4.1.4.1 for what Web SSO puts in it.
#include "crypto/random.hpp"
#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"
#include "saml/xml_builder.hpp"

namespace latch::saml {
namespace {

Error invalid_message(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kInvalidMessage, std::move(detail));
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char byte : bytes) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xf];
  }
  return out;
}

}  // namespace

std::string new_message_id() { return "_" + hex(crypto::random_bytes(20)); }

std::string build_authn_request(const AuthnRequest& request) {
  Document doc = Document::create();
  xmlNode* root = detail::make_root(doc, ns::kProtocol, "samlp", "AuthnRequest");
  detail::declare_ns(root, ns::kAssertion, "saml");
  detail::set_attr(root, "ID", request.id);
  detail::set_attr(root, "Version", "2.0");
  detail::set_attr(root, "IssueInstant", format_instant(request.issue_instant));
  detail::set_attr(root, "Destination", request.destination);
  if (!request.acs_url.empty()) {
    detail::set_attr(root, "AssertionConsumerServiceURL", request.acs_url);
  }
  detail::set_attr(root, "ProtocolBinding", request.protocol_binding);
  if (request.force_authn) {
    detail::set_attr(root, "ForceAuthn", "true");
  }
  detail::add_child(root, ns::kAssertion, "Issuer", request.issuer);
  if (!request.name_id_format.empty()) {
    xmlNode* policy = detail::add_child(root, ns::kProtocol, "NameIDPolicy");
    detail::set_attr(policy, "Format", request.name_id_format);
    detail::set_attr(policy, "AllowCreate", "true");
  }
  return doc.serialize();
}

Result<AuthnRequest> parse_authn_request(std::string_view xml,
                                         std::span<const Certificate> trusted) {
  auto doc = Document::parse(xml);
  if (!doc) {
    return doc.error();
  }
  xmlNode* root = doc->root();
  if (!is_element(root, ns::kProtocol, "AuthnRequest") || attribute(root, "Version") != "2.0") {
    return invalid_message("not a SAML 2.0 AuthnRequest");
  }
  if (!trusted.empty()) {
    if (auto verified = verify_enveloped(root, trusted); !verified) {
      return verified.error();
    }
  }
  const auto id = attribute(root, "ID");
  const auto instant = parse_instant(attribute(root, "IssueInstant").value_or(""));
  const xmlNode* issuer = first_child(root, ns::kAssertion, "Issuer");
  if (!id || id->empty() || !instant || !issuer || text(issuer).empty()) {
    return invalid_message("the AuthnRequest lacks its ID, IssueInstant or Issuer");
  }
  const std::string force = attribute(root, "ForceAuthn").value_or("false");
  const xmlNode* policy = first_child(root, ns::kProtocol, "NameIDPolicy");
  return AuthnRequest{
      .id = *id,
      .issue_instant = *instant,
      .issuer = text(issuer),
      .destination = attribute(root, "Destination").value_or(""),
      .acs_url = attribute(root, "AssertionConsumerServiceURL").value_or(""),
      .protocol_binding = attribute(root, "ProtocolBinding").value_or(std::string(uri::kHttpPost)),
      .name_id_format = policy ? attribute(policy, "Format").value_or("") : "",
      .force_authn = force == "true" || force == "1",
  };
}

}  // namespace latch::saml
