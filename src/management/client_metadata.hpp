#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "core/error_keys.hpp"
#include "core/result.hpp"
#include "model/application.hpp"

// Client metadata as dynamic client registration receives and answers it (RFC 7591 §2, OIDC
// Dynamic Client Registration §2), and how it maps onto a Latch application.
namespace latch::management {

// RFC 7591 §3.2.2's error codes, as the keys of InvalidRequest errors: the registration endpoint
// answers an error with one of these keys with the RFC's code instead of invalid_request.
using keys::kInvalidRedirectUri;  // "oidc.invalid_redirect_uri"
inline constexpr std::string_view kInvalidClientMetadata = "oidc.invalid_client_metadata";

// What a registration request asks for, checked. `extra` keeps the members the application row
// does not hold (client_uri, logo_uri, policy_uri, tos_uri, contacts, software_id,
// software_version, scope, grant_types, response_types, application_type), as registered.
struct ClientMetadata {
  std::string client_name;
  model::AppType type = model::AppType::Traditional;
  std::string token_endpoint_auth_method;  // as registered ("none" for a public client)
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::string jwks_json;
  std::string jwks_uri;
  boost::json::object extra;
};

// Reads and checks `body` (RFC 7591 §2; members it does not know are ignored, §2). The auth
// method picks the app's type: "none" a public client (Native when application_type is "native",
// SPA otherwise), client_secret_basic (the default), client_secret_post, client_secret_jwt or
// private_key_jwt (with jwks or jwks_uri) a confidential Traditional one. grant_types may hold
// authorization_code and refresh_token, response_types only code. Errors (RFC 7591 §3.2.2):
// InvalidRequest keyed kInvalidRedirectUri for a missing or bad redirect URI, keyed
// kInvalidClientMetadata naming the member otherwise.
[[nodiscard]] Result<ClientMetadata> parse_client_metadata(const boost::json::object& body);

// The description a registered app starts with: the console's application list shows it under the
// app's name, which marks the apps that registered themselves. Operators may change it.
inline constexpr std::string_view kRegisteredDescription =
    "Registered itself (dynamic client registration, RFC 7591)";

// The application `metadata` describes, without id, secret or created_at; always third-party
// (its users see the consent screen), described as kRegisteredDescription.
model::Application to_application(const ClientMetadata& metadata);

// The metadata as registered (RFC 7591 §3.2.1): the members `app` holds plus `extra`.
boost::json::object metadata_json(const model::Application& app, const boost::json::object& extra);

}  // namespace latch::management
