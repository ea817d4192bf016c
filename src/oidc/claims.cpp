#include "oidc/claims.hpp"

#include <boost/json/parse.hpp>

#include "model/organization.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

// OIDC Core §5.3.2: a claim without a value is omitted, never sent as null.
void set_if_present(boost::json::object& claims, std::string_view name,
                    const std::optional<std::string>& value) {
  if (value) claims[name] = *value;
}

boost::json::object parse_object(const std::string& json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) return {};
  return value.as_object();
}

// Logto stores profile fields camelCased (givenName) and releases them snake_cased.
std::string snake_case(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void add_profile(boost::json::object& claims, const model::User& user) {
  set_if_present(claims, "name", user.name);
  set_if_present(claims, "picture", user.avatar);
  set_if_present(claims, "username", user.username);
  for (const auto& [key, value] : parse_object(user.profile_json)) {
    if (!value.is_null()) claims[snake_case(key)] = value;
  }
  if (!claims.contains("preferred_username") && user.username) {
    claims["preferred_username"] = *user.username;
  }
  claims["created_at"] = user.created_at;
  claims["updated_at"] = user.updated_at;
}

}  // namespace

namespace {

Result<void> add_roles(storage::Tx& tx, std::string_view user_id, boost::json::object& claims) {
  auto roles = tx.roles().roles_of_user(user_id);
  if (!roles) return roles.error();
  boost::json::array names;
  for (const auto& role : *roles) names.emplace_back(role.name);
  claims["roles"] = std::move(names);
  return ok();
}

void add_organizations(const std::vector<storage::Membership>& memberships, bool with_roles,
                       bool with_data, boost::json::object& claims) {
  boost::json::array ids;
  boost::json::array data;
  boost::json::array roles;
  for (const auto& [organization, held] : memberships) {
    ids.emplace_back(organization.id);
    boost::json::object entry{{"id", organization.id}, {"name", organization.name}};
    if (organization.description) {
      entry["description"] = *organization.description;
    } else {
      entry["description"] = nullptr;
    }
    data.emplace_back(std::move(entry));
    for (const auto& role : held) roles.emplace_back(organization.id + ":" + role.name);
  }
  if (with_data) {
    claims["organizations"] = std::move(ids);
    claims["organization_data"] = std::move(data);
  }
  if (with_roles) claims["organization_roles"] = std::move(roles);
}

}  // namespace

Result<boost::json::object> membership_claims(storage::Tx& tx, std::string_view user_id,
                                              const std::vector<std::string>& scopes) {
  boost::json::object claims;
  if (has_scope(scopes, "roles")) {
    if (auto added = add_roles(tx, user_id, claims); !added) return added.error();
  }
  bool with_data = has_scope(scopes, model::kOrganizationsScope);
  bool with_roles = has_scope(scopes, model::kOrganizationRolesScope);
  if (with_data || with_roles) {
    auto memberships = tx.organizations().memberships_of_user(user_id);
    if (!memberships) return memberships.error();
    add_organizations(*memberships, with_roles, with_data, claims);
  }
  return claims;
}

bool is_oidc_scope(std::string_view scope) {
  static constexpr std::string_view kScopes[] = {"openid",
                                                 "offline_access",
                                                 "profile",
                                                 "email",
                                                 "phone",
                                                 "address",
                                                 "custom_data",
                                                 "identities",
                                                 "roles",
                                                 model::kOrganizationsScope,
                                                 model::kOrganizationRolesScope};
  for (auto s : kScopes) {
    if (s == scope) return true;
  }
  return false;
}

boost::json::object user_claims(const model::User& user, const std::vector<std::string>& scopes,
                                bool extended) {
  boost::json::object claims{{"sub", user.id}};
  if (has_scope(scopes, "profile")) add_profile(claims, user);
  if (has_scope(scopes, "email") && user.primary_email) {
    claims["email"] = *user.primary_email;
    claims["email_verified"] = true;  // as Logto: a primary address counts as verified
  }
  if (has_scope(scopes, "phone") && user.primary_phone) {
    claims["phone_number"] = *user.primary_phone;
    claims["phone_number_verified"] = true;
  }
  if (extended && has_scope(scopes, "custom_data")) {
    claims["custom_data"] = parse_object(user.custom_data_json);
  }
  if (extended && has_scope(scopes, "identities")) {
    claims["identities"] = parse_object(user.identities_json);
  }
  return claims;
}

}  // namespace latch::oidc
