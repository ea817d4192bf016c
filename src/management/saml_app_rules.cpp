#include "management/saml_app_rules.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "core/json.hpp"
#include "saml/certificate.hpp"
#include "saml/messages.hpp"

namespace latch::management::saml_rules {
namespace {

namespace json = boost::json;

// Logto's userClaimsList with 'sub', each with the scope that releases it (core-kit's
// userClaims).
struct ClaimScope {
  std::string_view claim, scope;
};
constexpr std::array<ClaimScope, 27> kClaims{{
    {"sub", "openid"},
    {"name", "profile"},
    {"given_name", "profile"},
    {"family_name", "profile"},
    {"middle_name", "profile"},
    {"nickname", "profile"},
    {"preferred_username", "profile"},
    {"profile", "profile"},
    {"picture", "profile"},
    {"website", "profile"},
    {"email", "email"},
    {"email_verified", "email"},
    {"gender", "profile"},
    {"birthdate", "profile"},
    {"zoneinfo", "profile"},
    {"locale", "profile"},
    {"phone_number", "phone"},
    {"phone_number_verified", "phone"},
    {"address", "address"},
    {"updated_at", "profile"},
    {"username", "profile"},
    {"created_at", "profile"},
    {"custom_data", "custom_data"},
    {"identities", "identities"},
    {"sso_identities", "identities"},
    {"roles", "roles"},
    {"organizations", "urn:logto:scope:organizations"},
}};
// organization_data and organization_roles are read by scope_of below.

std::string_view scope_of(std::string_view claim) {
  if (claim == "organization_data") return "urn:logto:scope:organizations";
  if (claim == "organization_roles") return "urn:logto:scope:organization_roles";
  for (const auto& c : kClaims) {
    if (c.claim == claim) return c.scope;
  }
  return {};
}

Error invalid(std::string field, std::string why) {
  return with_field(make_error(Errc::InvalidRequest, field + " " + why), field);
}

Result<void> check_mapping(const json::object& mapping) {
  for (const auto& [claim, name] : mapping) {
    std::string field = "attributeMapping." + std::string(claim);
    if (scope_of(claim).empty()) return invalid(field, "is not a user claim");
    if (!name.is_string()) return invalid(field, "must be a string");
    if (name.as_string().size() > 256) return invalid(field, "is longer than 256 characters");
  }
  return ok();
}

bool is_http_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->encoded_host().empty()) return false;
  return parsed->scheme() == "http" || parsed->scheme() == "https";
}

// Logto's samlAcsUrlGuard and validateAcsUrl.
Result<void> check_acs_url(const json::object& acs) {
  for (const auto& [key, value] : acs) {
    if (key != "binding" && key != "url")
      return invalid("acsUrl." + std::string(key), "is unknown");
  }
  std::string binding = json_text(acs, "binding");
  std::string url = json_text(acs, "url");
  if (binding != saml::uri::kHttpPost && binding != saml::uri::kHttpRedirect) {
    return invalid("acsUrl.binding", "must be the HTTP-POST or HTTP-Redirect binding");
  }
  if (url.empty() || url.size() > 2048 || !boost::urls::parse_absolute_uri(url)) {
    return invalid("acsUrl.url", "must be a URL");
  }
  if (binding != saml::uri::kHttpPost) {
    return keyed_error(Errc::Conflict, "application.saml.acs_url_binding_not_supported");
  }
  if (!is_http_url(url)) {
    return keyed_error(Errc::InvalidRequest, "application.saml.acs_url_scheme_not_supported");
  }
  return ok();
}

// Logto's samlEncryptionGuard.
Result<void> check_encryption(const json::object& encryption) {
  for (const auto& [key, value] : encryption) {
    std::string field = "encryption." + std::string(key);
    if (key == "certificate") {
      if (!value.is_string()) return invalid(field, "must be a string");
    } else if (key == "encryptAssertion" || key == "encryptThenSign") {
      if (!value.is_bool()) return invalid(field, "must be true or false");
    } else {
      return invalid(field, "is unknown");
    }
  }
  const auto* on = encryption.if_contains("encryptAssertion");
  if (on && on->as_bool() &&
      (!encryption.contains("encryptThenSign") || !encryption.contains("certificate"))) {
    return invalid("encryption",
                   "needs encryptThenSign and certificate when encryptAssertion is true");
  }
  return ok();
}

Result<void> check_name_id_format(std::string_view format) {
  for (auto known : {saml::uri::kNameIdPersistent, saml::uri::kNameIdEmail,
                     saml::uri::kNameIdTransient, saml::uri::kNameIdUnspecified}) {
    if (format == known) return ok();
  }
  return invalid("nameIdFormat", "is not a supported NameID format");
}

Result<void> check_entity_id(const std::optional<std::string>& entity_id) {
  if (entity_id && (entity_id->empty() || entity_id->size() > 128)) {
    return invalid("entityId", "must be 1 to 128 characters");
  }
  return ok();
}

Result<void> check_sp_certificate(const std::optional<std::string>& pem) {
  if (pem && !saml::Certificate::parse(*pem)) {
    return with_field(
        keyed_error(Errc::InvalidRequest, "application.saml.invalid_certificate_pem_format"),
        "spCertificate");
  }
  return ok();
}

std::optional<std::string> serialized(const std::optional<json::object>& object) {
  if (!object) return std::nullopt;
  return json::serialize(*object);
}

}  // namespace

Result<void> apply(const SamlAppChange& change, storage::SamlAppConfig& config) {
  if (change.attribute_mapping) {
    if (auto r = check_mapping(*change.attribute_mapping); !r) return r;
    config.attribute_mapping_json = json::serialize(*change.attribute_mapping);
  }
  if (change.entity_id) {
    if (auto r = check_entity_id(*change.entity_id); !r) return r;
    config.entity_id = *change.entity_id;
  }
  if (change.acs_url) {
    if (*change.acs_url) {
      if (auto r = check_acs_url(**change.acs_url); !r) return r;
    }
    config.acs_url_json = serialized(*change.acs_url);
  }
  if (change.encryption) {
    if (*change.encryption) {
      if (auto r = check_encryption(**change.encryption); !r) return r;
    }
    config.encryption_json = serialized(*change.encryption);
  }
  if (change.name_id_format) {
    if (auto r = check_name_id_format(*change.name_id_format); !r) return r;
    config.name_id_format = *change.name_id_format;
  }
  if (change.sp_certificate) {
    if (auto r = check_sp_certificate(*change.sp_certificate); !r) return r;
    config.sp_certificate = *change.sp_certificate;
  }
  return ok();
}

std::vector<std::string> scopes_for(const storage::SamlAppConfig& config) {
  std::vector<std::string> scopes{"openid", "profile"};
  auto add = [&](std::string_view scope) {
    if (!scope.empty() && std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) {
      scopes.emplace_back(scope);
    }
  };
  if (config.name_id_format == saml::uri::kNameIdEmail) add("email");
  auto mapping = parse_json(config.attribute_mapping_json);
  bool mapped = mapping && mapping->is_object() && !mapping->as_object().empty();
  // No mapping: the attributes are sub, email and name, so email is released too.
  if (!mapped) add("email");
  if (mapped) {
    for (const auto& [claim, name] : mapping->as_object()) add(scope_of(claim));
  }
  return scopes;
}

std::string acs_url_of(const storage::SamlAppConfig& config) {
  if (!config.acs_url_json) return {};
  auto acs = parse_json(*config.acs_url_json);
  if (!acs || !acs->is_object()) return {};
  return json_text(acs->as_object(), "url");
}

}  // namespace latch::management::saml_rules
