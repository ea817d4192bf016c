#include "management/role_service.hpp"

#include <algorithm>
#include <map>

#include "crypto/random.hpp"
#include "management/role_rules.hpp"
#include "management/webhook_events.hpp"

namespace latch::management {
namespace {

using namespace role_rules;

// How many users and apps GET /api/roles shows with each role (Logto's featured users/apps).
constexpr int kFeatured = 3;

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::move(field));
}

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

Result<void> check_text(std::string_view field, std::string_view value) {
  auto n = characters(value);
  if (n < 1 || n > 128) {
    return bad_field(std::string(field), std::string(field) + " must be 1 to 128 characters");
  }
  return ok();
}

Result<void> check_default(const model::Role& role) {
  if (role.is_default && role.type != model::RoleType::User) {
    return bad_field("isDefault", "only a User role can be a default role");
  }
  return ok();
}

// The scopes `ids` may join `role`: each exists (NotFound) and, for a User role, none is a
// management API scope (Logto: management API access is for machine-to-machine roles).
Result<void> check_scopes(storage::Tx& tx, const model::Role& role,
                          const std::vector<std::string>& ids) {
  auto found = tx.resources().find_scopes(ids);
  if (!found) return found.error();
  for (const auto& id : ids) {
    auto it = std::find_if(found->begin(), found->end(), [&](const auto& s) { return s.id == id; });
    if (it == found->end()) return not_exists("scope", id);
    if (role.type == model::RoleType::User && is_management_resource(it->resource_id)) {
      return keyed_error(Errc::InvalidRequest,
                         "role.management_api_scopes_not_assignable_to_user_role",
                         "scope " + id + " is a management API scope");
    }
  }
  return ok();
}

// The resource of each scope, read once per resource and stripped of its scope list.
class ResourceCache {
 public:
  explicit ResourceCache(storage::Tx& tx) : tx_(tx) {}
  Result<model::Resource> of(const std::string& resource_id) {
    if (auto it = seen_.find(resource_id); it != seen_.end()) return it->second;
    auto found = tx_.resources().find(resource_id);
    if (!found) return found.error();
    if (!*found) return not_exists("resource", resource_id);
    (*found)->scopes.clear();
    return seen_.emplace(resource_id, std::move(**found)).first->second;
  }

 private:
  storage::Tx& tx_;
  std::map<std::string, model::Resource> seen_;
};

Result<RoleSummary> summarize(storage::Tx& tx, model::Role role,
                              const std::vector<storage::RoleCounts>& counts) {
  RoleSummary out;
  for (const auto& c : counts) {
    if (c.role_id != role.id) continue;
    out.users_count = c.users;
    out.applications_count = c.applications;
  }
  auto users = tx.roles().users(role.id, "", {1, kFeatured});
  if (!users) return users.error();
  auto apps = tx.roles().applications(role.id, "", {1, kFeatured});
  if (!apps) return apps.error();
  out.featured_users = std::move(*users);
  out.featured_applications = std::move(*apps);
  out.role = std::move(role);
  return out;
}

// The ids of the roles a user or an app holds, which the list leaves out.
Result<std::vector<std::string>> excluded(storage::Tx& tx, const RoleQuery& query) {
  std::vector<std::string> ids;
  for (auto [id, of_user] :
       {std::pair{&query.exclude_user_id, true}, std::pair{&query.exclude_application_id, false}}) {
    if (id->empty()) continue;
    auto roles = of_user ? tx.roles().roles_of_user(*id) : tx.roles().roles_of_application(*id);
    if (!roles) return roles.error();
    for (const auto& r : *roles) ids.push_back(r.id);
  }
  return ids;
}

}  // namespace

Result<void> RoleService::raise(storage::Tx& tx, std::string_view event,
                                boost::json::value data) const {
  return queue_data_hook(tx, event, origin_, std::move(data), clock_.now_millis());
}

Result<void> RoleService::raise_scopes(storage::Tx& tx, const std::string& role_id) const {
  auto scopes = tx.roles().scopes(role_id);
  if (!scopes) return scopes.error();
  boost::json::array data;
  for (const auto& scope : *scopes) data.push_back(to_json(scope));
  return raise(tx, "Role.Scopes.Updated", std::move(data));
}

Result<void> check_new_role(const NewRole& request) {
  if (auto r = check_text("name", request.name); !r) return r;
  return check_text("description", request.description);
}

Result<model::Role> RoleService::create(const NewRole& request) {
  if (auto r = check_new_role(request); !r) return r.error();
  model::Role role{.id = crypto::random_id(21),
                   .name = request.name,
                   .description = request.description,
                   .type = request.type,
                   .is_default = request.is_default,
                   .created_at = clock_.now_millis()};
  if (auto r = check_default(role); !r) return r.error();
  auto scope_ids = unique(request.scope_ids);
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_scopes(tx, role, scope_ids); !r) return r;
    if (auto r = tx.roles().insert(role); !r) return r;
    if (!scope_ids.empty()) {
      if (auto r = tx.roles().add_scopes(role.id, scope_ids); !r) return r;
    }
    if (auto r = raise(tx, "Role.Created", to_json(role)); !r) return r;
    if (scope_ids.empty()) return ok();
    // Logto's Role.Scopes.Updated of a role created with its scopes: the scopes, and roleId.
    auto scopes = tx.roles().scopes(role.id);
    if (!scopes) return scopes.error();
    boost::json::array data;
    for (const auto& scope : *scopes) data.push_back(to_json(scope));
    return queue_data_hook(tx, "Role.Scopes.Updated", origin_, std::move(data), clock_.now_millis(),
                           {{"roleId", role.id}});
  });
  if (!done) return done.error();
  return role;
}

Result<Listing<RoleSummary>> RoleService::list(const RoleQuery& query, storage::Page page) {
  Listing<RoleSummary> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto ids = excluded(tx, query);
    if (!ids) return ids.error();
    storage::RoleFilter filter{query.search, query.type, std::move(*ids)};
    auto roles = tx.roles().list(filter, page);
    auto total = tx.roles().count(filter);
    if (!roles) return roles.error();
    if (!total) return total.error();
    std::vector<std::string> role_ids;
    for (const auto& r : *roles) role_ids.push_back(r.id);
    auto counts = tx.roles().counts(role_ids);
    if (!counts) return counts.error();
    for (auto& role : *roles) {
      auto summary = summarize(tx, std::move(role), *counts);
      if (!summary) return summary.error();
      out.items.push_back(std::move(*summary));
    }
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::Role> RoleService::get(const std::string& id) {
  std::optional<model::Role> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, id);
    if (!role) return role.error();
    out = std::move(*role);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::Role> RoleService::find(const std::string& key) {
  auto by_id = get(key);
  if (by_id || by_id.error().code != Errc::NotFound) return by_id;
  std::optional<model::Role> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.roles().find_by_name(key);
    if (!found) return found.error();
    if (!*found) return not_exists("role", key);
    out = std::move(**found);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::Role> RoleService::update(const std::string& id, const RolePatch& patch) {
  if (patch.name) {
    if (auto r = check_text("name", *patch.name); !r) return r.error();
  }
  if (patch.description) {
    if (auto r = check_text("description", *patch.description); !r) return r.error();
  }
  std::optional<model::Role> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, id);
    if (!role) return role.error();
    if (auto r = refuse_built_in(id); !r) return r;
    role->name = patch.name.value_or(role->name);
    role->description = patch.description.value_or(role->description);
    role->is_default = patch.is_default.value_or(role->is_default);
    if (auto r = check_default(*role); !r) return r;
    if (auto r = tx.roles().update(*role); !r) return r;
    if (auto r = raise(tx, "Role.Data.Updated", to_json(*role)); !r) return r;
    out = std::move(*role);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> RoleService::remove(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, id);
    if (!role) return role.error();
    if (auto r = refuse_built_in(id); !r) return r;
    if (auto r = raise(tx, "Role.Deleted", to_json(*role)); !r) return r;
    return tx.roles().remove(id);
  });
}

Result<Listing<ScopeView>> RoleService::scopes(const std::string& role_id,
                                               const std::string& search,
                                               std::optional<storage::Page> page) {
  Listing<ScopeView> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    auto scopes = tx.roles().scopes(role_id);
    if (!scopes) return scopes.error();
    ResourceCache resources(tx);
    for (auto& scope : *scopes) {
      if (!text_matches(scope.name, search) && !text_matches(scope.description, search)) continue;
      auto resource = resources.of(scope.resource_id);
      if (!resource) return resource.error();
      out.items.push_back({std::move(scope), std::move(*resource)});
    }
    return ok();
  });
  if (!done) return done.error();
  out.total = static_cast<std::int64_t>(out.items.size());
  if (page) out.items = page_slice(std::move(out.items), *page);
  return out;
}

Result<std::vector<model::Scope>> RoleService::add_scopes(const std::string& role_id,
                                                          const std::vector<std::string>& ids) {
  if (ids.empty()) return bad_field("scopeIds", "scopeIds must name at least one scope");
  auto scope_ids = unique(ids);
  std::vector<model::Scope> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, role_id);
    if (!role) return role.error();
    if (auto r = refuse_built_in(role_id); !r) return r;
    if (auto r = check_scopes(tx, *role, scope_ids); !r) return r;
    if (auto r = tx.roles().add_scopes(role_id, scope_ids); !r) return r;
    auto all = tx.roles().scopes(role_id);
    if (!all) return all.error();
    out = std::move(*all);
    return raise_scopes(tx, role_id);
  });
  if (!done) return done.error();
  return out;
}

Result<void> RoleService::remove_scope(const std::string& role_id, const std::string& scope_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    if (auto r = refuse_built_in(role_id); !r) return r;
    auto removed = tx.roles().remove_scope(role_id, scope_id);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found",
                         "role " + role_id + " does not hold scope " + scope_id);
    }
    if (!removed) return removed;
    return raise_scopes(tx, role_id);
  });
}

}  // namespace latch::management
