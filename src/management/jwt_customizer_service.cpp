#include "management/jwt_customizer_service.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <optional>

#include "core/json.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

constexpr std::string_view kAccessToken = "access-token";

Error invalid(std::string field, const std::string& what) {
  return with_field(make_error(Errc::InvalidRequest, field + " " + what), field);
}

Error not_stored(std::string_view token_type) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id",
                     "no jwt customizer " + std::string(token_type));
}

// Logto's LogtoJwtTokenKey for a token type path.
std::string_view config_key(std::string_view token_type) {
  return token_type == kAccessToken ? "jwt.accessToken" : "jwt.clientCredentials";
}

Result<void> check_strings(const json::value& value, const std::string& field) {
  if (!value.is_object()) return invalid(field, "must be an object of strings");
  for (const auto& [name, member] : value.as_object()) {
    if (!member.is_string()) return invalid(field + "." + std::string(name), "must be a string");
  }
  return ok();
}

// Logto's contextSample: an object; for user tokens {user (required), grant, interaction,
// application, organization}, each an object; for client credentials {application}.
Result<void> check_context_sample(std::string_view token_type, const json::value& value,
                                  const std::string& field) {
  if (!value.is_object()) return invalid(field, "must be an object");
  const json::object& sample = value.as_object();
  bool user_token = token_type == kAccessToken;
  if (user_token && !sample.contains("user")) return invalid(field + ".user", "is required");
  for (const auto& [name, member] : sample) {
    std::string path = field + "." + std::string(name);
    bool known =
        name == "application" || (user_token && (name == "user" || name == "grant" ||
                                                 name == "interaction" || name == "organization"));
    if (known && !member.is_object()) return invalid(path, "must be an object");
  }
  return ok();
}

bool is_string_or_strings(const json::value& value) {
  if (value.is_string()) return true;
  if (!value.is_array()) return false;
  const auto& items = value.as_array();
  return std::all_of(items.begin(), items.end(),
                     [](const json::value& v) { return v.is_string(); });
}

}  // namespace

bool is_jwt_token_type(std::string_view token_type) {
  return token_type == kAccessToken || token_type == "client-credentials";
}

Result<void> check_token_sample(std::string_view token_type, const json::object& sample,
                                std::string_view field) {
  bool user_token = token_type == kAccessToken;
  for (const auto& [name, value] : sample) {
    std::string path = std::string(field) + "." + std::string(name);
    if (name == "aud") {
      if (!is_string_or_strings(value)) return invalid(path, "must be a string or strings");
    } else if (name == "kind") {
      std::string_view kind = user_token ? "AccessToken" : "ClientCredentials";
      if (!value.is_string() || value.as_string() != kind) {
        return invalid(path, "must be " + std::string(kind));
      }
    } else if (user_token && name == "expiresWithSession") {
      if (!value.is_bool()) return invalid(path, "must be a boolean");
    } else if (name == "jti" || name == "scope" || name == "clientId" ||
               (user_token && (name == "accountId" || name == "grantId" || name == "gty" ||
                               name == "sessionUid" || name == "sid"))) {
      if (!value.is_string()) return invalid(path, "must be a string");
    } else {
      return invalid(path, "is not a member of the token");
    }
  }
  return ok();
}

Result<void> check_jwt_customizer(std::string_view token_type, const json::object& body) {
  for (const auto& [name, value] : body) {
    std::string field(name);
    if (name == "script") {
      if (!value.is_string()) return invalid(field, "must be a string");
    } else if (name == "environmentVariables") {
      if (auto r = check_strings(value, field); !r) return r;
    } else if (name == "contextSample") {
      if (auto r = check_context_sample(token_type, value, field); !r) return r;
    } else if (name == "tokenSample") {
      if (!value.is_object()) return invalid(field, "must be an object");
      if (auto r = check_token_sample(token_type, value.as_object(), field); !r) return r;
    } else if (name == "blockIssuanceOnError") {
      if (!value.is_bool()) return invalid(field, "must be a boolean");
    } else {
      return invalid(field, "is not a member of a JWT customizer");
    }
  }
  if (!body.contains("script")) return invalid("script", "is required");
  return ok();
}

Result<JwtCustomizerService::Put> JwtCustomizerService::put(std::string_view token_type,
                                                            const json::object& body) {
  if (auto r = check_jwt_customizer(token_type, body); !r) return r.error();
  Put out{body, false};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.jwt_customizers().find(token_type);
    if (!found) return found.error();
    out.created = !found->has_value();
    return tx.jwt_customizers().put(
        {std::string(token_type), json::serialize(body), clock_.now_millis()});
  });
  if (!done) return done.error();
  return out;
}

Result<json::object> JwtCustomizerService::patch(std::string_view token_type,
                                                 const json::object& body) {
  // Logto checks the body whole, as PUT does (script included), then merges it.
  if (auto r = check_jwt_customizer(token_type, body); !r) return r.error();
  json::object merged;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.jwt_customizers().find(token_type);
    if (!found) return found.error();
    if (!*found) return not_stored(token_type);
    merged = json_object_or_empty((*found)->config);
    for (const auto& [name, value] : body) merged[name] = value;
    if (auto r = check_jwt_customizer(token_type, merged); !r) return r;
    return tx.jwt_customizers().put(
        {std::string(token_type), json::serialize(merged), clock_.now_millis()});
  });
  if (!done) return done.error();
  return merged;
}

Result<json::object> JwtCustomizerService::get(std::string_view token_type) {
  std::optional<storage::StoredJwtCustomizer> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto row = tx.jwt_customizers().find(token_type);
    if (!row) return row.error();
    found = std::move(*row);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return not_stored(token_type);
  return json_object_or_empty(found->config);
}

Result<json::array> JwtCustomizerService::list() {
  std::vector<storage::StoredJwtCustomizer> rows;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.jwt_customizers().list();
    if (!all) return all.error();
    rows = std::move(*all);
    return ok();
  });
  if (!done) return done.error();
  json::array out;  // "access-token" sorts first: Logto's order, jwt.accessToken first
  for (const auto& row : rows) {
    out.push_back(
        {{"key", config_key(row.token_type)}, {"value", json_object_or_empty(row.config)}});
  }
  return out;
}

Result<void> JwtCustomizerService::remove(std::string_view token_type) {
  auto done =
      store_.transact([&](storage::Tx& tx) { return tx.jwt_customizers().remove(token_type); });
  if (!done && done.error().code == Errc::NotFound) return not_stored(token_type);
  return done;
}

}  // namespace latch::management
