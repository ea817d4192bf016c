#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Organizations (Logto's RFC 0001) as an app sees them: the scopes that ask for them, the
// audience of an organization token, and the organizations a user's claims list. The constants
// are character arrays so that they fit a Config (`config.scopes = {latch::kOrganizationsScope}`).
namespace latch {

// Asked for at sign-in (Config::scopes): the `organizations` claim (and `organization_data`),
// and what lets the refresh token be exchanged for organization tokens.
inline constexpr char kOrganizationsScope[] = "urn:logto:scope:organizations";
// Asked for at sign-in: the `organization_roles` claim ("<organization id>:<role name>").
inline constexpr char kOrganizationRolesScope[] = "urn:logto:scope:organization_roles";
// The reserved resource a Client adds to its sign-in when kOrganizationsScope is configured (as
// Logto's SDKs do), so that the organization scopes the app asks for can be consented.
inline constexpr char kOrganizationsResource[] = "urn:logto:resource:organizations";
// An organization token's `aud` is this prefix followed by the organization's id.
inline constexpr char kOrganizationAudiencePrefix[] = "urn:logto:organization:";

// "urn:logto:organization:<organization_id>".
std::string organization_audience(std::string_view organization_id);
// The organization id of an organization token's audience; std::nullopt for any other audience
// (or the bare prefix).
std::optional<std::string> organization_id_of_audience(std::string_view audience);

// One organization the user belongs to, as the ID token or userinfo tell it.
struct UserOrganization {
  std::string id;
  std::string name;                // from `organization_data`; "" when the claims carry none
  std::vector<std::string> roles;  // from `organization_roles`, in the claim's order
};

// The organizations listed by `claims` (an ID token's or /oidc/me's): the ids of `organizations`
// in order, each with its name from `organization_data` ([{id, name, ...}]) and its roles from
// `organization_roles` ("<id>:<role>"). A membership known only from `organization_roles` is
// listed too. Malformed entries are skipped; missing claims give {} (the sign-in did not ask for
// kOrganizationsScope). Never throws.
std::vector<UserOrganization> organizations_from_claims(const boost::json::object& claims);

}  // namespace latch
