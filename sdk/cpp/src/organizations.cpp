#include "latch/organizations.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace latch {
namespace {

namespace json = boost::json;

const json::array* array_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  return value ? value->if_array() : nullptr;
}

std::string string_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

UserOrganization& entry_for(std::vector<UserOrganization>& out, const std::string& id) {
  auto it = std::find_if(out.begin(), out.end(), [&](const auto& o) { return o.id == id; });
  if (it != out.end()) {
    return *it;
  }
  out.push_back({.id = id, .name = {}, .roles = {}});
  return out.back();
}

void add_ids(std::vector<UserOrganization>& out, const json::array* ids) {
  for (const json::value& id : ids ? *ids : json::array()) {
    if (id.is_string() && !id.as_string().empty()) {
      entry_for(out, std::string(id.as_string()));
    }
  }
}

// organization_data: [{id, name, description}] (Logto's userinfo shape).
void add_names(std::vector<UserOrganization>& out, const json::array* data) {
  for (const json::value& item : data ? *data : json::array()) {
    const json::object* object = item.if_object();
    std::string id = object ? string_at(*object, "id") : std::string();
    if (!id.empty()) {
      entry_for(out, id).name = string_at(*object, "name");
    }
  }
}

// organization_roles: ["<organization id>:<role name>"]; an id has no ':', a role name may.
void add_roles(std::vector<UserOrganization>& out, const json::array* roles) {
  for (const json::value& item : roles ? *roles : json::array()) {
    std::string_view text = item.is_string() ? std::string_view(item.as_string()) : "";
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
      continue;
    }
    entry_for(out, std::string(text.substr(0, colon))).roles.emplace_back(text.substr(colon + 1));
  }
}

}  // namespace

std::string organization_audience(std::string_view organization_id) {
  return std::string(kOrganizationAudiencePrefix) + std::string(organization_id);
}

std::optional<std::string> organization_id_of_audience(std::string_view audience) {
  constexpr std::string_view prefix = kOrganizationAudiencePrefix;
  if (!audience.starts_with(prefix) || audience.size() == prefix.size()) {
    return std::nullopt;
  }
  return std::string(audience.substr(prefix.size()));
}

std::vector<UserOrganization> organizations_from_claims(const json::object& claims) {
  std::vector<UserOrganization> out;
  add_ids(out, array_claim(claims, "organizations"));
  add_names(out, array_claim(claims, "organization_data"));
  add_roles(out, array_claim(claims, "organization_roles"));
  return out;
}

}  // namespace latch
