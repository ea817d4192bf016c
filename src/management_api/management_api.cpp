#include "management_api/management_api.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "experience/pages/page_kit.hpp"
#include "http/json_body.hpp"
#include "management_api/openapi_schemas.hpp"

namespace latch::management_api {

http::asio::awaitable<http::Response> ManagementApi::run(http::Request& req, const Handler& handler,
                                                         http::Lane lane, std::string_view route) {
  auto caller =
      oidc::authorize_management(req.header(http::bhttp::field::authorization), deps_.keys,
                                 deps_.config.issuer(), deps_.clock.now_seconds());
  if (!caller) co_return error_response(caller.error());
  Result<boost::json::object> body = boost::json::object{};
  if (!req.body().empty()) {
    body = req.media_type() == "application/json"
               ? http::parse_json_object(req.body())
               : Result<boost::json::object>(make_error(
                     Errc::InvalidRequest, "the body must be a JSON object (application/json)"));
  }
  Call call{req, body ? std::move(*body) : boost::json::object{}, std::move(*caller), route};
  // Every change and every refused call of a known caller goes into the audit log (Logto's
  // "Management.<METHOD>" key); reads that succeed do not.
  auto answer = [&]() -> Result<http::Response> {
    if (!body) return body.error();
    if (auto now = oidc::check_management_caller(deps_.store, call.caller); !now) {
      return now.error();
    }
    return handler(call);
  };
  auto work = [&]() -> Result<http::Response> {
    Result<http::Response> result = answer();
    std::string_view method = http::bhttp::to_string(req.method());
    if (!result) {
      oidc::record_management_failure(deps_.store, call.caller, method, req.path,
                                      req.remote_address,
                                      static_cast<unsigned>(error_status(result.error()).status),
                                      error_code(result.error()), deps_.clock.now_millis());
    } else if (req.method() != http::bhttp::verb::get) {
      oidc::record_management_change(deps_.store, call.caller, method, req.path, req.remote_address,
                                     result->result_int(), deps_.clock.now_millis());
    }
    return result;
  };
  auto result = co_await http::run_on(deps_.pools, lane, work);
  if (!result) co_return error_response(http::lane_busy(lane));
  if (!*result) {
    co_return error_response(result->error(), experience::error_vars(*deps_.settings.get()));
  }
  co_return std::move(**result);
}

void ManagementApi::Routes::add(std::initializer_list<Route> table) {
  for (const Route& route : table) {
    std::string name(http::bhttp::to_string(route.method));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string full = "/api" + std::string(route.path);
    api_.docs_.push_back({name, full, std::string(route.summary)});
    Handler handler = [deps = &api_.deps_, fn = route.handler](const Call& c) {
      return fn(*deps, c);
    };
    group_.route(
        route.method, route.path,
        [api = &api_, handler = std::move(handler), lane = route.lane, full = std::move(full)](
            http::Request& req) { return api->run(req, handler, lane, full); });
  }
}

void ManagementApi::mount(http::Router& router) {
  auto g = router.group("/api");
  Routes routes(*this, g);
  mount_applications(routes);
  mount_application_secrets(routes);
  mount_application_consent_scopes(routes);
  mount_application_sign_in_experience(routes);
  mount_users(routes);
  mount_personal_access_tokens(routes);
  mount_user_mfa(routes);
  mount_connectors(routes);
  mount_sso_connectors(routes);
  mount_saml_applications(routes);  // SAML applications (branch sso-saml-apps)
  mount_saml_sign_in(g);
  mount_resources(routes);
  mount_roles(routes);
  mount_role_holders(routes);
  mount_organizations(routes);
  mount_organization_members(routes);
  mount_organization_jit(routes);
  mount_organization_template(routes);
  mount_logs(routes);
  mount_organization_invitations(routes);
  mount_account_center(routes);
  mount_subject_tokens(routes);
  mount_initial_access_tokens(routes);
  mount_jwt_customizer(routes);
  mount_hooks(routes);
  // Anonymous, as Logto's: the document describes the API, it grants nothing.
  auto doc = boost::json::serialize(openapi_document(docs_, deps_.config.endpoint));
  g.get("/swagger.json", [doc](http::Request&) -> http::asio::awaitable<http::Response> {
    co_return http::json_response(http::bhttp::status::ok, doc);
  });
}

namespace {

// The request and response schemas of `schema` in `operation`, and the statuses it answers with.
void describe(boost::json::object& operation, const OperationSchema& schema) {
  namespace json = boost::json;
  if (!schema.request.empty()) {
    operation["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", schema_of(schema.request)}}}}}};
  }
  auto& responses = operation["responses"].as_object();
  responses.erase("200");
  json::object success{{"description", schema.status == 204 ? "No content" : "Success"}};
  if (!schema.response.empty()) {
    success["content"] = {{"application/json", {{"schema", schema_of(schema.response)}}}};
  }
  responses[std::to_string(schema.status)] = std::move(success);
  json::object error{{"application/json", {{"schema", schema_of("Error")}}}};
  for (std::string_view rest = schema.errors; !rest.empty();) {
    auto code = rest.substr(0, rest.find(' '));
    rest.remove_prefix(std::min(rest.size(), code.size() + 1));
    auto& entry = responses[std::string(code)];
    if (!entry.is_object()) entry = {{"description", "{code, message[, field]}"}};
    entry.as_object()["content"] = error;
  }
}

}  // namespace

boost::json::object openapi_document(const std::vector<ManagementApi::RouteDoc>& routes,
                                     std::string_view endpoint) {
  namespace json = boost::json;
  std::vector<ManagementApi::RouteDoc> all = routes;
  all.push_back({"get", "/api/sign-in-exp", "Get the sign-in experience"});
  all.push_back({"patch", "/api/sign-in-exp", "Update the sign-in experience"});
  all.push_back({"post", "/api/sign-in-exp/default/check-password",
                 "Check a password against the password policy"});
  json::object paths;
  for (const auto& r : all) {
    // /api/users/:userId -> /api/users/{userId}
    std::string path;
    json::array parameters;
    for (std::size_t i = 0; i < r.path.size();) {
      if (r.path[i] == ':') {
        std::size_t end = r.path.find('/', i);
        if (end == std::string::npos) end = r.path.size();
        std::string name = r.path.substr(i + 1, end - i - 1);
        path += "{" + name + "}";
        parameters.push_back(json::object{
            {"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
        i = end;
      } else {
        path += r.path[i++];
      }
    }
    json::object responses{{"200", {{"description", "Success"}}},
                           {"400", {{"description", "Bad input: {code, message}"}}},
                           {"401", {{"description", "No valid management access token"}}},
                           {"403", {{"description", "The token lacks scope all"}}}};
    json::object operation{{"summary", r.summary},
                           {"security", json::array{json::object{{"bearer", json::array{}}}}},
                           {"responses", std::move(responses)}};
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (r.method == "post" || r.method == "patch" || r.method == "put") {
      operation["requestBody"] = {
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    if (auto schema = operation_schema(r.method, r.path)) describe(operation, *schema);
    auto& item = paths[path];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[r.method] = std::move(operation);
  }
  return {{"openapi", "3.0.1"},
          {"info", {{"title", "Latch Management API"}, {"version", "1"}}},
          {"servers", json::array{json::object{{"url", endpoint}}}},
          {"components",
           {{"schemas", schema_components()},
            {"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}},
          {"paths", std::move(paths)}};
}

}  // namespace latch::management_api
