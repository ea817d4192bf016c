#include "management_api/custom_client_metadata.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <string>

#include "management_api/management_api.hpp"

namespace latch::management_api {
namespace {

namespace json = boost::json;

constexpr std::string_view kCustom = "customClientMetadata";
// The members of Logto's customClientMetadataGuard.
constexpr std::array<std::string_view, 10> kMembers = {
    "corsAllowedOrigins",    "idTokenTtl",         "refreshTokenTtl",
    "refreshTokenTtlInDays", "tenantId",           "alwaysIssueRefreshToken",
    "rotateRefreshToken",    "allowTokenExchange", "isDeviceFlow",
    "maxAllowedGrants"};

// The members the guard knows, in the order given: what Logto stores.
json::object known_members(const json::object& custom) {
  json::object out;
  for (const auto& [key, value] : custom) {
    if (std::find(kMembers.begin(), kMembers.end(), key) != kMembers.end()) out[key] = value;
  }
  return out;
}

Error bad(std::string_view key, std::string_view what) {
  std::string path = std::string(kCustom) + "." + std::string(key);
  // Logto's guard.invalid_input (the code of every InvalidRequest), with a message that says why.
  return with_field(make_error(Errc::InvalidRequest, path + " must be " + std::string(what)), path);
}

Result<std::optional<double>> number_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::optional<double>();
  if (!v->is_number()) return bad(key, "a number");
  return std::optional<double>(v->to_number<double>());
}

// An integer in [min, max]: a JSON number without a fraction.
Result<std::optional<std::int64_t>> integer_member(const json::object& o, std::string_view key,
                                                   std::int64_t min, std::int64_t max) {
  auto value = number_member(o, key);
  if (!value) return value.error();
  if (!*value) return std::optional<std::int64_t>();
  double n = **value;
  if (std::floor(n) != n || n < static_cast<double>(min) || n > static_cast<double>(max)) {
    return bad(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<std::int64_t>(static_cast<std::int64_t>(n));
}

Result<std::optional<bool>> bool_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::optional<bool>();
  if (!v->is_bool()) return bad(key, "a boolean");
  return std::optional<bool>(v->as_bool());
}

Result<std::vector<std::string>> origins_member(const json::object& o) {
  std::vector<std::string> out;
  const auto* v = o.if_contains("corsAllowedOrigins");
  if (!v) return out;
  if (!v->is_array()) return bad("corsAllowedOrigins", "an array of non-empty strings");
  for (const auto& item : v->as_array()) {
    if (!item.is_string() || item.as_string().empty()) {
      return bad("corsAllowedOrigins", "an array of non-empty strings");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

Result<model::ClientTokenSettings> token_settings(const json::object& o) {
  model::ClientTokenSettings s;
  auto id_ttl = number_member(o, "idTokenTtl");
  if (!id_ttl) return id_ttl.error();
  auto refresh_ttl = number_member(o, "refreshTokenTtl");
  if (!refresh_ttl) return refresh_ttl.error();
  auto days = integer_member(o, "refreshTokenTtlInDays", 1, 180);
  if (!days) return days.error();
  auto grants = integer_member(o, "maxAllowedGrants", 1, INT64_C(1) << 53);
  if (!grants) return grants.error();
  auto always = bool_member(o, "alwaysIssueRefreshToken");
  if (!always) return always.error();
  auto rotate = bool_member(o, "rotateRefreshToken");
  if (!rotate) return rotate.error();
  if (const auto* tenant = o.if_contains("tenantId")) {
    if (!tenant->is_string()) return bad("tenantId", "a string");
    s.tenant_id = std::string(tenant->as_string());
  }
  s.id_token_ttl = *id_ttl;
  s.refresh_token_ttl = *refresh_ttl;
  s.refresh_token_ttl_in_days = *days;
  s.max_allowed_grants = *grants;
  s.always_issue_refresh_token = *always;
  s.rotate_refresh_token = *rotate;
  return s;
}

}  // namespace

Result<void> read_custom_client_metadata(const json::object& custom,
                                         management::ApplicationPatch& patch) {
  auto origins = origins_member(custom);
  if (!origins) return origins.error();
  auto device = bool_member(custom, "isDeviceFlow");
  if (!device) return device.error();
  auto exchange = bool_member(custom, "allowTokenExchange");
  if (!exchange) return exchange.error();
  auto settings = token_settings(custom);
  if (!settings) return settings.error();
  patch.cors_allowed_origins = std::move(*origins);
  patch.is_device_flow = device->value_or(false);
  patch.allow_token_exchange = exchange->value_or(false);
  patch.token_settings = std::move(*settings);
  patch.custom_client_metadata = json::serialize(known_members(custom));
  return ok();
}

}  // namespace latch::management_api
