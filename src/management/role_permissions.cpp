#include <algorithm>
#include <map>

#include "management/role_rules.hpp"
#include "management/role_service.hpp"

// Which scopes come from which roles: RoleService's read-only views across roles and resources.
namespace latch::management {
namespace {

using namespace role_rules;

// The resource named by id, else by indicator, without its scopes.
Result<model::Resource> resource_named(storage::Tx& tx, const std::string& key) {
  auto found = tx.resources().find(key);
  if (found && !*found) found = tx.resources().find_by_indicator(key);
  if (!found) return found.error();
  if (!*found) return not_exists("resource", key);
  return std::move(**found);
}

// Groups (scope, role) rows by scope, keeping the rows' order of scopes.
std::vector<std::pair<std::string, std::vector<model::Role>>> by_scope(
    std::vector<storage::ScopeRole> rows) {
  std::vector<std::pair<std::string, std::vector<model::Role>>> out;
  for (auto& row : rows) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const auto& entry) { return entry.first == row.scope_id; });
    if (it == out.end()) it = out.insert(out.end(), {row.scope_id, {}});
    it->second.push_back(std::move(row.role));
  }
  return out;
}

}  // namespace

Result<std::vector<Permission>> RoleService::user_permissions(const std::string& user_id,
                                                              const std::string& resource) {
  std::vector<Permission> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id); !user) return user.error();
    std::optional<model::Resource> only;
    if (!resource.empty()) {
      auto named = resource_named(tx, resource);
      if (!named) return named.error();
      only = std::move(*named);
    }
    auto rows = tx.roles().user_scope_sources(user_id);
    if (!rows) return rows.error();
    auto grouped = by_scope(std::move(*rows));
    std::vector<std::string> ids;
    for (const auto& [id, roles] : grouped) ids.push_back(id);
    auto scopes = tx.resources().find_scopes(ids);
    if (!scopes) return scopes.error();
    std::map<std::string, model::Resource> resources;
    for (auto& [id, roles] : grouped) {
      auto scope =
          std::find_if(scopes->begin(), scopes->end(), [&](const auto& s) { return s.id == id; });
      if (scope == scopes->end()) continue;
      if (only && scope->resource_id != only->id) continue;
      if (!resources.contains(scope->resource_id)) {
        auto r = resource_named(tx, scope->resource_id);
        if (!r) return r.error();
        resources.emplace(scope->resource_id, std::move(*r));
      }
      auto resource_of = resources.at(scope->resource_id);
      resource_of.scopes.clear();
      out.push_back({*scope, std::move(resource_of), std::move(roles)});
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<std::pair<model::Scope, std::vector<model::Role>>>> RoleService::scope_roles(
    const std::string& resource_id) {
  std::vector<std::pair<model::Scope, std::vector<model::Role>>> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.resources().find(resource_id);
    if (!found) return found.error();
    if (!*found) return not_exists("resource", resource_id);
    auto rows = tx.roles().roles_of_resource(resource_id);
    if (!rows) return rows.error();
    auto grouped = by_scope(std::move(*rows));
    for (const auto& scope : (*found)->scopes) {
      auto it = std::find_if(grouped.begin(), grouped.end(),
                             [&](const auto& entry) { return entry.first == scope.id; });
      out.emplace_back(scope,
                       it == grouped.end() ? std::vector<model::Role>{} : std::move(it->second));
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
