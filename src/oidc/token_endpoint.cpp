#include <algorithm>
#include <boost/json/serialize.hpp>
#include <optional>

#include "core/metrics.hpp"
#include "core/utf8.hpp"
#include "http/blocking.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "oidc/client_assertion_auth.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/dpop_request.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

// Logto accepts JSON bodies at the token endpoint and treats them as forms.
Result<http::Params> json_as_form(std::string_view body) {
  auto object = http::parse_json_object(body);
  if (!object) return object.error();
  http::Params params;
  for (const auto& [key, v] : *object) {
    if (v.is_string()) {
      params.add(std::string(key), std::string(v.as_string()));
      continue;
    }
    if (!v.is_array()) {
      return make_error(Errc::InvalidRequest,
                        "parameter " + std::string(key) + " must be a string");
    }
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return make_error(Errc::InvalidRequest, "malformed JSON body");
      params.add(std::string(key), std::string(item.as_string()));
    }
  }
  return params;
}

// A JSON parameter as the query string would carry it: a string as is, a number or a boolean
// in its JSON spelling; nullopt for null, an array or an object.
std::optional<std::string> scalar_text(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool()) {
    return boost::json::serialize(v);
  }
  return std::nullopt;
}

// Logto forwards a JSON POST to the browser-facing endpoints (authorization, end session) as
// the equivalent GET: an object of scalar parameters.
Result<http::Params> json_scalars_as_form(std::string_view body) {
  auto object = http::parse_json_object(body);
  if (!object) return object.error();
  http::Params params;
  for (const auto& [key, v] : *object) {
    auto text = scalar_text(v);
    if (!text) {
      return make_error(Errc::InvalidRequest, "parameter " + std::string(key) +
                                                  " must be a string, a number or a boolean");
    }
    params.add(std::string(key), std::move(*text));
  }
  return params;
}

}  // namespace

Result<http::Params> request_params(const http::Request& req) {
  if (req.method() != http::bhttp::verb::post) return req.query;
  std::string type = req.media_type();
  if (type == "application/json") return json_scalars_as_form(req.body());
  if (type != "application/x-www-form-urlencoded") {
    return make_error(Errc::InvalidRequest,
                      "the body must be application/x-www-form-urlencoded or application/json");
  }
  return http::parse_form(req.body());
}

// RFC 6749 §3.2: parameters must not repeat (resource may, RFC 8707). The form may declare a
// charset other than UTF-8, as Logto's body parser reads it. A JSON body that is not a JSON
// object reads as no parameters, as Logto reads it; its errors then name what is missing.
Result<http::Params> parse_token_body(const http::Request& req) {
  std::string type = req.media_type();
  Result<http::Params> params = make_error(Errc::InvalidRequest, "");
  if (type == "application/x-www-form-urlencoded") {
    std::string declared = req.charset();
    auto charset = declared.empty() ? Charset::Utf8 : charset_named(declared);
    if (!charset) {
      return make_error(Errc::InvalidRequest, "unsupported charset \"" + declared + "\"");
    }
    // UTF-8, nearly every request, is read where it lies; another charset is re-encoded first.
    std::optional<std::string> transcoded;
    if (*charset != Charset::Utf8) {
      transcoded = to_utf8(req.body(), *charset);
      if (!transcoded) return make_error(Errc::InvalidRequest, "the body is not valid " + declared);
    }
    std::string_view text = transcoded ? std::string_view(*transcoded) : req.body();
    if (text.find('\0') != std::string_view::npos) {
      return make_error(Errc::InvalidRequest, "null bytes are not allowed in the request body");
    }
    params = http::parse_form(text);
  } else if (type == "application/json") {
    if (req.body().find('\0') != std::string::npos) {
      return make_error(Errc::InvalidRequest, "null bytes are not allowed in the request body");
    }
    params = json_as_form(req.body());
    if (!params && !http::parse_json_object(req.body())) params = http::Params{};
  } else {
    return make_error(
        Errc::InvalidRequest,
        "only application/x-www-form-urlencoded content-type bodies are supported on POST /token");
  }
  if (!params) return params;
  for (const auto& [name, value] : params->items()) {
    if (name != "resource" && params->count(name) > 1) {
      return make_error(Errc::InvalidRequest, "parameter " + name + " is repeated");
    }
  }
  return params;
}

namespace {

// True when the request names a resource `catalog` does not know (RFC 8707 §2).
bool names_unknown_resource(const http::Params& params, const CatalogSnapshot& catalog) {
  auto values = resource_values(params);
  if (!values) return false;
  return std::any_of(values->begin(), values->end(),
                     [&](const std::string& r) { return catalog.resource(r) == nullptr; });
}

// The client of an earlier attempt. Its id, not its entry: the entry belongs to the snapshot that
// the retry replaces.
struct AuthenticatedId {
  std::string client_id;
  ClientAuthMethod method = ClientAuthMethod::None;
  std::string secret_name;
};

// What attempts share: `retryable` turns false once a grant with side effects (one that blocks:
// it consumes codes and tokens) has run; `client` is set once the client has authenticated, so
// that a second attempt against a newer snapshot looks the same client up instead of
// authenticating again (a client assertion's jti is spent by its first use).
struct Attempts {
  bool retryable = true;
  std::optional<AuthenticatedId> client;
  std::string dpop_jkt;  // the key of the request's DPoP proof, checked once before any attempt
};

awaitable<Result<AuthenticatedClient>> client_of(Provider& op, const http::Request& req,
                                                 const http::Params& params,
                                                 const CatalogSnapshot& catalog,
                                                 const Attempts& attempts) {
  if (!attempts.client) co_return co_await authenticate_request(op, req, params, catalog);
  const ClientEntry* client = catalog.client(attempts.client->client_id);
  if (!client) co_return make_error(Errc::InvalidClient, "client authentication failed");
  co_return AuthenticatedClient{client, attempts.client->method, attempts.client->secret_name};
}

// One attempt against `catalog`: authenticate the client, then run the grant.
awaitable<Result<TokenResponse>> attempt(Provider& op, const http::Request& req,
                                         const http::Params& params, Grant& grant,
                                         const CatalogSnapshot& catalog, Attempts& attempts) {
  auto client = co_await client_of(op, req, params, catalog, attempts);
  if (!client) co_return client.error();
  attempts.client = AuthenticatedId{client->client->app.id, client->method, client->secret_name};
  auto request = parse_token_request(params);
  if (!request) co_return request.error();
  request->dpop_jkt = attempts.dpop_jkt;
  GrantContext ctx{*request, *client, catalog, req.remote_address};
  if (auto admitted = grant.admit(ctx); !admitted) co_return admitted.error();
  if (!grant.blocks(ctx)) co_return grant.handle(ctx);
  attempts.retryable = false;
  auto job = [&] { return grant.handle(ctx); };
  co_return co_await http::run_blocking(op.deps().pool, job);
}

}  // namespace

namespace {

// `latch_token_requests_total{grant, result}`: tokens issued by grant, and refusals by their
// OAuth error code (docs/observability.md). Only grant types Latch serves get this far.
void count_token_request(std::string_view grant_type, std::string_view result) {
  static const metrics::CounterFamily<2> requests(
      "latch_token_requests_total",
      "Token endpoint requests of a served grant type, by grant and result (issued, or the OAuth "
      "error code).",
      {"grant", "result"});
  requests.at({grant_type, result}).add();
}

// Logto's ExchangeTokenBy.<grant> keys (packages/schemas, types/log/token.ts).
std::string_view exchange_by(std::string_view grant_type) {
  if (grant_type == "authorization_code") return "AuthorizationCode";
  if (grant_type == "refresh_token") return "RefreshToken";
  if (grant_type == "client_credentials") return "ClientCredentials";
  if (grant_type == "urn:ietf:params:oauth:grant-type:device_code") return "DeviceCode";
  return "Unknown";
}

// An audit entry for every token request of a served grant, as Logto's grant listener writes
// it: the app (and the name of the secret it authenticated with), the user, the request's
// non-secret parameters, the token types issued and their scope, or the error. Token exchange
// writes its own, with the actor (token_exchange_grant.cpp).
void audit_token_request(Provider& op, const http::Request& req, const http::Params& params,
                         std::string_view grant_type, const Attempts& attempts,
                         const Result<TokenResponse>& result, const Error* error) {
  if (grant_type == "urn:ietf:params:oauth:grant-type:token-exchange") return;
  AuditEvent event{.key = "ExchangeTokenBy." + std::string(exchange_by(grant_type)),
                   .success = error == nullptr,
                   .ip = req.remote_address};
  if (attempts.client) event.application_id = attempts.client->client_id;
  // Which of the app's secrets authenticated it (Logto's applicationSecret), never its value.
  if (attempts.client && !attempts.client->secret_name.empty()) {
    event.payload["applicationSecret"] =
        boost::json::object{{"name", attempts.client->secret_name}};
  }
  boost::json::object logged_params;
  for (std::string_view name : {"grant_type", "scope", "resource", "organization_id"}) {
    auto values = params.all(name);
    if (values.size() == 1) logged_params[name] = values.front();
    if (values.size() > 1) logged_params[name] = boost::json::array(values.begin(), values.end());
  }
  event.payload["params"] = std::move(logged_params);
  if (result) {
    event.user_id = result->user_id;
    boost::json::array types{"AccessToken"};
    if (result->refresh_token) types.emplace_back("RefreshToken");
    if (result->id_token) types.emplace_back("IdToken");
    event.payload["tokenTypes"] = std::move(types);
    event.payload["scope"] = result->scope;
  }
  if (error) {
    event.payload["error"] =
        boost::json::object{{"code", oauth_wire_code(*error)}, {"message", error->description}};
  }
  op.deps().audit.push(std::move(event));
}

awaitable<http::Response> token_answer(Provider& op, http::Request& req) {
  auto params = parse_token_body(req);
  if (!params) co_return oauth_error(params.error());
  auto grant_type = params->get("grant_type");
  if (!grant_type || grant_type->empty()) {
    // oidc-provider looks for the client before the grant type.
    if (req.header(http::bhttp::field::authorization).empty() && !params->get("client_id") &&
        !has_client_assertion(*params)) {
      co_return oauth_error(
          make_error(Errc::InvalidRequest, "no client authentication mechanism provided"));
    }
    co_return oauth_error(missing_parameter("grant_type"));
  }
  Grant* grant = op.grant(*grant_type);
  if (!grant) {
    co_return oauth_error(
        make_error(Errc::UnsupportedGrantType,
                   "grant_type " + std::string(*grant_type) + " is not supported"));
  }
  auto catalog =
      grant->trusts_catalog() ? co_await op.current_catalog() : op.deps().catalog.snapshot();
  if (auto blocked = client_auth_blocked(op, req, *params, *catalog)) {
    co_return oauth_error(*blocked);
  }
  if (names_unknown_resource(*params, *catalog)) {  // before a grant that cannot run twice
    if (auto newer = co_await op.newer_catalog(*catalog)) catalog = std::move(newer);
  }
  Attempts attempts;
  auto proof = co_await request_dpop_proof(op, req, "/token", std::nullopt);
  if (!proof) co_return oauth_error(proof.error());
  if (*proof) attempts.dpop_jkt = (*proof)->jkt;
  auto result = co_await attempt(op, req, *params, *grant, *catalog, attempts);
  if (!result && attempts.retryable && stale_catalog_may_explain(result.error())) {
    if (auto newer = co_await op.newer_catalog(*catalog)) {
      catalog = std::move(newer);
      result = co_await attempt(op, req, *params, *grant, *catalog, attempts);
    }
  }
  if (!result) {
    Error error = result.error();
    if (error.code == Errc::InvalidClient) {
      error = co_await client_auth_failed(op, req, *params, *catalog, std::move(error));
    }
    count_token_request(*grant_type, oauth_wire_code(error));
    audit_token_request(op, req, *params, *grant_type, attempts, result, &error);
    co_return oauth_error(error);
  }
  count_token_request(*grant_type, "issued");
  audit_token_request(op, req, *params, *grant_type, attempts, result, nullptr);
  http::Response res = http::json_response(http::bhttp::status::ok, to_json(*result));
  http::set_no_store(res);
  co_return res;
}

}  // namespace

// RFC 6749 §3.2, §5: grant_type picks the grant, the client authenticates, the grant decides.
// An app or API created a moment ago may be missing from the catalog snapshot: a refusal that
// such a miss could explain is checked once more against the database before it is sent.
// RFC 9449 §5: a request with a valid DPoP proof gets tokens bound to the proof's key.
awaitable<http::Response> token_endpoint(Provider& op, http::Request& req) {
  http::Response res = co_await token_answer(op, req);
  add_dpop_nonce(op, res);  // RFC 9449 §8: a fresh nonce with every answer, when required
  co_return res;
}

}  // namespace latch::oidc
