#include <algorithm>

#include "management/role_rules.hpp"
#include "management/role_service.hpp"

// Who holds a role: RoleService's user and application calls.
namespace latch::management {
namespace {

using namespace role_rules;
using model::RoleType;

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::move(field));
}

// Logto refuses a holder of the other kind with a database constraint; so does Latch.
Error wrong_type(const model::Role& role, std::string_view holder) {
  return keyed_error(Errc::Conflict, "entity.db_constraint_violated",
                     "role " + role.id + " is not for " + std::string(holder));
}

Error not_held(std::string_view role_id, std::string_view holder) {
  return keyed_error(Errc::NotFound, "entity.not_found",
                     std::string(holder) + " does not hold role " + std::string(role_id));
}

Result<void> unassigned(Result<void> done, std::string_view role_id, std::string_view holder) {
  if (!done && done.error().code == Errc::NotFound) return not_held(role_id, holder);
  return done;
}

bool holds(const std::vector<model::Role>& roles, std::string_view id) {
  return std::any_of(roles.begin(), roles.end(), [&](const auto& r) { return r.id == id; });
}

Listing<model::Role> filtered(std::vector<model::Role> roles, const std::string& search,
                              storage::Page page) {
  std::erase_if(roles, [&](const auto& r) { return !role_matches(r, search); });
  Listing<model::Role> out;
  out.total = static_cast<std::int64_t>(roles.size());
  out.items = page_slice(std::move(roles), page);
  return out;
}

// The role `id`, which a holder of `type` may take; `code` names the refusal.
Result<model::Role> role_for(storage::Tx& tx, std::string_view id, RoleType type,
                             std::string_view code) {
  auto role = role_in(tx, id);
  if (role && role->type != type) {
    return keyed_error(Errc::Conflict, code, "role " + std::string(id) + " is of the other type");
  }
  return role;
}

// What a user and an app have in common: reading, giving and taking roles.
struct Holder {
  RoleType type;
  std::string_view type_error;
  Result<std::vector<model::Role>> (*roles)(storage::Tx&, const std::string&);
  Result<void> (*assign)(storage::Tx&, const std::string& role, const std::string& id,
                         std::int64_t at);
  Result<void> (*unassign)(storage::Tx&, const std::string& role, const std::string& id);
};

const Holder kUser{
    RoleType::User, "user.invalid_role_type",
    [](storage::Tx& tx, const std::string& id) { return tx.roles().roles_of_user(id); },
    [](storage::Tx& tx, const std::string& role, const std::string& id, std::int64_t at) {
      return tx.roles().assign_user(role, id, at);
    },
    [](storage::Tx& tx, const std::string& role, const std::string& id) {
      return tx.roles().unassign_user(role, id);
    }};

const Holder kApp{
    RoleType::MachineToMachine, "application.invalid_role_type",
    [](storage::Tx& tx, const std::string& id) { return tx.roles().roles_of_application(id); },
    [](storage::Tx& tx, const std::string& role, const std::string& id, std::int64_t at) {
      return tx.roles().assign_application(role, id, at);
    },
    [](storage::Tx& tx, const std::string& role, const std::string& id) {
      return tx.roles().unassign_application(role, id);
    }};

// Gives `id` the roles of `wanted` it does not hold; with `exact`, also takes away the others.
// The ids given.
Result<std::vector<std::string>> reconcile(storage::Tx& tx, const Holder& h, const std::string& id,
                                           const std::vector<std::string>& wanted, bool exact,
                                           std::int64_t now) {
  auto current = h.roles(tx, id);
  if (!current) return current.error();
  std::vector<std::string> added;
  for (const auto& role_id : unique(wanted)) {
    if (holds(*current, role_id)) continue;
    if (auto role = role_for(tx, role_id, h.type, h.type_error); !role) return role.error();
    if (auto r = h.assign(tx, role_id, id, now); !r) return r.error();
    added.push_back(role_id);
  }
  if (!exact) return added;
  for (const auto& role : *current) {
    if (std::find(wanted.begin(), wanted.end(), role.id) != wanted.end()) continue;
    if (auto r = h.unassign(tx, role.id, id); !r) return r.error();
  }
  return added;
}

}  // namespace

Result<Listing<model::User>> RoleService::users(const std::string& role_id,
                                                const std::string& search, storage::Page page) {
  Listing<model::User> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    auto users = tx.roles().users(role_id, search, page);
    auto total = tx.roles().count_users(role_id, search);
    if (!users) return users.error();
    if (!total) return total.error();
    out = {std::move(*users), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> RoleService::assign_users(const std::string& role_id,
                                       const std::vector<std::string>& user_ids) {
  if (user_ids.empty()) return bad_field("userIds", "userIds must name at least one user");
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, role_id);
    if (!role) return role.error();
    if (role->type != RoleType::User) return wrong_type(*role, "users");
    for (const auto& id : unique(user_ids)) {
      if (auto user = user_in(tx, id); !user) return user.error();
      if (auto r = tx.roles().assign_user(role_id, id, clock_.now_millis()); !r) return r;
    }
    return ok();
  });
}

Result<void> RoleService::unassign_user(const std::string& role_id, const std::string& user_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    if (auto user = user_in(tx, user_id); !user) return user.error();
    return unassigned(tx.roles().unassign_user(role_id, user_id), role_id, "the user");
  });
}

Result<Listing<model::Application>> RoleService::applications(const std::string& role_id,
                                                              const std::string& search,
                                                              storage::Page page) {
  Listing<model::Application> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    auto apps = tx.roles().applications(role_id, search, page);
    auto total = tx.roles().count_applications(role_id, search);
    if (!apps) return apps.error();
    if (!total) return total.error();
    out = {std::move(*apps), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> RoleService::assign_applications(const std::string& role_id,
                                              const std::vector<std::string>& app_ids) {
  if (app_ids.empty()) {
    return bad_field("applicationIds", "applicationIds must name at least one application");
  }
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, role_id);
    if (!role) return role.error();
    if (role->type != RoleType::MachineToMachine) return wrong_type(*role, "applications");
    for (const auto& id : unique(app_ids)) {
      if (auto app = m2m_app_in(tx, id); !app) return app.error();
      if (auto r = tx.roles().assign_application(role_id, id, clock_.now_millis()); !r) return r;
    }
    return ok();
  });
}

Result<void> RoleService::unassign_application(const std::string& role_id,
                                               const std::string& app_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    if (auto app = app_in(tx, app_id); !app) return app.error();
    return unassigned(tx.roles().unassign_application(role_id, app_id), role_id, "the app");
  });
}

Result<Listing<model::Role>> RoleService::roles_of_user(const std::string& user_id,
                                                        const std::string& search,
                                                        storage::Page page) {
  Listing<model::Role> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id); !user) return user.error();
    auto roles = kUser.roles(tx, user_id);
    if (!roles) return roles.error();
    out = filtered(std::move(*roles), search, page);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<std::string>> RoleService::add_user_roles(
    const std::string& user_id, const std::vector<std::string>& role_ids) {
  std::vector<std::string> added;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id); !user) return user.error();
    auto r = reconcile(tx, kUser, user_id, role_ids, false, clock_.now_millis());
    if (!r) return r.error();
    added = std::move(*r);
    return ok();
  });
  if (!done) return done.error();
  return added;
}

Result<void> RoleService::set_user_roles(const std::string& user_id,
                                         const std::vector<std::string>& role_ids) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id); !user) return user.error();
    auto r = reconcile(tx, kUser, user_id, role_ids, true, clock_.now_millis());
    if (!r) return r.error();
    return ok();
  });
}

Result<void> RoleService::remove_user_role(const std::string& user_id, const std::string& role_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id); !user) return user.error();
    return unassigned(tx.roles().unassign_user(role_id, user_id), role_id, "the user");
  });
}

Result<Listing<model::Role>> RoleService::roles_of_application(const std::string& app_id,
                                                               const std::string& search,
                                                               storage::Page page) {
  Listing<model::Role> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto app = m2m_app_in(tx, app_id); !app) return app.error();
    auto roles = kApp.roles(tx, app_id);
    if (!roles) return roles.error();
    out = filtered(std::move(*roles), search, page);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<std::string>> RoleService::add_application_roles(
    const std::string& app_id, const std::vector<std::string>& role_ids) {
  std::vector<std::string> added;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto app = m2m_app_in(tx, app_id); !app) return app.error();
    auto r = reconcile(tx, kApp, app_id, role_ids, false, clock_.now_millis());
    if (!r) return r.error();
    added = std::move(*r);
    return ok();
  });
  if (!done) return done.error();
  return added;
}

Result<void> RoleService::set_application_roles(const std::string& app_id,
                                                const std::vector<std::string>& role_ids) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto app = m2m_app_in(tx, app_id); !app) return app.error();
    auto r = reconcile(tx, kApp, app_id, role_ids, true, clock_.now_millis());
    if (!r) return r.error();
    return ok();
  });
}

Result<void> RoleService::remove_application_role(const std::string& app_id,
                                                  const std::string& role_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto app = m2m_app_in(tx, app_id); !app) return app.error();
    return unassigned(tx.roles().unassign_application(role_id, app_id), role_id, "the app");
  });
}

}  // namespace latch::management
