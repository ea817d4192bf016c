#include "management/role_rules.hpp"

#include <algorithm>
#include <cctype>

namespace latch::management::role_rules {
namespace {

std::string folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c != '%') out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

}  // namespace

Error not_exists(std::string_view what, std::string_view id) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id",
                     std::string(what) + " " + std::string(id) + " does not exist");
}

Result<void> refuse_built_in(std::string_view role_id) {
  if (!model::is_built_in_role(role_id)) return ok();
  return keyed_error(Errc::Forbidden, "role.internal_role_violation",
                     "role " + std::string(role_id) + " is built in");
}

Result<model::Role> role_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.roles().find(id);
  if (!found) return found.error();
  if (!*found) return not_exists("role", id);
  return std::move(**found);
}

Result<model::User> user_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.users().find(id);
  if (!found) return found.error();
  if (!*found) return not_exists("user", id);
  return std::move(**found);
}

Result<model::Application> app_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.applications().find(id);
  if (!found) return found.error();
  if (!*found) return not_exists("application", id);
  return std::move(**found);
}

Result<model::Application> m2m_app_in(storage::Tx& tx, std::string_view id) {
  auto app = app_in(tx, id);
  if (app && app->type != model::AppType::MachineToMachine) {
    return keyed_error(Errc::Conflict, "application.invalid_type",
                       "application " + std::string(id) + " is not machine-to-machine");
  }
  return app;
}

bool is_management_resource(std::string_view resource_id) {
  return resource_id == "management-api" || resource_id == "logto-management-api";
}

bool text_matches(std::string_view text, std::string_view search) {
  std::string needle = folded(search);
  return needle.empty() || folded(text).find(needle) != std::string::npos;
}

bool role_matches(const model::Role& role, std::string_view search) {
  return text_matches(role.id, search) || text_matches(role.name, search) ||
         text_matches(role.description, search);
}

std::vector<std::string> unique(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

}  // namespace latch::management::role_rules
