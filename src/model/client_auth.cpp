#include <boost/url/parse.hpp>

#include "core/json.hpp"
#include "model/application.hpp"

namespace latch::model {
namespace {

constexpr std::string_view kMetadata = "oidcClientMetadata.";

Error invalid(std::string_view field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)),
                    std::string(kMetadata) + std::string(field));
}

bool known_method(std::string_view method) {
  return method.empty() || method == kAuthSecretBasic || method == kAuthSecretPost ||
         method == kAuthSecretJwt || method == kAuthPrivateKeyJwt || method == "none";
}

// RFC 7517 §5: a JSON object whose "keys" member is an array of objects.
bool is_jwk_set(std::string_view text) {
  auto parsed = parse_json(text);
  if (!parsed || !parsed->is_object()) return false;
  const auto* keys = parsed->as_object().if_contains("keys");
  if (!keys || !keys->is_array() || keys->as_array().empty()) return false;
  for (const auto& key : keys->as_array()) {
    if (!key.is_object()) return false;
  }
  return true;
}

bool is_web_url(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  return url && (url->scheme() == "https" || url->scheme() == "http") && !url->host().empty() &&
         text.size() <= 2048;
}

}  // namespace

Result<void> check_client_auth(const Application& app) {
  const std::string& method = app.token_endpoint_auth_method;
  if (!known_method(method)) {
    return invalid("tokenEndpointAuthMethod",
                   "tokenEndpointAuthMethod must be client_secret_basic, client_secret_post, "
                   "client_secret_jwt or private_key_jwt");
  }
  if (!method.empty() && method != "none" && !is_confidential(app.type)) {
    return invalid("tokenEndpointAuthMethod", "a public client does not authenticate");
  }
  if (method == "none" && is_confidential(app.type)) {
    return invalid("tokenEndpointAuthMethod", "a confidential client must authenticate");
  }
  if (!app.jwks_json.empty() && !app.jwks_uri.empty()) {
    return invalid("jwksUri", "set either jwks or jwksUri, not both");
  }
  if (!app.jwks_json.empty() && !is_jwk_set(app.jwks_json)) {
    return invalid("jwks", "jwks must be a JWK Set: an object with a non-empty keys array");
  }
  if (!app.jwks_uri.empty() && !is_web_url(app.jwks_uri)) {
    return invalid("jwksUri", "jwksUri must be an absolute http(s) URL");
  }
  if (method == kAuthPrivateKeyJwt && app.jwks_json.empty() && app.jwks_uri.empty()) {
    return invalid("jwks", "private_key_jwt needs the client's keys: set jwks or jwksUri");
  }
  return ok();
}

}  // namespace latch::model
