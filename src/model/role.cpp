#include "model/role.hpp"

namespace latch::model {

std::string_view role_type_name(RoleType type) {
  return type == RoleType::MachineToMachine ? "MachineToMachine" : "User";
}

std::optional<RoleType> parse_role_type(std::string_view text) {
  if (text == "User") return RoleType::User;
  if (text == "MachineToMachine") return RoleType::MachineToMachine;
  return std::nullopt;
}

}  // namespace latch::model
