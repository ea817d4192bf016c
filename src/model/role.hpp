#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace latch::model {

// Who a role is for (Logto's role_type): users, or machine-to-machine applications.
enum class RoleType { User, MachineToMachine };

// Wire names as Logto's Management API uses them: "User", "MachineToMachine".
std::string_view role_type_name(RoleType type);
std::optional<RoleType> parse_role_type(std::string_view text);

// A named set of API resource scopes (permissions), held by users (User roles) or by
// machine-to-machine applications (MachineToMachine roles). Thread-compatible plain data.
struct Role {
  std::string id;           // 21 chars of [0-9a-z] for roles made through the API
  std::string name;         // unique, 1 to 128 characters
  std::string description;  // at most 128 characters
  RoleType type = RoleType::User;
  // A User role every new user receives. Ignored for MachineToMachine roles.
  bool is_default = false;
  std::int64_t created_at = 0;  // epoch milliseconds (not on the wire: Logto's roles have none)
};

// The built-in roles (migration v9). The operator role is a User role holding the management
// API's scope `all` (through Latch's indicator and Logto's): its users sign in to the console and
// manage this Latch. The management role is the MachineToMachine role that opens the management
// API to scripts (`latch app create --type m2m --management-api`). Neither can be deleted or have
// its scopes changed; both can be assigned and unassigned like any role.
inline constexpr std::string_view kOperatorRoleId = "latch-operator";
inline constexpr std::string_view kOperatorRoleName = "Latch operator";
inline constexpr std::string_view kManagementRoleId = "latch-management-api-access";
inline constexpr std::string_view kManagementRoleName = "Latch Management API access";

inline bool is_built_in_role(std::string_view id) {
  return id == kOperatorRoleId || id == kManagementRoleId;
}

}  // namespace latch::model
