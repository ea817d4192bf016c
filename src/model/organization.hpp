#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/role.hpp"

// Organizations for B2B apps, as Logto defines them (RFC 0001 "organization", RFC 0003
// "organization invitation"): an organization template (organization scopes and organization
// roles) shared by every organization, and per organization its members (users and
// machine-to-machine apps), the organization roles each member holds there, just-in-time
// provisioning rules and invitations. Thread-compatible plain data.
namespace latch::model {

// Prefix of an organization token's audience: "urn:logto:organization:<id>".
inline constexpr std::string_view kOrganizationAudiencePrefix = "urn:logto:organization:";
// The reserved resource an app may request at /oidc/auth to have organization scopes consented.
inline constexpr std::string_view kOrganizationsResource = "urn:logto:resource:organizations";
// Scopes that put organization claims in the ID token and userinfo (and, for
// kOrganizationsScope, allow organization tokens on the refresh-token grant).
inline constexpr std::string_view kOrganizationsScope = "urn:logto:scope:organizations";
inline constexpr std::string_view kOrganizationRolesScope = "urn:logto:scope:organization_roles";

struct Organization {
  std::string id;                          // 21 chars of [0-9a-z]
  std::string name;                        // 1 to 128 characters, not unique
  std::optional<std::string> description;  // at most 256 characters
  std::string custom_data = "{}";          // a JSON object, as text
  bool is_mfa_required = false;
  // Branding of the sign-in page when an app names the organization (organization_id on
  // /oidc/auth). JSON objects as text: color {primaryColor, isDarkModeEnabled, darkPrimaryColor},
  // branding {logoUrl, darkLogoUrl, favicon, darkFavicon}.
  std::string color = "{}";
  std::string branding = "{}";
  std::optional<std::string> custom_css;
  std::int64_t created_at = 0;  // epoch milliseconds
};

// A permission of the organization template ("invite:member"), granted inside one organization.
struct OrganizationScope {
  std::string id;
  std::string name;  // unique among organization scopes, 1 to 128 characters
  std::optional<std::string> description;
  std::int64_t created_at = 0;  // not on the wire (Logto has none); orders lists
};

// A role of the organization template. It holds organization scopes and API resource scopes; a
// member holds it in a given organization. User roles go to users, MachineToMachine roles to
// machine-to-machine apps.
struct OrganizationRole {
  std::string id;
  std::string name;  // unique among organization roles, 1 to 128 characters
  std::optional<std::string> description;
  RoleType type = RoleType::User;
  std::int64_t created_at = 0;  // not on the wire
};

enum class InvitationStatus { Pending, Accepted, Expired, Revoked };
// Wire names: "Pending", "Accepted", "Expired", "Revoked".
std::string_view invitation_status_name(InvitationStatus status);
std::optional<InvitationStatus> parse_invitation_status(std::string_view text);

// An invitation for `invitee` (an email address) to join an organization with some roles.
// At most one Pending invitation per invitee and organization.
struct OrganizationInvitation {
  std::string id;
  std::optional<std::string> inviter_id;  // the user who sent it; none when sent by an app
  std::string invitee;                    // email address, stored lower-case
  std::optional<std::string> accepted_user_id;
  std::string organization_id;
  InvitationStatus status = InvitationStatus::Pending;
  std::vector<std::string> role_ids;  // organization roles given on acceptance
  std::int64_t created_at = 0;        // epoch milliseconds
  std::int64_t updated_at = 0;
  std::int64_t expires_at = 0;
};

}  // namespace latch::model
