// The context a custom claims script sees (Logto's jwt-customizer context shapes).
#include <algorithm>
#include <boost/json/array.hpp>
#include <map>

#include "core/json.hpp"
#include "model/mfa.hpp"
#include "oidc/custom_claims.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

json::value optional_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::array text_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

// Logto's userInfoSelectFields, with hasPassword.
json::object profile_of(const model::User& user) {
  return {{"id", user.id},
          {"username", optional_text(user.username)},
          {"primaryEmail", optional_text(user.primary_email)},
          {"primaryPhone", optional_text(user.primary_phone)},
          {"name", optional_text(user.name)},
          {"avatar", optional_text(user.avatar)},
          {"customData", json_object_or_empty(user.custom_data_json)},
          {"identities", json_object_or_empty(user.identities_json)},
          {"lastSignInAt",
           user.last_sign_in_at == 0 ? json::value(nullptr) : json::value(user.last_sign_in_at)},
          {"createdAt", user.created_at},
          {"updatedAt", user.updated_at},
          {"profile", json_object_or_empty(user.profile_json)},
          {"applicationId", nullptr},
          {"isSuspended", user.is_suspended},
          {"hasPassword", !user.password_hash.empty()}};
}

Result<json::array> sso_identities(storage::Tx& tx, const std::string& user_id) {
  auto found = tx.user_sso_identities().list_for_user(user_id);
  if (!found) return found.error();
  json::array out;
  for (const auto& identity : *found) {
    out.push_back({{"issuer", identity.issuer},
                   {"identityId", identity.identity_id},
                   {"detail", json_object_or_empty(identity.detail_json)}});
  }
  return out;
}

Result<json::array> mfa_factors(storage::Tx& tx, const std::string& user_id) {
  auto found = tx.mfa().list(user_id);
  if (!found) return found.error();
  std::vector<std::string> names;
  for (const auto& factor : *found) {
    std::string name(model::mfa_factor_name(factor.type));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return text_array(names);
}

// {id, name, description, resourceId, resource {id, name, indicator}} of each scope.
Result<json::array> scope_objects(storage::Tx& tx, const std::vector<model::Scope>& scopes) {
  json::array out;
  std::map<std::string, json::object> resources;
  for (const auto& scope : scopes) {
    if (!resources.contains(scope.resource_id)) {
      auto resource = tx.resources().find(scope.resource_id);
      if (!resource) return resource.error();
      json::object shown;
      if (*resource) {
        shown = {{"id", (*resource)->id},
                 {"name", (*resource)->name},
                 {"indicator", (*resource)->indicator}};
      }
      resources.emplace(scope.resource_id, std::move(shown));
    }
    out.push_back({{"id", scope.id},
                   {"name", scope.name},
                   {"description", scope.description},
                   {"resourceId", scope.resource_id},
                   {"resource", resources[scope.resource_id]}});
  }
  return out;
}

// The user's roles, each with the scopes it grants.
Result<json::array> roles_of(storage::Tx& tx, const std::string& user_id) {
  auto roles = tx.roles().roles_of_user(user_id);
  if (!roles) return roles.error();
  json::array out;
  for (const auto& role : *roles) {
    auto held = tx.roles().scopes(role.id);
    if (!held) return held.error();
    auto scopes = scope_objects(tx, *held);
    if (!scopes) return scopes.error();
    out.push_back({{"id", role.id},
                   {"name", role.name},
                   {"description", role.description},
                   {"scopes", std::move(*scopes)}});
  }
  return out;
}

}  // namespace

json::object application_context(const model::Application& app) {
  return {{"id", app.id},
          {"name", app.name},
          {"description", app.description},
          {"type", model::app_type_name(app.type)},
          {"oidcClientMetadata",
           {{"redirectUris", text_array(app.redirect_uris)},
            {"postLogoutRedirectUris", text_array(app.post_logout_redirect_uris)}}},
          {"customClientMetadata", {{"corsAllowedOrigins", text_array(app.cors_allowed_origins)}}},
          {"customData", json_object_or_empty(app.custom_data_json)},
          {"isThirdParty", app.is_third_party},
          {"createdAt", app.created_at}};
}

Result<json::object> user_context(storage::Tx& tx, const model::User& user) {
  json::object out = profile_of(user);
  auto sso = sso_identities(tx, user.id);
  if (!sso) return sso.error();
  out["ssoIdentities"] = std::move(*sso);
  auto factors = mfa_factors(tx, user.id);
  if (!factors) return factors.error();
  out["mfaVerificationFactors"] = std::move(*factors);
  auto roles = roles_of(tx, user.id);
  if (!roles) return roles.error();
  out["roles"] = std::move(*roles);
  auto memberships = tx.organizations().memberships_of_user(user.id);
  if (!memberships) return memberships.error();
  json::array organizations, organization_roles;
  for (const auto& membership : *memberships) {
    const model::Organization& organization = membership.organization;
    organizations.push_back({{"id", organization.id},
                             {"name", organization.name},
                             {"description", optional_text(organization.description)}});
    for (const auto& role : membership.roles) {
      organization_roles.push_back(
          {{"organizationId", organization.id}, {"roleId", role.id}, {"roleName", role.name}});
    }
  }
  out["organizations"] = std::move(organizations);
  out["organizationRoles"] = std::move(organization_roles);
  return out;
}

Result<std::optional<json::object>> organization_context(storage::Tx& tx,
                                                         const std::string& organization_id) {
  auto found = tx.organizations().find(organization_id);
  if (!found) return found.error();
  if (!*found) return std::optional<json::object>();
  const model::Organization& organization = **found;
  return std::optional<json::object>(
      json::object{{"id", organization.id},
                   {"name", organization.name},
                   {"description", optional_text(organization.description)},
                   {"customData", json_object_or_empty(organization.custom_data)}});
}

}  // namespace latch::oidc
