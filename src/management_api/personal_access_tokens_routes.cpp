#include <boost/json/array.hpp>

#include "management/personal_access_token_service.hpp"
#include "management_api/management_api.hpp"

// /api/users/:userId/personal-access-tokens (Logto's admin-user personal-access-token routes): a
// user's named tokens, each shown with its value
// (management/personal_access_token_service.hpp). Logto names the token to change in the body
// (POST …/delete, PATCH with currentName) and keeps the older forms that name it in the path.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::PersonalAccessTokenService service(const Deps& d) {
  return {d.store, d.secrets, d.clock};
}
std::string user_id(const Call& c) { return std::string(c.param("userId")); }

// `key`, required, a string.
Result<std::string> required_string(const json::object& body, std::string_view key) {
  auto value = string_field(body, key);
  if (!value) return value.error();
  if (!*value) {
    return with_field(make_error(Errc::InvalidRequest, std::string(key) + " is required"),
                      std::string(key));
  }
  return std::move(**value);
}

http::Response token_response(status code, const management::PersonalAccessTokenView& view) {
  http::Response res = http::json_response(code, management::to_json(view));
  http::set_no_store(res);
  return res;
}

Result<http::Response> list_tokens(const Deps& d, const Call& c) {
  auto tokens = service(d).list(user_id(c));
  if (!tokens) return tokens.error();
  json::array items;
  for (const auto& token : *tokens) items.push_back(management::to_json(token));
  http::Response res = http::json_response(status::ok, items);
  http::set_no_store(res);
  return res;
}

Result<http::Response> create_token(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "expiresAt"}); !r) return r.error();
  auto name = required_string(c.body, "name");
  if (!name) return name.error();
  auto expires = epoch_millis_field(c.body, "expiresAt");
  if (!expires) return expires.error();
  auto made = service(d).create(user_id(c), {std::move(*name), *expires});
  if (!made) return made.error();
  return token_response(status::created, *made);
}

Result<http::Response> rename_named(const Deps& d, const Call& c, const std::string& current) {
  auto name = required_string(c.body, "name");
  if (!name) return name.error();
  auto renamed = service(d).rename(user_id(c), current, *name);
  if (!renamed) return renamed.error();
  return token_response(status::ok, *renamed);
}

// {name, currentName?}: the token currentName (else name, a rename to itself) is renamed name.
Result<http::Response> rename_token(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "currentName"}); !r) return r.error();
  auto current = string_field(c.body, "currentName");
  if (!current) return current.error();
  if (*current) return rename_named(d, c, **current);
  auto name = required_string(c.body, "name");
  if (!name) return name.error();
  return rename_named(d, c, *name);
}

Result<http::Response> rename_token_by_path(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name"}); !r) return r.error();
  return rename_named(d, c, std::string(c.param("name")));
}

Result<http::Response> remove_named(const Deps& d, const Call& c, const std::string& name) {
  if (auto r = service(d).remove(user_id(c), name); !r) return r.error();
  return http::empty_response(status::no_content);
}

// POST …/delete {name}: a body, where some clients drop the body of a DELETE.
Result<http::Response> delete_token(const Deps& d, const Call& c) {
  auto name = sole_string(c.body, "name");
  if (!name) return name.error();
  return remove_named(d, c, *name);
}

Result<http::Response> delete_token_by_path(const Deps& d, const Call& c) {
  return remove_named(d, c, std::string(c.param("name")));
}

}  // namespace

void ManagementApi::mount_personal_access_tokens(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/users/:userId/personal-access-tokens", "List a user's personal access tokens",
       list_tokens},
      {post, "/users/:userId/personal-access-tokens", "Add a personal access token to a user",
       create_token},
      {patch, "/users/:userId/personal-access-tokens", "Rename a personal access token",
       rename_token},
      {post, "/users/:userId/personal-access-tokens/delete", "Delete a personal access token",
       delete_token},
      {patch, "/users/:userId/personal-access-tokens/:name",
       "Rename a personal access token (named in the path)", rename_token_by_path},
      {delete_, "/users/:userId/personal-access-tokens/:name",
       "Delete a personal access token (named in the path)", delete_token_by_path},
  });
}

}  // namespace latch::management_api
