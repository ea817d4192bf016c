#include "oidc/discovery.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "oidc/authentication_methods.hpp"
#include "oidc/dpop_proof.hpp"

namespace latch::oidc {
namespace {

boost::json::array strings(std::initializer_list<const char*> items) {
  boost::json::array out;
  for (const char* item : items) out.emplace_back(item);
  return out;
}

}  // namespace

std::string discovery_document(const Config& config, const std::vector<std::string>& grant_types) {
  const std::string issuer = config.issuer();
  boost::json::array grants;
  bool device = false;
  for (const auto& g : grant_types) {
    grants.emplace_back(g);
    device = device || g == "urn:ietf:params:oauth:grant-type:device_code";
  }
  // RFC 6749 §2.3.1, RFC 7523 §2.2 (client_assertion_auth.hpp); the same at every endpoint that
  // authenticates clients (RFC 8414 §2).
  auto auth_methods = strings({"client_secret_basic", "client_secret_post", "client_secret_jwt",
                               "private_key_jwt", "none"});
  auto assertion_algs =
      strings({"HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "ES384", "EdDSA"});
  boost::json::object doc{
      {"issuer", issuer},
      {"authorization_endpoint", issuer + "/auth"},
      {"token_endpoint", issuer + "/token"},
      {"userinfo_endpoint", issuer + "/me"},
      {"jwks_uri", issuer + "/jwks"},
      {"end_session_endpoint", issuer + "/session/end"},
      {"introspection_endpoint", issuer + "/token/introspection"},
      {"revocation_endpoint", issuer + "/token/revocation"},
      {"authorization_response_iss_parameter_supported", true},
      {"grant_types_supported", std::move(grants)},
      {"response_types_supported", strings({"code"})},
      {"response_modes_supported", strings({"query", "form_post"})},
      {"code_challenge_methods_supported", strings({"S256"})},
      {"acr_values_supported", boost::json::array{kAcrMultiFactor}},
      {"token_endpoint_auth_methods_supported", auth_methods},
      {"introspection_endpoint_auth_methods_supported", auth_methods},
      {"revocation_endpoint_auth_methods_supported", auth_methods},
      {"token_endpoint_auth_signing_alg_values_supported", assertion_algs},
      {"introspection_endpoint_auth_signing_alg_values_supported", assertion_algs},
      {"revocation_endpoint_auth_signing_alg_values_supported", assertion_algs},
      {"scopes_supported",
       strings({"openid", "offline_access", "profile", "email", "phone", "custom_data",
                "identities", "roles", "urn:logto:scope:organizations",
                "urn:logto:scope:organization_roles"})},
      {"claims_supported", strings({"sub",
                                    "iss",
                                    "aud",
                                    "exp",
                                    "iat",
                                    "auth_time",
                                    "amr",
                                    "acr",
                                    "nonce",
                                    "at_hash",
                                    "name",
                                    "given_name",
                                    "family_name",
                                    "middle_name",
                                    "nickname",
                                    "preferred_username",
                                    "profile",
                                    "picture",
                                    "website",
                                    "gender",
                                    "birthdate",
                                    "zoneinfo",
                                    "locale",
                                    "updated_at",
                                    "username",
                                    "created_at",
                                    "email",
                                    "email_verified",
                                    "phone_number",
                                    "phone_number_verified",
                                    "custom_data",
                                    "identities",
                                    "roles",
                                    "organizations",
                                    "organization_data",
                                    "organization_roles"})},
      {"claim_types_supported", strings({"normal"})},
      {"subject_types_supported", strings({"public"})},
      {"id_token_signing_alg_values_supported", strings({"ES256", "ES384", "RS256", "EdDSA"})},
      {"prompt_values_supported", strings({"none", "login", "consent", "select_account"})},
      {"ui_locales_supported", strings({"en", "ja"})},
      {"claims_parameter_supported", false},
      // RFC 9101 §10.5: request objects (request_object.hpp), and request_uri only as the
      // pushed authorization request endpoint issues them (pushed_request.hpp).
      {"request_parameter_supported", true},
      {"request_uri_parameter_supported", true},
      {"request_object_signing_alg_values_supported", assertion_algs},
      // RFC 9126 §5; an app may require it (require_pushed_authorization_requests, §6).
      {"pushed_authorization_request_endpoint", issuer + "/request"},
      {"require_pushed_authorization_requests", false},
  };
  // RFC 9449 §5.1: DPoP proofs are verified at the token endpoint and /oidc/me.
  boost::json::array dpop_algs;
  for (std::string_view alg : kDpopAlgs) dpop_algs.emplace_back(alg);
  doc["dpop_signing_alg_values_supported"] = std::move(dpop_algs);
  // RFC 8628 §4: advertised with the grant it serves.
  if (device) doc["device_authorization_endpoint"] = issuer + "/device/auth";
  // OIDC Back-Channel Logout 1.0 §2.1: logout tokens are queued when a session ends and POSTed
  // to each app's backchannel_logout_uri (backchannel_logout.hpp); ID tokens from a browser
  // session carry its sid, and so do logout tokens.
  doc["backchannel_logout_supported"] = true;
  doc["backchannel_logout_session_supported"] = true;
  doc["claims_supported"].as_array().emplace_back("sid");
  // RFC 8414 §2, RFC 7591 §3: only when registration is on (docs/protocols.md).
  if (config.registration_enabled()) doc["registration_endpoint"] = issuer + "/reg";
  return boost::json::serialize(doc);
}

}  // namespace latch::oidc
