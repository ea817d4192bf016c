#include <boost/json/array.hpp>

#include "management/client_registration_service.hpp"
#include "management_api/management_api.hpp"

// /api/initial-access-tokens: the bearer tokens that let a developer or an agent register clients
// at /oidc/reg when dynamic_registration is initial_access_token (RFC 7591 §3). The token's
// value is shown once, in the answer to POST; Latch keeps its hash.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

management::ClientRegistrationService service(const ManagementApiDeps& d) {
  return management::ClientRegistrationService(
      management::parse_registration_mode(d.config.dynamic_registration), d.store, d.secrets,
      d.clock);
}

// An optional integer member; InvalidRequest naming it when it is not an integer.
Result<std::optional<std::int64_t>> int_field(const json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value) return std::optional<std::int64_t>();
  if (!value->is_int64()) {
    return with_field(make_error(Errc::InvalidRequest, std::string(key) + " must be an integer"),
                      std::string(key));
  }
  return std::optional<std::int64_t>(value->as_int64());
}

Result<http::Response> create_token(const ManagementApiDeps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"description", "expiresIn", "uses"}); !r) return r.error();
  management::NewInitialToken request;
  auto description = string_field(c.body, "description");
  if (!description) return description.error();
  request.description = description->value_or("");
  auto expires_in = int_field(c.body, "expiresIn");
  if (!expires_in) return expires_in.error();
  if (*expires_in) request.expires_in = **expires_in;
  auto uses = int_field(c.body, "uses");
  if (!uses) return uses.error();
  if (*uses) request.uses = **uses;
  auto created = service(d).create_initial_token(request);
  if (!created) return created.error();
  http::Response res =
      http::json_response(status::created, management::to_json(created->token, created->value));
  http::set_no_store(res);
  return res;
}

Result<http::Response> list_tokens(const ManagementApiDeps& d, const Call&) {
  auto tokens = service(d).list_initial_tokens();
  if (!tokens) return tokens.error();
  json::array items;
  for (const auto& token : *tokens) items.push_back(management::to_json(token));
  return http::json_response(status::ok, items);
}

Result<http::Response> revoke_token(const ManagementApiDeps& d, const Call& c) {
  auto removed = service(d).revoke_initial_token(std::string(c.param("id")));
  if (!removed) return removed.error();
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_initial_access_tokens(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {post, "/initial-access-tokens", "Create an initial access token (RFC 7591)", create_token},
      {get, "/initial-access-tokens", "List initial access tokens", list_tokens},
      {delete_, "/initial-access-tokens/:id", "Revoke an initial access token", revoke_token},
  });
}

}  // namespace latch::management_api
