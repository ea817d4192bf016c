#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/application.hpp"
#include "model/role.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

// The checks RoleService's calls share (role_service.cpp, role_assignments.cpp). Each reads in
// the caller's transaction and answers with Logto's error codes (see RoleService).
namespace latch::management::role_rules {

// NotFound "entity.not_exists_with_id" naming `what` and `id` in the detail.
Error not_exists(std::string_view what, std::string_view id);
// Forbidden "role.internal_role_violation" for a built-in role.
[[nodiscard]] Result<void> refuse_built_in(std::string_view role_id);

[[nodiscard]] Result<model::Role> role_in(storage::Tx& tx, std::string_view id);
[[nodiscard]] Result<model::User> user_in(storage::Tx& tx, std::string_view id);
[[nodiscard]] Result<model::Application> app_in(storage::Tx& tx, std::string_view id);
// app_in, then Conflict "application.invalid_type" unless it is machine-to-machine.
[[nodiscard]] Result<model::Application> m2m_app_in(storage::Tx& tx, std::string_view id);

// The management API's resources (Latch's and Logto's alias).
bool is_management_resource(std::string_view resource_id);

// Logto's search of roles: `search` (its % marks dropped) is a substring of the id, name or
// description, ignoring ASCII case. Empty matches everything.
bool role_matches(const model::Role& role, std::string_view search);
// The same for a scope's name and description.
bool text_matches(std::string_view text, std::string_view search);

// `ids` without repeats, first occurrence kept.
std::vector<std::string> unique(const std::vector<std::string>& ids);

// Page `page` of `items`.
template <class T>
std::vector<T> page_slice(std::vector<T> items, storage::Page page) {
  auto first = static_cast<std::size_t>(page.page - 1) * static_cast<std::size_t>(page.page_size);
  if (first >= items.size()) return {};
  auto last = std::min(items.size(), first + static_cast<std::size_t>(page.page_size));
  return std::vector<T>(std::make_move_iterator(items.begin() + first),
                        std::make_move_iterator(items.begin() + last));
}

}  // namespace latch::management::role_rules
