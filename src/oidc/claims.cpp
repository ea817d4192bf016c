#include "oidc/claims.hpp"

#include <boost/json/parse.hpp>

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

Result<std::vector<std::string>> role_claim(storage::Tx& tx, std::string_view user_id,
                                            const std::vector<std::string>& scopes) {
  std::vector<std::string> names;
  if (!has_scope(scopes, "roles")) return names;
  auto roles = tx.roles().roles_of_user(user_id);
  if (!roles) return roles.error();
  for (const auto& role : *roles) names.push_back(role.name);
  return names;
}

void add_roles(boost::json::object& claims, const std::vector<std::string>& scopes,
               const std::vector<std::string>& role_names) {
  if (!has_scope(scopes, "roles")) return;
  boost::json::array names;
  for (const auto& name : role_names) names.emplace_back(name);
  claims["roles"] = std::move(names);
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
                                                 "urn:logto:scope:organizations",
                                                 "urn:logto:scope:organization_roles"};
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
