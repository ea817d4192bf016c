#include <boost/json/serialize.hpp>

#include "experience/i18n/i18n.hpp"
#include "management/jwt_customizer_service.hpp"
#include "management_api/management_api.hpp"

// /api/configs/jwt-customizer: custom JWT claims scripts (Logto's
// routes/logto-config/jwt-customizer.ts; oidc/custom_claims.hpp runs them at token time).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::JwtCustomizerService service(const Deps& d) { return {d.store, d.clock}; }

// The :tokenTypePath, which must be Logto's: access-token or client-credentials.
Result<std::string> token_type(const Call& c) {
  std::string type(c.param("tokenTypePath"));
  if (!management::is_jwt_token_type(type)) {
    return with_field(make_error(Errc::InvalidRequest,
                                 "tokenTypePath must be access-token or client-credentials"),
                      "tokenTypePath");
  }
  return type;
}

// PUT: 201 when it creates the customizer, 200 when it replaces one.
Result<http::Response> put_customizer(const Deps& d, const Call& c) {
  auto type = token_type(c);
  if (!type) return type.error();
  auto put = service(d).put(*type, c.body);
  if (!put) return put.error();
  return http::json_response(put->created ? status::created : status::ok, put->value);
}

Result<http::Response> patch_customizer(const Deps& d, const Call& c) {
  auto type = token_type(c);
  if (!type) return type.error();
  auto patched = service(d).patch(*type, c.body);
  if (!patched) return patched.error();
  return http::json_response(status::ok, *patched);
}

Result<http::Response> get_customizer(const Deps& d, const Call& c) {
  auto type = token_type(c);
  if (!type) return type.error();
  auto found = service(d).get(*type);
  if (!found) return found.error();
  return http::json_response(status::ok, *found);
}

Result<http::Response> list_customizers(const Deps& d, const Call&) {
  auto all = service(d).list();
  if (!all) return all.error();
  return http::json_response(status::ok, *all);
}

Result<http::Response> delete_customizer(const Deps& d, const Call& c) {
  auto type = token_type(c);
  if (!type) return type.error();
  if (auto r = service(d).remove(*type); !r) return r.error();
  return http::empty_response(status::no_content);
}

// Logto's jwtCustomizerTestRequestBodyGuard: {tokenType, script, environmentVariables?, token,
// context}; token and context are required objects.
Result<oidc::CustomizerScript> test_request(const json::object& body, std::string& type) {
  if (auto r =
          only_fields(body, {"tokenType", "script", "environmentVariables", "token", "context"});
      !r) {
    return r.error();
  }
  auto named = string_field(body, "tokenType");
  if (!named) return named.error();
  type = named->value_or("");
  if (!management::is_jwt_token_type(type)) {
    return with_field(
        make_error(Errc::InvalidRequest, "tokenType must be access-token or client-credentials"),
        "tokenType");
  }
  json::object as_config;
  if (const auto* script = body.if_contains("script")) as_config["script"] = *script;
  if (const auto* vars = body.if_contains("environmentVariables")) {
    as_config["environmentVariables"] = *vars;
  }
  if (auto r = management::check_jwt_customizer(type, as_config); !r) return r.error();
  for (std::string_view member : {"token", "context"}) {
    const auto* value = body.if_contains(member);
    if (!value || !value->is_object()) {
      return with_field(
          make_error(Errc::InvalidRequest, std::string(member) + " must be an object"),
          std::string(member));
    }
  }
  auto sample = management::check_token_sample(type, body.at("token").as_object(), "token");
  if (!sample) return sample.error();
  auto script = oidc::customizer_script(json::serialize(as_config));
  if (!script) return with_field(make_error(Errc::InvalidRequest, "script is empty"), "script");
  return std::move(*script);
}

// Logto's answer to a failed run: 403 for a denial, 422 otherwise, code
// jwt_customizer.general, and the script's own words in data.message.
http::Response failed_run(const script::Failure& failure) {
  bool denied = failure.kind == script::FailureKind::Denied;
  Error error = keyed_error(Errc::Conflict, "jwt_customizer.general");
  json::object data{{"message", failure.message}};
  if (denied) data["error"] = json::object{{"code", "AccessDenied"}, {"message", failure.message}};
  json::object body{{"code", error.key},
                    {"message", experience::error_text(experience::Lang::En, error)},
                    {"data", std::move(data)}};
  return http::json_response(denied ? status::forbidden : status::unprocessable_entity, body);
}

// Runs a script against a sample token and context: what it returns, or why it failed.
Result<http::Response> test_customizer(const Deps& d, const Call& c) {
  std::string type;
  auto script = test_request(c.body, type);
  if (!script) return script.error();
  if (d.claims == nullptr) {
    return make_error(Errc::Unavailable, "custom JWT claims are not available on this server");
  }
  script::Outcome outcome =
      d.claims->run(*script, c.body.at("token").as_object(), c.body.at("context").as_object());
  if (!outcome.value) return failed_run(outcome.failure);
  return http::json_response(status::ok, *outcome.value);
}

}  // namespace

void ManagementApi::mount_jwt_customizer(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/configs/jwt-customizer", "List the custom JWT claims scripts", list_customizers},
      {put, "/configs/jwt-customizer/:tokenTypePath",
       "Create or replace a custom JWT claims script", put_customizer},
      {patch, "/configs/jwt-customizer/:tokenTypePath", "Update a custom JWT claims script",
       patch_customizer},
      {get, "/configs/jwt-customizer/:tokenTypePath", "Get a custom JWT claims script",
       get_customizer},
      {delete_, "/configs/jwt-customizer/:tokenTypePath", "Delete a custom JWT claims script",
       delete_customizer},
      // The run may block its thread for seconds: the hashing pool, never the database's.
      {post, "/configs/jwt-customizer/test", "Test a custom JWT claims script", test_customizer,
       http::Lane::Hashing},
  });
}

}  // namespace latch::management_api
