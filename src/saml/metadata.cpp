#include "saml/metadata.hpp"

#include "saml/keys.hpp"
#include "saml/messages.hpp"
#include "saml/xml.hpp"
#include "saml/xml_builder.hpp"

namespace latch::saml {
namespace {

using detail::add_child;
using detail::set_attr;

constexpr std::string_view kProtocolSupport = "urn:oasis:names:tc:SAML:2.0:protocol";

Error invalid(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kInvalidMetadata, std::move(detail));
}

xmlNode* new_descriptor(Document& doc, std::string_view entity_id, std::string_view role) {
  xmlNode* root = detail::make_root(doc, ns::kMetadata, "md", "EntityDescriptor");
  detail::declare_ns(root, ns::kDsig, "ds");
  set_attr(root, "entityID", entity_id);
  xmlNode* descriptor = add_child(root, ns::kMetadata, role);
  set_attr(descriptor, "protocolSupportEnumeration", kProtocolSupport);
  return descriptor;
}

void add_key(xmlNode* descriptor, const Certificate& certificate, std::string_view use) {
  xmlNode* key = add_child(descriptor, ns::kMetadata, "KeyDescriptor");
  set_attr(key, "use", use);
  xmlNode* info = add_child(key, ns::kDsig, "KeyInfo");
  xmlNode* data = add_child(info, ns::kDsig, "X509Data");
  add_child(data, ns::kDsig, "X509Certificate", certificate.base64_der());
}

void add_service(xmlNode* descriptor, std::string_view name, std::string_view binding,
                 std::string_view location) {
  xmlNode* service = add_child(descriptor, ns::kMetadata, name);
  set_attr(service, "Binding", binding);
  set_attr(service, "Location", location);
}

void add_formats(xmlNode* descriptor, const std::vector<std::string>& formats) {
  for (const std::string& format : formats) {
    add_child(descriptor, ns::kMetadata, "NameIDFormat", format);
  }
}

// The one EntityDescriptor: the root, or the single child of an EntitiesDescriptor root.
const xmlNode* entity_of(const Document& doc) {
  const xmlNode* root = doc.root();
  if (is_element(root, ns::kMetadata, "EntitiesDescriptor")) {
    const auto entities = children(root, ns::kMetadata, "EntityDescriptor");
    return entities.size() == 1 ? entities[0] : nullptr;
  }
  return is_element(root, ns::kMetadata, "EntityDescriptor") ? root : nullptr;
}

// The role descriptor `name` that supports SAML 2.0.
const xmlNode* role_of(const xmlNode* entity, std::string_view name) {
  for (const xmlNode* role : children(entity, ns::kMetadata, name)) {
    if (attribute(role, "protocolSupportEnumeration").value_or("").find(kProtocolSupport) !=
        std::string::npos) {
      return role;
    }
  }
  return nullptr;
}

// The certificates of the KeyDescriptors for `use` (one without a use serves both).
Result<std::vector<Certificate>> certificates_of(const xmlNode* role, std::string_view use) {
  std::vector<Certificate> out;
  for (const xmlNode* key : children(role, ns::kMetadata, "KeyDescriptor")) {
    const auto key_use = attribute(key, "use");
    if (key_use && *key_use != use) {
      continue;
    }
    const xmlNode* info = first_child(key, ns::kDsig, "KeyInfo");
    for (const xmlNode* data : children(info, ns::kDsig, "X509Data")) {
      for (const xmlNode* cert : children(data, ns::kDsig, "X509Certificate")) {
        auto parsed = Certificate::parse(text(cert));
        if (!parsed) {
          return parsed.error();
        }
        out.push_back(std::move(*parsed));
      }
    }
  }
  return out;
}

std::string location_for(const xmlNode* role, std::string_view service, std::string_view binding) {
  for (const xmlNode* node : children(role, ns::kMetadata, service)) {
    if (attribute(node, "Binding") == binding) {
      return attribute(node, "Location").value_or("");
    }
  }
  return "";
}

std::vector<std::string> formats_of(const xmlNode* role) {
  std::vector<std::string> out;
  for (const xmlNode* format : children(role, ns::kMetadata, "NameIDFormat")) {
    out.push_back(text(format));
  }
  return out;
}

// The EntityDescriptor's entityID and its SAML 2.0 `role` descriptor.
Result<std::pair<std::string, const xmlNode*>> entity_role(const Document& doc,
                                                           std::string_view role_name) {
  const xmlNode* entity = entity_of(doc);
  const auto entity_id = entity ? attribute(entity, "entityID") : std::nullopt;
  if (!entity_id || entity_id->empty()) {
    return invalid("no EntityDescriptor with an entityID");
  }
  const xmlNode* role = role_of(entity, role_name);
  if (!role) {
    return invalid("no SAML 2.0 " + std::string(role_name));
  }
  return std::pair{*entity_id, role};
}

}  // namespace

std::string build_sp_metadata(const SpMetadata& metadata) {
  Document doc = Document::create();
  xmlNode* sp = new_descriptor(doc, metadata.entity_id, "SPSSODescriptor");
  set_attr(sp, "AuthnRequestsSigned", metadata.authn_requests_signed ? "true" : "false");
  set_attr(sp, "WantAssertionsSigned", metadata.want_assertions_signed ? "true" : "false");
  if (metadata.signing_certificate) {
    add_key(sp, *metadata.signing_certificate, "signing");
  }
  if (metadata.encryption_certificate) {
    add_key(sp, *metadata.encryption_certificate, "encryption");
  }
  add_formats(sp, metadata.name_id_formats);
  xmlNode* acs = add_child(sp, ns::kMetadata, "AssertionConsumerService");
  set_attr(acs, "Binding", uri::kHttpPost);
  set_attr(acs, "Location", metadata.acs_url);
  set_attr(acs, "index", "0");
  set_attr(acs, "isDefault", "true");
  return doc.serialize();
}

std::string build_idp_metadata(const IdpMetadata& metadata) {
  Document doc = Document::create();
  xmlNode* idp = new_descriptor(doc, metadata.entity_id, "IDPSSODescriptor");
  set_attr(idp, "WantAuthnRequestsSigned", metadata.want_authn_requests_signed ? "true" : "false");
  if (!metadata.signing_certificates.empty()) {
    add_key(idp, metadata.signing_certificates.front(), "signing");
  }
  add_formats(idp, metadata.name_id_formats);
  if (!metadata.sso_redirect_url.empty()) {
    add_service(idp, "SingleSignOnService", uri::kHttpRedirect, metadata.sso_redirect_url);
  }
  if (!metadata.sso_post_url.empty()) {
    add_service(idp, "SingleSignOnService", uri::kHttpPost, metadata.sso_post_url);
  }
  return doc.serialize();
}

Result<IdpMetadata> parse_idp_metadata(std::string_view xml) {
  auto doc = Document::parse(xml);
  if (!doc) {
    return doc.error();
  }
  auto entity = entity_role(*doc, "IDPSSODescriptor");
  if (!entity) {
    return entity.error();
  }
  const xmlNode* idp = entity->second;
  auto certificates = certificates_of(idp, "signing");
  if (!certificates) {
    return certificates.error();
  }
  IdpMetadata out{.entity_id = entity->first,
                  .sso_redirect_url = location_for(idp, "SingleSignOnService", uri::kHttpRedirect),
                  .sso_post_url = location_for(idp, "SingleSignOnService", uri::kHttpPost),
                  .signing_certificates = std::move(*certificates),
                  .name_id_formats = formats_of(idp),
                  .want_authn_requests_signed = attribute(idp, "WantAuthnRequestsSigned") ==
                                                std::optional<std::string>("true")};
  if (out.sso_redirect_url.empty() && out.sso_post_url.empty()) {
    return invalid("no SingleSignOnService for HTTP-Redirect or HTTP-POST");
  }
  if (out.signing_certificates.empty()) {
    return invalid("no signing certificate");
  }
  return out;
}

Result<SpMetadata> parse_sp_metadata(std::string_view xml) {
  auto doc = Document::parse(xml);
  if (!doc) {
    return doc.error();
  }
  auto entity = entity_role(*doc, "SPSSODescriptor");
  if (!entity) {
    return entity.error();
  }
  const xmlNode* sp = entity->second;
  auto signing = certificates_of(sp, "signing");
  auto encryption = certificates_of(sp, "encryption");
  if (!signing || !encryption) {
    return signing ? encryption.error() : signing.error();
  }
  SpMetadata out{.entity_id = entity->first,
                 .acs_url = location_for(sp, "AssertionConsumerService", uri::kHttpPost),
                 .name_id_formats = formats_of(sp),
                 .authn_requests_signed =
                     attribute(sp, "AuthnRequestsSigned") == std::optional<std::string>("true"),
                 .want_assertions_signed =
                     attribute(sp, "WantAssertionsSigned") == std::optional<std::string>("true")};
  if (!signing->empty()) {
    out.signing_certificate = signing->front();
  }
  if (!encryption->empty()) {
    out.encryption_certificate = encryption->front();
  }
  if (out.acs_url.empty()) {
    return invalid("no HTTP-POST AssertionConsumerService");
  }
  return out;
}

}  // namespace latch::saml
