#include "storage/sql/application_repository.hpp"

#include <boost/json.hpp>
#include <string>
#include <utility>

#include "storage/sql/epochs.hpp"
#include "storage/sql/json_list.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect = "SELECT " + std::string(kApplicationColumns) + " FROM applications";
const std::string kOrder = " ORDER BY created_at DESC, id";
const std::string kFind = kSelect + " WHERE id = ?";
const std::string kListPage = kSelect + kOrder + " LIMIT ? OFFSET ?";
const std::string kListAll = kSelect + kOrder;

namespace json = boost::json;

// The members of Logto's customClientMetadata (the custom_client_metadata column) that shape
// tokens; a member of the wrong type counts as absent.
std::optional<double> number_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

std::optional<std::int64_t> integer_of(const json::object& o, std::string_view key) {
  auto v = number_of(o, key);
  if (!v) return std::nullopt;
  return static_cast<std::int64_t>(*v);
}

std::optional<bool> bool_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

model::ClientTokenSettings settings_of(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  model::ClientTokenSettings s;
  if (ec || !parsed.is_object()) return s;
  const auto& o = parsed.as_object();
  s.id_token_ttl = number_of(o, "idTokenTtl");
  s.refresh_token_ttl = number_of(o, "refreshTokenTtl");
  s.refresh_token_ttl_in_days = integer_of(o, "refreshTokenTtlInDays");
  if (const auto* v = o.if_contains("tenantId"); v && v->is_string()) {
    s.tenant_id = std::string(v->as_string());
  }
  s.always_issue_refresh_token = bool_of(o, "alwaysIssueRefreshToken");
  s.rotate_refresh_token = bool_of(o, "rotateRefreshToken");
  s.max_allowed_grants = integer_of(o, "maxAllowedGrants");
  return s;
}

}  // namespace

model::Application read_application(const Row& s) {
  model::Application app;
  app.id = s.text(0);
  app.name = s.text(1);
  app.description = s.text(2);
  app.type = model::parse_app_type(s.text(3)).value_or(model::AppType::Traditional);
  app.redirect_uris = from_json_array(s.text(4));
  app.post_logout_redirect_uris = from_json_array(s.text(5));
  app.cors_allowed_origins = from_json_array(s.text(6));
  app.is_third_party = s.boolean(7);
  app.id_token_signed_response_alg = s.text(8);
  app.custom_data_json = s.text(9);
  app.created_at = s.int64(10);
  app.token_endpoint_auth_method = s.text(11);
  app.jwks_json = s.text(12);
  app.jwks_uri = s.text(13);
  app.is_device_flow = s.boolean(14);
  app.require_pushed_authorization_requests = s.boolean(15);
  app.allow_token_exchange = s.boolean(16);
  app.backchannel_logout_uri = s.text(17);
  app.backchannel_logout_session_required = s.boolean(18);
  app.custom_client_metadata_json = s.text(19);
  app.token_settings = settings_of(app.custom_client_metadata_json);
  return app;
}

Result<void> SqlApplicationRepository::bumped(Result<void> written) {
  return bump_after(conn_, std::move(written), kApplicationsEpoch);
}

Result<void> SqlApplicationRepository::insert(const model::Application& app) {
  return bumped(run(
      conn_,
      "INSERT INTO applications (id, name, description, type, redirect_uris, "
      "post_logout_redirect_uris, cors_allowed_origins, is_third_party, "
      "id_token_signed_response_alg, custom_data, created_at, token_endpoint_auth_method, "
      "jwks, jwks_uri, is_device_flow, require_pushed_authorization_requests, "
      "allow_token_exchange, backchannel_logout_uri, backchannel_logout_session_required, "
      "custom_client_metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {app.id,
       app.name,
       app.description,
       model::app_type_name(app.type),
       to_json_array(app.redirect_uris),
       to_json_array(app.post_logout_redirect_uris),
       to_json_array(app.cors_allowed_origins),
       app.is_third_party,
       app.id_token_signed_response_alg,
       app.custom_data_json,
       app.created_at,
       app.token_endpoint_auth_method,
       app.jwks_json,
       app.jwks_uri,
       app.is_device_flow,
       app.require_pushed_authorization_requests,
       app.allow_token_exchange,
       app.backchannel_logout_uri,
       app.backchannel_logout_session_required,
       app.custom_client_metadata_json}));
}

Result<void> SqlApplicationRepository::update(const model::Application& app) {
  return bumped(execute_one(
      conn_,
      "UPDATE applications SET name = ?, description = ?, type = ?, "
      "redirect_uris = ?, post_logout_redirect_uris = ?, cors_allowed_origins = ?, "
      "is_third_party = ?, id_token_signed_response_alg = ?, custom_data = ?, "
      "token_endpoint_auth_method = ?, jwks = ?, jwks_uri = ?, is_device_flow = ?, "
      "require_pushed_authorization_requests = ?, allow_token_exchange = ?, "
      "backchannel_logout_uri = ?, backchannel_logout_session_required = ?, custom_client_metadata "
      "= ? "
      "WHERE id = ?",
      {app.name, app.description, model::app_type_name(app.type), to_json_array(app.redirect_uris),
       to_json_array(app.post_logout_redirect_uris), to_json_array(app.cors_allowed_origins),
       app.is_third_party, app.id_token_signed_response_alg, app.custom_data_json,
       app.token_endpoint_auth_method, app.jwks_json, app.jwks_uri, app.is_device_flow,
       app.require_pushed_authorization_requests, app.allow_token_exchange,
       app.backchannel_logout_uri, app.backchannel_logout_session_required,
       app.custom_client_metadata_json, app.id},
      "application"));
}

Result<std::optional<model::Application>> SqlApplicationRepository::find(std::string_view id) {
  return query_one<model::Application>(conn_, kFind, {id}, read_application);
}

Result<std::vector<model::Application>> SqlApplicationRepository::list(Page page) {
  Window w = window(page.page, page.page_size);
  return query_all<model::Application>(conn_, kListPage, {w.limit, w.offset}, read_application);
}

Result<std::vector<model::Application>> SqlApplicationRepository::list_all() {
  return query_all<model::Application>(conn_, kListAll, {}, read_application);
}

Result<std::int64_t> SqlApplicationRepository::count() {
  return query_int64(conn_, "SELECT COUNT(*) FROM applications", {});
}

Result<void> SqlApplicationRepository::remove(std::string_view id) {
  return bumped(execute_one(conn_, "DELETE FROM applications WHERE id = ?", {id}, "application"));
}

Result<std::vector<model::Application>> SqlApplicationRepository::find_many(
    const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<model::Application>();
  auto values = text_values(ids);
  return query_all_of<model::Application>(
      conn_, kSelect + " WHERE id IN (" + placeholders(ids.size()) + ")", values, read_application);
}

}  // namespace latch::storage::sql
