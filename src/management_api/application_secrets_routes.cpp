#include <boost/json/array.hpp>
#include <cmath>

#include "management/application_secret_service.hpp"
#include "management_api/management_api.hpp"

// /api/applications/:id/secrets (Logto's application-secret routes): an app's named client
// secrets, each shown with its value (management/application_secret_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::ApplicationSecretService service(const Deps& d) {
  return {d.store, d.secrets, d.clock};
}
std::string app_id(const Call& c) { return std::string(c.param("id")); }
std::string secret_name(const Call& c) { return std::string(c.param("name")); }

Error invalid(std::string_view field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::string(field));
}

// `name`, required, a string.
Result<std::string> name_of(const json::object& body) {
  auto name = string_field(body, "name");
  if (!name) return name.error();
  if (!*name) return invalid("name", "name is required");
  return std::move(**name);
}

// expiresAt: absent or null for a secret that never expires, else epoch milliseconds.
Result<std::optional<std::int64_t>> expires_at(const json::object& body) {
  const auto* v = body.if_contains("expiresAt");
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() < (1ull << 62)) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  }
  if (v->is_double() && std::isfinite(v->as_double()) && std::abs(v->as_double()) < 1e17) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_double()));
  }
  return invalid("expiresAt", "expiresAt must be a number (epoch milliseconds)");
}

Result<http::Response> list_secrets(const Deps& d, const Call& c) {
  auto secrets = service(d).list(app_id(c));
  if (!secrets) return secrets.error();
  json::array items;
  for (const auto& secret : *secrets) items.push_back(management::to_json(secret));
  http::Response res = http::json_response(status::ok, items);
  http::set_no_store(res);
  return res;
}

Result<http::Response> create_secret(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "expiresAt"}); !r) return r.error();
  auto name = name_of(c.body);
  if (!name) return name.error();
  auto expires = expires_at(c.body);
  if (!expires) return expires.error();
  auto made = service(d).create(app_id(c), {std::move(*name), *expires});
  if (!made) return made.error();
  http::Response res = http::json_response(status::created, management::to_json(*made));
  http::set_no_store(res);
  return res;
}

// Logto's PATCH: {name} renames the secret; nothing else of it changes.
Result<http::Response> rename_secret(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name"}); !r) return r.error();
  auto name = name_of(c.body);
  if (!name) return name.error();
  auto renamed = service(d).rename(app_id(c), secret_name(c), *name);
  if (!renamed) return renamed.error();
  http::Response res = http::json_response(status::ok, management::to_json(*renamed));
  http::set_no_store(res);
  return res;
}

Result<http::Response> delete_secret(const Deps& d, const Call& c) {
  if (auto r = service(d).remove(app_id(c), secret_name(c)); !r) return r.error();
  return http::empty_response(status::no_content);
}

// Latch: a new value for the app's "Default secret" (the console's "rotate"); the old value
// stops working at once, the app's other secrets keep working.
Result<http::Response> rotate_secret(const Deps& d, const Call& c) {
  auto rotated = service(d).rotate_default(app_id(c));
  if (!rotated) return rotated.error();
  http::Response res = http::json_response(status::ok, management::to_json(*rotated));
  http::set_no_store(res);
  return res;
}

}  // namespace

void ManagementApi::mount_application_secrets(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/applications/:id/secrets", "List an application's secrets", list_secrets},
      {post, "/applications/:id/secrets", "Add a secret to an application", create_secret},
      {patch, "/applications/:id/secrets/:name", "Rename an application secret", rename_secret},
      {delete_, "/applications/:id/secrets/:name", "Delete an application secret", delete_secret},
      {post, "/applications/:id/secret/rotate", "Give the default secret a new value",
       rotate_secret},
  });
}

}  // namespace latch::management_api
