// SAML core §3.3.3 and profiles §4.1.4.3: what an SP checks before it trusts a Response. Data
// is read only from the node verify_enveloped() returned (or the one Assertion inside a
// verified Response), never by searching the document again.
#include <algorithm>

#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/signature.hpp"

namespace latch::saml {
namespace {

Error fail(std::string_view key, std::string detail) {
  return keyed_error(Errc::InvalidRequest, key, std::move(detail));
}

std::optional<Instant> instant_attribute(const xmlNode* node, std::string_view name) {
  const auto value = attribute(node, name);
  return value ? parse_instant(*value) : std::nullopt;
}

// Status (§3.2.2): only a top-level Success goes on.
Result<void> check_status(const xmlNode* response) {
  const xmlNode* code =
      first_child(first_child(response, ns::kProtocol, "Status"), ns::kProtocol, "StatusCode");
  const std::string value = code ? attribute(code, "Value").value_or("") : "";
  if (value != uri::kStatusSuccess) {
    return fail(keys::kStatusNotSuccess, value.empty() ? "no StatusCode" : value);
  }
  return ok();
}

// The one Assertion, a direct child of the Response; any other Assertion anywhere (in
// Extensions, in a ds:Object, nested) is a wrapping attempt and refused.
Result<xmlNode*> the_assertion(xmlNode* response) {
  if (!descendants(response, ns::kAssertion, "EncryptedAssertion").empty()) {
    return fail(keys::kInvalidMessage, "encrypted assertions are not supported");
  }
  const auto all = descendants(response, ns::kAssertion, "Assertion");
  if (all.size() != 1 || all[0]->parent != response) {
    return fail(keys::kInvalidMessage, "the Response must hold exactly one Assertion");
  }
  return all[0];
}

bool wants(RequiredSignature required, RequiredSignature part) {
  return required == part || required == RequiredSignature::Both;
}

// Verifies whichever of the Response and the Assertion are signed, as `check` requires.
Result<void> check_signatures(xmlNode* response, xmlNode* assertion, const ResponseCheck& check) {
  const bool response_signed = has_signature(response);
  const bool assertion_signed = has_signature(assertion);
  if ((!response_signed && !assertion_signed) ||
      (!response_signed && wants(check.required_signature, RequiredSignature::Response)) ||
      (!assertion_signed && wants(check.required_signature, RequiredSignature::Assertion))) {
    return fail(keys::kSignatureMissing, "a required signature is missing");
  }
  if (response_signed) {
    if (auto verified = verify_enveloped(response, check.idp_certificates); !verified) {
      return verified.error();
    }
  }
  if (assertion_signed) {
    if (auto verified = verify_enveloped(assertion, check.idp_certificates); !verified) {
      return verified.error();
    }
  }
  return ok();
}

Result<void> check_in_response_to(const xmlNode* node, const ResponseCheck& check) {
  if (attribute(node, "InResponseTo") != check.in_response_to) {
    return fail(keys::kInResponseToMismatch, "InResponseTo is not the request we sent");
  }
  return ok();
}

// The Response's own attributes and Issuer (§3.2.2, bindings §3.5.5.2).
Result<void> check_envelope(const xmlNode* response, const ResponseCheck& check) {
  const xmlNode* issuer = first_child(response, ns::kAssertion, "Issuer");
  if (issuer && text(issuer) != check.idp_entity_id) {
    return fail(keys::kIssuerMismatch, "the Response's Issuer is not the IdP");
  }
  const auto destination = attribute(response, "Destination");
  if ((destination && *destination != check.acs_url) || (!destination && has_signature(response))) {
    return fail(keys::kDestinationMismatch, "Destination is not our ACS URL");
  }
  return check_in_response_to(response, check);
}

// A time window [not_before, not_on_or_after) widened by the skew on both sides.
Result<void> check_window(std::optional<Instant> not_before, std::optional<Instant> not_after,
                          const ResponseCheck& check) {
  if (not_before && check.now + check.clock_skew < *not_before) {
    return fail(keys::kNotYetValid, "not valid before " + format_instant(*not_before));
  }
  if (not_after && check.now - check.clock_skew >= *not_after) {
    return fail(keys::kExpired, "expired at " + format_instant(*not_after));
  }
  return ok();
}

// A bearer SubjectConfirmation for us (profiles §4.1.4.2): Recipient, NotOnOrAfter,
// InResponseTo. Returns its NotOnOrAfter.
Result<Instant> check_confirmation(const xmlNode* subject, const ResponseCheck& check) {
  for (const xmlNode* confirmation : children(subject, ns::kAssertion, "SubjectConfirmation")) {
    const xmlNode* data = first_child(confirmation, ns::kAssertion, "SubjectConfirmationData");
    if (attribute(confirmation, "Method") != uri::kBearer || !data) {
      continue;
    }
    const auto not_after = instant_attribute(data, "NotOnOrAfter");
    if (!not_after) {
      return fail(keys::kInvalidMessage, "the bearer confirmation has no NotOnOrAfter");
    }
    if (attribute(data, "Recipient") != check.acs_url) {
      return fail(keys::kDestinationMismatch, "Recipient is not our ACS URL");
    }
    if (auto window = check_window(instant_attribute(data, "NotBefore"), not_after, check);
        !window) {
      return window.error();
    }
    if (auto matched = check_in_response_to(data, check); !matched) {
      return matched.error();
    }
    return *not_after;
  }
  return fail(keys::kInvalidMessage, "no bearer SubjectConfirmation");
}

// Conditions (core §2.5): the time window and every AudienceRestriction naming us.
Result<std::optional<Instant>> check_conditions(const xmlNode* assertion,
                                                const ResponseCheck& check) {
  const xmlNode* conditions = first_child(assertion, ns::kAssertion, "Conditions");
  const auto restrictions = children(conditions, ns::kAssertion, "AudienceRestriction");
  if (!conditions || restrictions.empty()) {
    return fail(keys::kInvalidMessage, "no AudienceRestriction");
  }
  const auto not_after = instant_attribute(conditions, "NotOnOrAfter");
  if (auto window = check_window(instant_attribute(conditions, "NotBefore"), not_after, check);
      !window) {
    return window.error();
  }
  for (const xmlNode* restriction : restrictions) {
    bool named = false;
    for (const xmlNode* audience : children(restriction, ns::kAssertion, "Audience")) {
      named = named || text(audience) == check.sp_entity_id;
    }
    if (!named) {
      return fail(keys::kAudienceMismatch, "the Audience is not our entity ID");
    }
  }
  return not_after;
}

std::vector<Attribute> read_attributes(const xmlNode* assertion) {
  std::vector<Attribute> out;
  for (const xmlNode* statement : children(assertion, ns::kAssertion, "AttributeStatement")) {
    for (const xmlNode* node : children(statement, ns::kAssertion, "Attribute")) {
      Attribute attribute_out{.name = attribute(node, "Name").value_or(""),
                              .name_format = attribute(node, "NameFormat").value_or("")};
      for (const xmlNode* value : children(node, ns::kAssertion, "AttributeValue")) {
        attribute_out.values.push_back(text(value));
      }
      out.push_back(std::move(attribute_out));
    }
  }
  return out;
}

// The Assertion's content, once its signature (or its Response's) is verified.
Result<VerifiedAssertion> read_assertion(const xmlNode* assertion, const ResponseCheck& check) {
  const xmlNode* issuer = first_child(assertion, ns::kAssertion, "Issuer");
  if (!issuer || text(issuer) != check.idp_entity_id) {
    return fail(keys::kIssuerMismatch, "the Assertion's Issuer is not the IdP");
  }
  const xmlNode* subject = first_child(assertion, ns::kAssertion, "Subject");
  const xmlNode* name_id = first_child(subject, ns::kAssertion, "NameID");
  const xmlNode* authn = first_child(assertion, ns::kAssertion, "AuthnStatement");
  const auto id = attribute(assertion, "ID");
  if (!name_id || text(name_id).empty() || !authn || !id) {
    return fail(keys::kInvalidMessage, "the Assertion lacks its NameID or AuthnStatement");
  }
  auto confirmed_until = check_confirmation(subject, check);
  if (!confirmed_until) {
    return confirmed_until.error();
  }
  auto conditions_until = check_conditions(assertion, check);
  if (!conditions_until) {
    return conditions_until.error();
  }
  const Instant expires = conditions_until->value_or(*confirmed_until);
  return VerifiedAssertion{.issuer = text(issuer),
                           .name_id = text(name_id),
                           .name_id_format = attribute(name_id, "Format").value_or(""),
                           .attributes = read_attributes(assertion),
                           .session_index = attribute(authn, "SessionIndex").value_or(""),
                           .assertion_id = *id,
                           .expires_at = std::min(expires, *confirmed_until)};
}

}  // namespace

Result<VerifiedAssertion> parse_response(std::string_view xml, const ResponseCheck& check) {
  auto doc = Document::parse(xml, check.limits);
  if (!doc) {
    return doc.error();
  }
  xmlNode* response = doc->root();
  if (!is_element(response, ns::kProtocol, "Response") || attribute(response, "Version") != "2.0") {
    return fail(keys::kInvalidMessage, "not a SAML 2.0 Response");
  }
  if (auto status = check_status(response); !status) {
    return status.error();
  }
  auto assertion = the_assertion(response);
  if (!assertion) {
    return assertion.error();
  }
  if (auto signatures = check_signatures(response, *assertion, check); !signatures) {
    return signatures.error();
  }
  if (auto envelope = check_envelope(response, check); !envelope) {
    return envelope.error();
  }
  return read_assertion(*assertion, check);
}

}  // namespace latch::saml
