#include "management_api/api_kit.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/log.hpp"
#include "experience/i18n/i18n.hpp"
#include "http/form.hpp"

namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

Error bad_type(std::string_view key, std::string_view what) {
  return with_field(
      make_error(Errc::InvalidRequest, std::string(key) + " must be " + std::string(what)),
      std::string(key));
}

// `key` of an object at `parent` ("" for the body itself): "parent.key".
std::string path_of(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

int positive(std::string_view text, int fallback) {
  if (text.empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return -1;
  return value;
}

}  // namespace

ErrorStatus error_status(const Error& error) {
  switch (error.code) {
    case Errc::NotFound:
      return {status::not_found, "entity.not_found"};
    case Errc::Unauthorized:
    case Errc::InvalidToken:
      return {status::unauthorized, "auth.unauthorized"};
    case Errc::Forbidden:
    case Errc::AccessDenied:
      return {status::forbidden, "auth.forbidden"};
    case Errc::Conflict:
      // Logto answers a taken SSO connector name with 409, other clashes with 422.
      return {error.key == "single_sign_on.duplicate_connector_name" ? status::conflict
                                                                     : status::unprocessable_entity,
              "entity.unique_integrity_violation"};
    case Errc::Unavailable:
      return {status::service_unavailable, "connector.unavailable"};
    case Errc::Internal:
      return {status::internal_server_error, "unknown"};
    default:
      return {status::bad_request, "guard.invalid_input"};
  }
}

std::string error_code(const Error& error) {
  return error.key.empty() ? std::string(error_status(error).fallback_code) : error.key;
}

http::Response error_response(const Error& error, const experience::Vars& vars) {
  status code = error_status(error).status;
  json::object body{{"code", error_code(error)},
                    {"message", error.code == Errc::Internal
                                    ? std::string("Internal server error.")
                                    : experience::error_text(experience::Lang::En, error, vars)}};
  if (!error.field.empty()) body["field"] = error.field;
  // The detail is for the log only: it may name tables, constraints or the database's own words.
  log_error(error);
  http::Response res = http::json_response(code, body);
  http::set_no_store(res);
  return res;
}

Result<void> only_fields(const json::object& body, std::initializer_list<std::string_view> allowed,
                         std::string_view parent) {
  for (const auto& [key, value] : body) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      std::string path = path_of(parent, key);
      return with_field(make_error(Errc::InvalidRequest, "unknown field " + path), path);
    }
  }
  return ok();
}

Result<std::optional<std::string>> string_field(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return bad_type(key, "a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::optional<std::int64_t>> epoch_millis_field(const json::object& body,
                                                       std::string_view key) {
  using Out = std::optional<std::int64_t>;
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return Out();
  if (v->is_int64()) return Out(v->as_int64());
  if (v->is_uint64() && v->as_uint64() < (1ull << 62)) {
    return Out(static_cast<std::int64_t>(v->as_uint64()));
  }
  if (v->is_double() && std::isfinite(v->as_double()) && std::abs(v->as_double()) < 1e17) {
    return Out(static_cast<std::int64_t>(v->as_double()));
  }
  return bad_type(key, "a number (epoch milliseconds)");
}

Result<std::optional<std::optional<std::string>>> nullable_string(const json::object& body,
                                                                  std::string_view key) {
  using Out = std::optional<std::optional<std::string>>;
  const auto* v = body.if_contains(key);
  if (!v) return Out();
  if (v->is_null()) return Out(std::optional<std::string>());
  if (!v->is_string()) return bad_type(key, "a string or null");
  return Out(std::optional<std::string>(std::string(v->as_string())));
}

Result<std::optional<bool>> bool_field(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  if (!v) return std::optional<bool>();
  if (!v->is_bool()) return bad_type(key, "true or false");
  return std::optional<bool>(v->as_bool());
}

Result<std::optional<std::vector<std::string>>> strings_field(const json::object& body,
                                                              std::string_view key,
                                                              std::string_view parent) {
  const auto* v = body.if_contains(key);
  if (!v) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return bad_type(path_of(parent, key), "an array of strings");
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) return bad_type(path_of(parent, key), "an array of strings");
    out.emplace_back(item.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<json::object>> object_field(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  if (!v) return std::optional<json::object>();
  if (!v->is_object()) return bad_type(key, "an object");
  return std::optional<json::object>(v->as_object());
}

Result<std::optional<std::string>> object_text(const json::object& body, std::string_view key) {
  auto object = object_field(body, key);
  if (!object) return object.error();
  if (!*object) return std::optional<std::string>();
  return std::optional<std::string>(json::serialize(**object));
}

namespace {

template <class Read>
auto sole(const json::object& body, std::string_view key, Read read)
    -> Result<typename std::invoke_result_t<Read, const json::object&,
                                            std::string_view>::value_type::value_type> {
  for (const auto& [name, value] : body) {
    if (name != key) return make_error(Errc::InvalidRequest, "unknown field " + std::string(name));
  }
  auto value = read(body, key);
  if (!value) return value.error();
  if (!*value) {
    return with_field(make_error(Errc::InvalidRequest, std::string(key) + " is required"),
                      std::string(key));
  }
  return std::move(**value);
}

}  // namespace

Result<std::string> sole_string(const json::object& body, std::string_view key) {
  return sole(body, key, string_field);
}

Result<bool> sole_bool(const json::object& body, std::string_view key) {
  return sole(body, key, bool_field);
}

Result<json::object> sole_object(const json::object& body, std::string_view key) {
  return sole(body, key, object_field);
}

Result<std::vector<std::string>> sole_ids(const json::object& body, std::string_view key,
                                          bool nonempty) {
  auto ids = sole(body, key,
                  [](const json::object& b, std::string_view k) { return strings_field(b, k); });
  if (!ids) return ids.error();
  bool blank = std::any_of(ids->begin(), ids->end(), [](const auto& id) { return id.empty(); });
  if (blank || (nonempty && ids->empty())) {
    return bad_type(key, nonempty ? "a non-empty array of ids" : "an array of ids");
  }
  return ids;
}

namespace {

// Logto mounts its management API under /api, so the paths its hooks report are the API's own:
// /users/u1, /users/:userId.
std::string without_api_prefix(std::string_view path) {
  constexpr std::string_view kPrefix = "/api";
  if (path.starts_with(kPrefix) && (path.size() == kPrefix.size() || path[kPrefix.size()] == '/')) {
    path.remove_prefix(kPrefix.size());
  }
  return std::string(path.empty() ? "/" : path);
}

}  // namespace

management::HookOrigin hook_origin(const Call& call, int status) {
  const http::Request& r = call.request;
  return {.ip = r.remote_address,
          .user_agent = std::string(r.header(http::bhttp::field::user_agent)),
          .path = without_api_prefix(r.path),
          .method = std::string(http::bhttp::to_string(r.method())),
          .matched_route = without_api_prefix(call.route),
          .params = r.path_params,
          .status = status};
}

Result<storage::Page> page_of(const http::Request& request) {
  int page = positive(request.query.value("page"), 1);
  int size = positive(request.query.value("page_size"), 20);
  if (page < 1 || size < 1 || size > 100) {
    return keyed_error(Errc::InvalidRequest, "guard.invalid_pagination");
  }
  return storage::Page{page, size};
}

namespace {

// <endpoint/path?query with page=N>; rel="REL"
std::string page_link(const PageLinks& links, std::int64_t page, std::string_view rel) {
  std::string query;
  bool page_written = false;
  for (const auto& [name, value] : links.request.query.items()) {
    std::string shown = value;
    if (name == "page") {
      if (page_written) continue;
      page_written = true;
      shown = std::to_string(page);
    }
    if (!query.empty()) query += '&';
    query += http::percent_encode(name) + "=" + http::percent_encode(shown);
  }
  if (!page_written) query += (query.empty() ? "page=" : "&page=") + std::to_string(page);
  return "<" + std::string(links.endpoint) + links.request.path + "?" + query + ">; rel=\"" +
         std::string(rel) + "\"";
}

}  // namespace

http::Response page_response(json::array items, const PageLinks& links) {
  http::Response res = page_response(std::move(items), links.total);
  std::int64_t size = links.page.page_size;
  std::int64_t last = std::max<std::int64_t>(1, (links.total + size - 1) / size);
  std::vector<std::string> link{page_link(links, 1, "first")};
  if (links.page.page > 1) link.push_back(page_link(links, links.page.page - 1, "prev"));
  if (links.capped) {
    res.set("Total-Number-Is-Capped", "true");
  } else {
    link.push_back(page_link(links, last, "last"));
    if (links.page.page < last) link.push_back(page_link(links, links.page.page + 1, "next"));
  }
  std::string joined;
  for (const auto& l : link) joined += (joined.empty() ? "" : ", ") + l;
  res.set("Link", joined);
  return res;
}

http::Response page_response(json::array items, std::int64_t total) {
  http::Response res = http::json_response(status::ok, items);
  res.set("Total-Number", std::to_string(total));
  http::set_no_store(res);
  return res;
}

}  // namespace latch::management_api
