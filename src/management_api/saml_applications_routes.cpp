#include <algorithm>

#include "management/saml_application_service.hpp"
#include "management_api/management_api.hpp"

// /api/saml-applications (Logto's routes/saml-application/index.ts): SAML apps, Latch as a SAML
// IdP, and their signing secrets. Unlike Logto OSS, the number of SAML apps is not capped.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::SamlApplicationService service(const Deps& d) {
  return {d.store, d.secrets, d.clock, d.config.endpoint};
}
std::string app_id(const Call& c) { return std::string(c.param("id")); }

// A nullable member: absent → nullopt, null → optional(nullopt).
template <class T, class Read>
Result<std::optional<std::optional<T>>> nullable(const json::object& body, std::string_view key,
                                                 Read read) {
  using Out = std::optional<std::optional<T>>;
  const auto* v = body.if_contains(key);
  if (!v) return Out();
  if (v->is_null()) return Out(std::optional<T>());
  auto value = read(body, key);
  if (!value) return value.error();
  return Out(std::optional<T>(std::move(**value)));
}

// The first error among `results`, or success.
template <class... Rs>
Result<void> first_error(const Rs&... results) {
  Result<void> out = ok();
  auto keep = [&out](const auto& r) {
    if (out && !r) out = r.error();
  };
  (keep(results), ...);
  return out;
}

// The members of Logto's samlApplicationCreateGuard / PatchGuard (and Latch's spCertificate).
Result<management::SamlAppChange> change_of(const json::object& body) {
  if (auto r = only_fields(
          body, {"name", "description", "customData", "attributeMapping", "entityId", "acsUrl",
                 "encryption", "nameIdFormat", "spCertificate", "appLevelAccessControlEnabled"});
      !r) {
    return r.error();
  }
  management::SamlAppChange change;
  auto name = string_field(body, "name");
  auto description = nullable_string(body, "description");
  auto custom_data = object_field(body, "customData");
  auto mapping = object_field(body, "attributeMapping");
  auto entity_id = nullable_string(body, "entityId");
  auto acs_url = nullable<json::object>(body, "acsUrl", object_field);
  auto encryption = nullable<json::object>(body, "encryption", object_field);
  auto format = string_field(body, "nameIdFormat");
  auto certificate = nullable_string(body, "spCertificate");
  auto access_control = bool_field(body, "appLevelAccessControlEnabled");
  if (auto r = first_error(name, description, custom_data, mapping, entity_id, acs_url, encryption,
                           format, certificate, access_control);
      !r) {
    return r.error();
  }
  // Latch has no per-app access control: only "off" is accepted.
  if (*access_control && **access_control) {
    return with_field(
        make_error(Errc::InvalidRequest, "application-level access control is not supported"),
        "appLevelAccessControlEnabled");
  }
  change.name = std::move(*name);
  if (*description) change.description = (*description)->value_or("");
  change.custom_data = std::move(*custom_data);
  change.attribute_mapping = std::move(*mapping);
  change.entity_id = std::move(*entity_id);
  change.acs_url = std::move(*acs_url);
  change.encryption = std::move(*encryption);
  change.name_id_format = std::move(*format);
  change.sp_certificate = std::move(*certificate);
  return change;
}

Result<http::Response> app_response(status code, Result<management::SamlAppView> view) {
  if (!view) return view.error();
  return http::json_response(code, management::to_json(*view));
}

Result<http::Response> secret_response(status code, Result<management::SamlSecretView> view) {
  if (!view) return view.error();
  return http::json_response(code, management::to_json(*view));
}

Result<http::Response> create_app(const Deps& d, const Call& c) {
  auto change = change_of(c.body);
  if (!change) return change.error();
  return app_response(status::created, service(d).create(*change));
}

Result<http::Response> get_app(const Deps& d, const Call& c) {
  return app_response(status::ok, service(d).get(app_id(c)));
}

Result<http::Response> update_app(const Deps& d, const Call& c) {
  auto change = change_of(c.body);
  if (!change) return change.error();
  return app_response(status::ok, service(d).update(app_id(c), *change));
}

Result<http::Response> delete_app(const Deps& d, const Call& c) {
  if (auto r = service(d).remove(app_id(c)); !r) return r.error();
  return http::empty_response(status::no_content);
}

// {lifeSpanInYears: integer >= 1}.
Result<http::Response> create_secret(const Deps& d, const Call& c) {
  const auto* years = c.body.if_contains("lifeSpanInYears");
  if (c.body.size() != 1 || !years || !years->is_int64()) {
    return with_field(
        make_error(Errc::InvalidRequest, "the body must be {lifeSpanInYears: an integer}"),
        "lifeSpanInYears");
  }
  auto clamped = std::clamp<std::int64_t>(years->as_int64(), 0, 1000);
  return secret_response(status::created,
                         service(d).create_secret(app_id(c), static_cast<int>(clamped)));
}

Result<http::Response> list_secrets(const Deps& d, const Call& c) {
  auto secrets = service(d).list_secrets(app_id(c));
  if (!secrets) return secrets.error();
  json::array out;
  for (const auto& s : *secrets) out.push_back(management::to_json(s));
  return http::json_response(status::ok, out);
}

Result<http::Response> update_secret(const Deps& d, const Call& c) {
  auto active = sole_bool(c.body, "active");
  if (!active) return active.error();
  return secret_response(status::ok, service(d).set_secret_active(
                                         app_id(c), std::string(c.param("secretId")), *active));
}

Result<http::Response> delete_secret(const Deps& d, const Call& c) {
  auto removed = service(d).remove_secret(app_id(c), std::string(c.param("secretId")));
  if (!removed) return removed.error();
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_saml_applications(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {post, "/saml-applications", "Create a SAML application", create_app},
      {get, "/saml-applications/:id", "Get a SAML application", get_app},
      {patch, "/saml-applications/:id", "Update a SAML application", update_app},
      {delete_, "/saml-applications/:id", "Delete a SAML application", delete_app},
      {post, "/saml-applications/:id/secrets", "Create a SAML application's signing secret",
       create_secret},
      {get, "/saml-applications/:id/secrets", "List a SAML application's signing secrets",
       list_secrets},
      {patch, "/saml-applications/:id/secrets/:secretId",
       "Activate or deactivate a SAML application's signing secret", update_secret},
      {delete_, "/saml-applications/:id/secrets/:secretId",
       "Delete an inactive signing secret of a SAML application", delete_secret},
  });
}

}  // namespace latch::management_api
