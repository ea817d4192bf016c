#include "connectors/social/provider_http.hpp"

#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"

namespace latch::connectors {

namespace json = boost::json;

Error connector_failure(Errc code, std::string_view key, std::string detail) {
  return keyed_error(code, key, std::move(detail));
}

Error callback_error(const CallbackParams& callback, std::string_view who) {
  auto get = [&](std::string_view key) {
    auto it = callback.find(key);
    return it == callback.end() ? std::string() : it->second;
  };
  std::string error = get("error");
  std::string detail = std::string(who) + " answered " + error + ": " + get("error_description");
  if (error == "access_denied") {
    return connector_failure(Errc::AccessDenied, keys::kAuthorizationFailed, detail);
  }
  if (error == "redirect_uri_mismatch") {
    return connector_failure(Errc::InvalidRequest, keys::kRedirectUriMismatch, detail);
  }
  return connector_failure(Errc::InvalidRequest, "connector.general", detail);
}

Result<OutboundResponse> call_provider(OutboundRequest req, std::string_view what) {
  auto res = send_request(req);
  if (!res) {
    return connector_failure(
        Errc::Unavailable, "connector.unavailable",
        std::string(what) + ": " + res.error().description + " (" + res.error().detail + ")");
  }
  if (res->status >= 500) {
    return connector_failure(Errc::Unavailable, "connector.unavailable",
                             std::string(what) + " answered HTTP " + std::to_string(res->status));
  }
  return res;
}

Result<json::value> json_body(const OutboundResponse& res, std::string_view what) {
  auto value = parse_json(res.body);
  if (!value) {
    return connector_failure(Errc::Unavailable, "connector.invalid_response",
                             std::string(what) + " answered HTTP " + std::to_string(res.status) +
                                 " with a body that is not JSON");
  }
  return value;
}

Result<OutboundResponse> post_token_request(const std::string& url, http::Params form,
                                            const std::string& client_id,
                                            const std::string& client_secret, bool basic,
                                            std::chrono::milliseconds timeout) {
  OutboundRequest req{.method = "POST", .url = url};
  req.headers = {{"Accept", "application/json"},
                 {"Content-Type", "application/x-www-form-urlencoded"}};
  if (basic) {
    std::string credentials =
        http::percent_encode(client_id) + ":" + http::percent_encode(client_secret);
    req.headers.emplace_back("Authorization", "Basic " + crypto::base64_encode(credentials));
  } else {
    form.add("client_id", client_id);
    form.add("client_secret", client_secret);
  }
  req.body = http::encode_form(form);
  req.timeout = timeout;
  return call_provider(std::move(req), "the token endpoint");
}

Result<void> token_error(const json::object& o) {
  std::string error = scalar_text(o.if_contains("error"));
  if (error.empty()) return ok();
  std::string detail = error + ": " + scalar_text(o.if_contains("error_description"));
  if (error == "invalid_client" || error == "unauthorized_client") {
    return connector_failure(Errc::Unavailable, keys::kInvalidConnectorConfig,
                             "the provider refused the client ID or secret (" + detail + ")");
  }
  if (error == "invalid_grant") {
    return connector_failure(Errc::InvalidGrant, "connector.social_auth_code_invalid", detail);
  }
  return connector_failure(Errc::InvalidRequest, "connector.general", detail);
}

const json::value* at_path(const json::value& root, std::string_view path) {
  const json::value* at = &root;
  while (!path.empty()) {
    auto dot = path.find('.');
    auto key = path.substr(0, dot);
    if (!at->is_object()) return nullptr;
    at = at->as_object().if_contains(key);
    if (!at) return nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return at;
}

std::string scalar_text(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  return {};
}

}  // namespace latch::connectors
