#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "management/saml_application_service.hpp"

// Internal to management: the checks on a SAML app's members (Logto's
// saml-application-configs guards) and the scopes its attribute mapping needs.
namespace latch::management::saml_rules {

// Applies `change` to `config`, checking each member it sets. InvalidRequest naming the member
// (guard.invalid_input); Conflict (422) application.saml.acs_url_binding_not_supported for an
// HTTP-Redirect ACS; InvalidRequest application.saml.acs_url_scheme_not_supported for an ACS
// URL that is not http(s); InvalidRequest application.saml.invalid_certificate_pem_format for an
// SP certificate that does not parse.
[[nodiscard]] Result<void> apply(const SamlAppChange& change, storage::SamlAppConfig& config);

// The OIDC scopes whose claims the app releases: openid and profile always, email for an
// emailAddress NameID or an empty mapping (whose attributes are sub, email and name), and the
// scope of each mapped claim (Logto's getScopesFromAttributeMapping).
std::vector<std::string> scopes_for(const storage::SamlAppConfig& config);

// The ACS URL of the config, or "" when it has none.
std::string acs_url_of(const storage::SamlAppConfig& config);

}  // namespace latch::management::saml_rules
