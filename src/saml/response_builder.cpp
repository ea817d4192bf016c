// SAML core §3.3.3 (Response), §2.3.3 (Assertion); profiles §4.1.4.2 (what Web SSO requires).
#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"
#include "saml/xml_builder.hpp"

namespace latch::saml {
namespace {

using detail::add_child;
using detail::set_attr;

void add_subject(xmlNode* assertion, const ResponseParams& params) {
  xmlNode* subject = add_child(assertion, ns::kAssertion, "Subject");
  xmlNode* name_id = add_child(subject, ns::kAssertion, "NameID", params.name_id);
  set_attr(name_id, "Format", params.name_id_format);
  xmlNode* confirmation = add_child(subject, ns::kAssertion, "SubjectConfirmation");
  set_attr(confirmation, "Method", uri::kBearer);
  xmlNode* data = add_child(confirmation, ns::kAssertion, "SubjectConfirmationData");
  if (!params.in_response_to.empty()) {
    set_attr(data, "InResponseTo", params.in_response_to);
  }
  set_attr(data, "NotOnOrAfter", format_instant(params.issue_instant + params.lifetime));
  set_attr(data, "Recipient", params.acs_url);
}

void add_conditions(xmlNode* assertion, const ResponseParams& params) {
  xmlNode* conditions = add_child(assertion, ns::kAssertion, "Conditions");
  set_attr(conditions, "NotBefore", format_instant(params.issue_instant));
  set_attr(conditions, "NotOnOrAfter", format_instant(params.issue_instant + params.lifetime));
  xmlNode* restriction = add_child(conditions, ns::kAssertion, "AudienceRestriction");
  add_child(restriction, ns::kAssertion, "Audience", params.audience);
}

void add_authn_statement(xmlNode* assertion, const ResponseParams& params) {
  xmlNode* statement = add_child(assertion, ns::kAssertion, "AuthnStatement");
  set_attr(statement, "AuthnInstant", format_instant(params.authn_instant));
  if (!params.session_index.empty()) {
    set_attr(statement, "SessionIndex", params.session_index);
  }
  xmlNode* context = add_child(statement, ns::kAssertion, "AuthnContext");
  add_child(context, ns::kAssertion, "AuthnContextClassRef", params.authn_context_class);
}

void add_attributes(xmlNode* assertion, const std::vector<Attribute>& attributes) {
  if (attributes.empty()) {
    return;
  }
  xmlNode* statement = add_child(assertion, ns::kAssertion, "AttributeStatement");
  for (const Attribute& attribute : attributes) {
    xmlNode* node = add_child(statement, ns::kAssertion, "Attribute");
    set_attr(node, "Name", attribute.name);
    set_attr(node, "NameFormat", attribute.name_format);
    for (const std::string& value : attribute.values) {
      xmlNode* value_node = add_child(node, ns::kAssertion, "AttributeValue", value);
      detail::set_ns_attr(value_node, ns::kXsi, "type", "xs:string");
    }
  }
}

xmlNode* add_assertion(xmlNode* response, const ResponseParams& params) {
  xmlNode* assertion = add_child(response, ns::kAssertion, "Assertion");
  detail::declare_ns(assertion, ns::kXs, "xs");
  detail::declare_ns(assertion, ns::kXsi, "xsi");
  set_attr(assertion, "ID", params.assertion_id);
  set_attr(assertion, "Version", "2.0");
  set_attr(assertion, "IssueInstant", format_instant(params.issue_instant));
  add_child(assertion, ns::kAssertion, "Issuer", params.issuer);
  add_subject(assertion, params);
  add_conditions(assertion, params);
  add_authn_statement(assertion, params);
  add_attributes(assertion, params.attributes);
  return assertion;
}

}  // namespace

Result<std::string> build_response(const ResponseParams& params, const SigningKey& key) {
  Document doc = Document::create();
  xmlNode* root = detail::make_root(doc, ns::kProtocol, "samlp", "Response");
  detail::declare_ns(root, ns::kAssertion, "saml");
  set_attr(root, "ID", params.response_id);
  set_attr(root, "Version", "2.0");
  set_attr(root, "IssueInstant", format_instant(params.issue_instant));
  set_attr(root, "Destination", params.acs_url);
  if (!params.in_response_to.empty()) {
    set_attr(root, "InResponseTo", params.in_response_to);
  }
  add_child(root, ns::kAssertion, "Issuer", params.issuer);
  xmlNode* status = add_child(root, ns::kProtocol, "Status");
  set_attr(add_child(status, ns::kProtocol, "StatusCode"), "Value", uri::kStatusSuccess);
  xmlNode* assertion = add_assertion(root, params);
  if (auto signed_assertion = sign_enveloped(assertion, key); !signed_assertion) {
    return signed_assertion.error();
  }
  if (params.sign_response) {
    if (auto signed_response = sign_enveloped(root, key); !signed_response) {
      return signed_response.error();
    }
  }
  return doc.serialize();
}

}  // namespace latch::saml
