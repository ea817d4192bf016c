#include "oidc/authorization_request.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>

#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "crypto/pkce.hpp"
#include "model/organization.hpp"
#include "oidc/authentication_methods.hpp"
#include "oidc/error_response.hpp"
#include "oidc/management_token.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

using Outcome = boost::system::result<AuthorizationRequest, AuthorizationFailure>;

AuthorizationFailure page(Errc code, std::string description, bool catalog_miss = false) {
  return {make_error(code, std::move(description)), false, {}, {}, catalog_miss};
}

// The redirect URI cannot be trusted: keyed so the page says so, whatever the description says.
AuthorizationFailure untrusted_redirect(std::string description, bool catalog_miss = false) {
  auto failure = page(Errc::InvalidRequest, std::move(description), catalog_miss);
  failure.error = with_key(std::move(failure.error), keys::kInvalidRedirectUri);
  return failure;
}

// Parameters that must not repeat (RFC 6749 §3.1); resource may (RFC 8707).
std::optional<std::string> repeated_parameter(const http::Params& params) {
  for (const auto& [name, value] : params.items()) {
    if (name != "resource" && params.count(name) > 1) return name;
  }
  return std::nullopt;
}

Result<std::vector<std::string>> parse_prompt(std::string_view text) {
  auto values = parse_scope(text);  // the same space-delimited grammar
  if (!values) return make_error(Errc::InvalidRequest, "prompt is malformed");
  for (const auto& v : *values) {
    if (v != "none" && v != "login" && v != "consent" && v != "select_account") {
      return make_error(Errc::InvalidRequest, "prompt value '" + v + "' is not supported");
    }
  }
  if (has_scope(*values, "none") && values->size() > 1) {
    return make_error(Errc::InvalidRequest, "prompt=none cannot be combined with other values");
  }
  return values;
}

Result<std::optional<std::int64_t>> parse_max_age(std::string_view text) {
  if (text.empty()) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
    return make_error(Errc::InvalidRequest, "max_age must be a non-negative integer");
  }
  return std::optional<std::int64_t>{value};
}

// RFC 7636 §4.3; PKCE is required of public clients (RFC 9700 §2.1.1) and "plain" is refused.
Result<void> check_pkce(const http::Params& params, const ClientEntry& client) {
  auto challenge = params.value("code_challenge");
  auto method = params.get("code_challenge_method");
  if (challenge.empty()) {
    if (!model::is_confidential(client.app.type)) {
      return make_error(Errc::InvalidRequest, "code_challenge (PKCE) is required for this client");
    }
    if (method) return make_error(Errc::InvalidRequest, "code_challenge is missing");
    return ok();
  }
  if (!method || *method != "S256") {
    return make_error(Errc::InvalidRequest, "code_challenge_method must be S256");
  }
  if (!crypto::is_valid_code_challenge(challenge)) {
    return make_error(Errc::InvalidRequest, "code_challenge is malformed");
  }
  return ok();
}

// What a pending sign-in stores is bounded: an anonymous request cannot make the database keep
// more than a few kilobytes (the limits are far above what any client sends).
Result<void> check_sizes(const http::Params& params) {
  struct Limit {
    std::string_view name;
    std::size_t max;
  };
  constexpr Limit kLimits[] = {
      {"state", 2048},         {"nonce", 512},          {"login_hint", 512},
      {"ui_locales", 256},     {"scope", 2048},         {"first_screen", 64},
      {"prompt", 64},          {"direct_sign_in", 256}, {"interaction_mode", 64},
      {"organization_id", 64}, {"acr_values", 512}};
  for (const auto& limit : kLimits) {
    if (params.value(limit.name).size() > limit.max) {
      return make_error(Errc::InvalidRequest, std::string(limit.name) + " is longer than " +
                                                  std::to_string(limit.max) + " bytes");
    }
  }
  std::size_t resources = 0;
  for (std::string_view value : params.all("resource")) resources += value.size() + 1;
  if (resources > 4096) {
    return make_error(Errc::InvalidRequest, "the resources are longer than 4096 bytes");
  }
  return ok();
}

std::string first_screen(const http::Params& params) {
  std::string_view screen = params.value("first_screen");
  if (screen == "register" || screen == "identifier:register") return "register";
  if (screen.empty() && params.value("interaction_mode") == "signUp") return "register";
  return "sign_in";
}

// The checks that need a trusted redirect URI; their errors go back to the client.
Result<void> fill(AuthorizationRequest& req, const http::Params& params,
                  const CatalogSnapshot& catalog, const ClientEntry& client) {
  if (auto name = repeated_parameter(params)) {
    return make_error(Errc::InvalidRequest, "parameter " + *name + " is repeated");
  }
  if (params.get("request")) {
    return make_error(Errc::InvalidRequest, "request objects are not supported");
  }
  if (params.get("request_uri")) {
    return make_error(Errc::InvalidRequest, "request_uri is not supported");
  }
  std::string_view response_type = params.value("response_type");
  if (response_type.empty()) return missing_parameter("response_type");
  if (response_type != "code") {
    return make_error(Errc::UnsupportedResponseType, "only response_type=code is supported");
  }
  if (!parse_response_mode(params.value("response_mode"))) {
    return make_error(Errc::InvalidRequest, "response_mode must be query or form_post");
  }
  if (client.app.type == model::AppType::MachineToMachine) {
    return make_error(Errc::UnauthorizedClient, "machine-to-machine apps cannot sign users in");
  }
  // Logto gives a device-flow app no response types: it signs in on /device only (RFC 8628).
  if (client.app.is_device_flow) {
    return make_error(Errc::UnauthorizedClient,
                      "this app signs in with the device authorization grant");
  }
  auto scopes = parse_scope(params.value("scope"));
  if (!scopes) return scopes.error();
  req.scopes = std::move(*scopes);
  if (auto pkce = check_pkce(params, client); !pkce) return pkce;
  if (auto jkt = params.get("dpop_jkt"); jkt && !crypto::is_base64url_sha256(*jkt)) {
    return make_error(Errc::InvalidRequest,
                      "dpop_jkt must be the base64url SHA-256 thumbprint of a JWK (RFC 7638)");
  }
  auto prompt = parse_prompt(params.value("prompt"));
  if (!prompt) return prompt.error();
  req.prompt = std::move(*prompt);
  auto max_age = parse_max_age(params.value("max_age"));
  if (!max_age) return max_age.error();
  req.max_age = *max_age;
  auto resources = resource_values(params);
  if (!resources) return resources.error();
  if (auto known = check_resources(*resources, catalog, client); !known) return known;
  // No resource named: the default API resource, when there is one, joins the authorization
  // (node-oidc-provider's defaultResource, as Logto configures it), so that the client may ask
  // the token endpoint for it later.
  if (resources->empty() && catalog.default_resource &&
      !is_management_resource(catalog.default_resource->indicator)) {
    resources->push_back(catalog.default_resource->indicator);
  }
  req.resources = std::move(*resources);
  req.nonce = params.value("nonce");
  req.code_challenge = params.value("code_challenge");
  req.dpop_jkt = params.value("dpop_jkt");
  req.login_hint = params.value("login_hint");
  req.ui_locales = params.value("ui_locales");
  req.first_screen = first_screen(params);
  req.direct_sign_in = params.value("direct_sign_in");
  req.organization_id = params.value("organization_id");
  req.acr_values = split_amr(params.value("acr_values"));
  return ok();
}

}  // namespace

bool AuthorizationRequest::has_prompt(std::string_view p) const { return has_scope(prompt, p); }

bool AuthorizationRequest::wants_multi_factor() const {
  return has_scope(acr_values, kAcrMultiFactor);
}

Outcome parse_authorization_request(const http::Params& params, const CatalogSnapshot& catalog) {
  if (params.count("client_id") != 1 || params.value("client_id").empty()) {
    return page(Errc::InvalidRequest, "client_id is missing or repeated");
  }
  const ClientEntry* client = catalog.client(params.value("client_id"));
  if (!client) return page(Errc::InvalidClient, "the application is unknown", true);
  if (params.count("redirect_uri") != 1) {
    return untrusted_redirect("redirect_uri is missing or repeated");
  }
  std::string redirect_uri(params.value("redirect_uri"));
  const auto& allowed = client->app.redirect_uris;
  // RFC 9700 §4.1.3: exact string comparison, no pattern matching.
  if (std::find(allowed.begin(), allowed.end(), redirect_uri) == allowed.end()) {
    return untrusted_redirect("redirect_uri is not registered for this application", true);
  }
  // Registered before the rules for its type were enforced on every write: still never used.
  if (auto allowed_uri = model::check_redirect_uri(client->app.type, redirect_uri, "redirect_uri");
      !allowed_uri) {
    return untrusted_redirect(allowed_uri.error().description);
  }
  // Refused on a page: a redirect would have to echo the oversized state.
  if (auto sized = check_sizes(params); !sized)
    return page(Errc::InvalidRequest, sized.error().description);
  AuthorizationRequest req;
  req.client_id = client->app.id;
  req.redirect_uri = redirect_uri;
  req.state = params.value("state");
  // The mode the client asked for carries errors too (Form Post Response Mode §2); an unknown
  // one is refused (in fill) through the default, the query.
  req.response_mode =
      parse_response_mode(params.value("response_mode")).value_or(ResponseMode::Query);
  if (auto filled = fill(req, params, catalog, *client); !filled) {
    bool miss = stale_catalog_may_explain(filled.error());
    return AuthorizationFailure{filled.error(), true, redirect_uri,
                                req.state,      miss, req.response_mode};
  }
  return req;
}

namespace {

boost::json::array to_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

std::vector<std::string> from_array(const boost::json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      if (item.is_string()) out.emplace_back(item.as_string());
    }
  }
  return out;
}

}  // namespace

Result<void> check_resources(const std::vector<std::string>& resources,
                             const CatalogSnapshot& catalog, const ClientEntry& client) {
  for (const auto& r : resources) {
    // Logto's SDKs name the reserved organizations resource with urn:logto:scope:organizations;
    // its scopes are the organization scopes the refresh grant later turns into tokens.
    if (r == model::kOrganizationsResource) continue;
    if (!catalog.resource(r)) {
      return make_error(Errc::InvalidTarget, "resource " + r + " is unknown");
    }
    // An operator's sign-in reaches the management API through the console's client only.
    if (is_management_resource(r) && client.app.id != model::kConsoleAppId) {
      return make_error(Errc::InvalidTarget, "the management API is open to the console only");
    }
  }
  return ok();
}

boost::json::object to_json(const AuthorizationRequest& r) {
  boost::json::object out{{"client_id", r.client_id},
                          {"redirect_uri", r.redirect_uri},
                          {"response_mode", response_mode_name(r.response_mode)},
                          {"scopes", to_array(r.scopes)},
                          {"state", r.state},
                          {"nonce", r.nonce},
                          {"code_challenge", r.code_challenge},
                          {"dpop_jkt", r.dpop_jkt},
                          {"prompt", to_array(r.prompt)},
                          {"login_hint", r.login_hint},
                          {"ui_locales", r.ui_locales},
                          {"resources", to_array(r.resources)},
                          {"first_screen", r.first_screen},
                          {"direct_sign_in", r.direct_sign_in},
                          {"organization_id", r.organization_id},
                          {"invitation_id", r.invitation_id},
                          {"device_user_code", r.device_user_code},
                          {"hint_subject", r.hint_subject},
                          {"acr_values", to_array(r.acr_values)}};
  if (r.max_age) out["max_age"] = *r.max_age;
  return out;
}

Result<AuthorizationRequest> authorization_request_from_json(std::string_view json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) return make_error(Errc::Internal, "stored request is malformed");
  const auto& o = value.as_object();
  AuthorizationRequest r;
  r.client_id = json_text(o, "client_id");
  r.redirect_uri = json_text(o, "redirect_uri");
  // Interactions stored before response modes existed hold none: query.
  r.response_mode =
      parse_response_mode(json_text(o, "response_mode")).value_or(ResponseMode::Query);
  r.scopes = from_array(o.if_contains("scopes"));
  r.state = json_text(o, "state");
  r.nonce = json_text(o, "nonce");
  r.code_challenge = json_text(o, "code_challenge");
  r.dpop_jkt = json_text(o, "dpop_jkt");
  r.prompt = from_array(o.if_contains("prompt"));
  r.login_hint = json_text(o, "login_hint");
  r.ui_locales = json_text(o, "ui_locales");
  r.resources = from_array(o.if_contains("resources"));
  r.first_screen = json_text(o, "first_screen");
  r.direct_sign_in = json_text(o, "direct_sign_in");
  r.organization_id = json_text(o, "organization_id");
  r.invitation_id = json_text(o, "invitation_id");
  r.device_user_code = json_text(o, "device_user_code");
  r.hint_subject = json_text(o, "hint_subject");
  r.acr_values = from_array(o.if_contains("acr_values"));
  if (const auto* m = o.if_contains("max_age"); m && m->is_int64()) r.max_age = m->as_int64();
  return r;
}

}  // namespace latch::oidc
