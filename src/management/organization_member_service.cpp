#include "management/organization_member_service.hpp"

#include <algorithm>

#include "management/organization_rules.hpp"
#include "management/role_rules.hpp"
#include "management/webhook_events.hpp"

namespace latch::management {
namespace {

using namespace organization_rules;
using Ids = std::vector<std::string>;
using Repo = storage::OrganizationRepository;
using Sv = std::string_view;

// What users and apps have in common as members: the repository calls of their kind, the kind
// of role they hold, and the check that one can join.
struct Kind {
  model::RoleType role_type;
  std::string_view noun;
  Result<void> (*joinable)(storage::Tx&, const std::string& id);
  Result<bool> (Repo::*has)(Sv, Sv);
  Result<void> (Repo::*add)(Sv, const Ids&);
  Result<void> (Repo::*replace)(Sv, const Ids&);
  Result<void> (Repo::*remove)(Sv, Sv);
  Result<std::vector<model::OrganizationRole>> (Repo::*roles)(Sv, Sv);
  Result<void> (Repo::*add_roles)(Sv, const Ids&, const Ids&);
  Result<void> (Repo::*replace_roles)(Sv, Sv, const Ids&);
  Result<void> (Repo::*remove_role)(Sv, Sv, Sv);
  Result<std::vector<model::OrganizationScope>> (Repo::*scopes)(Sv, Sv);
};

Result<void> user_joinable(storage::Tx& tx, const std::string& id) {
  auto user = tx.users().find(id);
  if (!user) return user.error();
  if (!*user) return missing_relation("user " + id + " does not exist");
  return ok();
}

Result<void> app_joinable(storage::Tx& tx, const std::string& id) {
  auto app = tx.applications().find(id);
  if (!app) return app.error();
  if (!*app) return missing_relation("application " + id + " does not exist");
  if ((*app)->type != model::AppType::MachineToMachine) {
    return type_violation("application " + id + " is not machine-to-machine");
  }
  return ok();
}

const Kind& kind_of(MemberKind kind) {
  static const Kind kUser{model::RoleType::User,   "user",
                          user_joinable,           &Repo::has_user,
                          &Repo::add_users,        &Repo::replace_users,
                          &Repo::remove_user,      &Repo::user_roles,
                          &Repo::add_user_roles,   &Repo::replace_user_roles,
                          &Repo::remove_user_role, &Repo::user_scopes};
  static const Kind kApp{model::RoleType::MachineToMachine,
                         "application",
                         app_joinable,
                         &Repo::has_application,
                         &Repo::add_applications,
                         &Repo::replace_applications,
                         &Repo::remove_application,
                         &Repo::application_roles,
                         &Repo::add_application_roles,
                         &Repo::replace_application_roles,
                         &Repo::remove_application_role,
                         &Repo::application_scopes};
  return kind == MemberKind::User ? kUser : kApp;
}

// Every member id of `kind` in organization `id`, in the order they joined.
Result<Ids> current_members(storage::Tx& tx, MemberKind kind, Sv id) {
  constexpr storage::Page kAll{1, 1 << 30};
  Ids out;
  if (kind == MemberKind::User) {
    auto users = tx.organizations().users(id, "", kAll);
    if (!users) return users.error();
    for (const auto& u : *users) out.push_back(u.user.id);
  } else {
    auto apps = tx.organizations().applications(id, "", kAll);
    if (!apps) return apps.error();
    for (const auto& a : *apps) out.push_back(a.application.id);
  }
  return out;
}

// The items of `from` that are not in `other`.
Ids missing_from(const Ids& from, const Ids& other) {
  Ids out;
  for (const auto& item : from) {
    if (std::find(other.begin(), other.end(), item) == other.end()) out.push_back(item);
  }
  return out;
}

// The member belongs to the organization (Logto checks before any call on a member's roles).
Result<void> check_member(storage::Tx& tx, const Kind& k, Sv id, Sv member_id) {
  auto has = (tx.organizations().*k.has)(id, member_id);
  if (!has) return has.error();
  if (!*has) return require_membership(id, member_id);
  return ok();
}

// The ids of the chosen roles: names first resolved (every one must match), then checked.
Result<Ids> chosen_roles(storage::Tx& tx, const Kind& k, const RoleChoice& choice) {
  Ids ids = choice.ids;
  if (!choice.names.empty()) {
    auto named = tx.organization_roles().find_by_names(choice.names);
    if (!named) return named.error();
    std::string missing;
    for (const auto& name : choice.names) {
      bool found = std::any_of(named->begin(), named->end(),
                               [&](const auto& role) { return role.name == name; });
      if (!found) missing += (missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty()) {
      return keyed_error(Errc::Conflict, "organization.role_names_not_found",
                         "no organization role named " + missing);
    }
    for (const auto& role : *named) ids.push_back(role.id);
  }
  ids = role_rules::unique(ids);
  if (auto r = check_roles(tx, ids, k.role_type); !r) return r.error();
  return ids;
}

template <class T>
Result<Listing<T>> members_of(storage::Store& store, const std::string& id,
                              Result<std::vector<T>> (Repo::*list)(Sv, Sv, storage::Page),
                              Result<std::int64_t> (Repo::*count)(Sv, Sv),
                              const std::string& search, storage::Page page) {
  Listing<T> out;
  auto done = store.read([&](storage::Tx& tx) -> Result<void> {
    if (auto organization = organization_in(tx, id); !organization) return organization.error();
    auto items = (tx.organizations().*list)(id, search, page);
    if (!items) return items.error();
    auto total = (tx.organizations().*count)(id, search);
    if (!total) return total.error();
    out = {std::move(*items), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace

Result<Listing<storage::OrganizationUser>> OrganizationMemberService::users(
    const std::string& id, const std::string& search, storage::Page page) {
  return members_of(store_, id, &Repo::users, &Repo::count_users, search, page);
}

Result<Listing<storage::OrganizationApplication>> OrganizationMemberService::applications(
    const std::string& id, const std::string& search, storage::Page page) {
  return members_of(store_, id, &Repo::applications, &Repo::count_applications, search, page);
}

Result<void> OrganizationMemberService::raise_membership(storage::Tx& tx, const std::string& id,
                                                         MemberKind kind, const Ids& added,
                                                         const Ids& removed) const {
  if (added.empty() && removed.empty()) return ok();
  // Logto's cap per list (MEMBERSHIP_DELTA_CAP), which bounds the payload.
  constexpr std::size_t kCap = 5000;
  auto ids = [&](const Ids& list) {
    boost::json::array out;
    for (std::size_t i = 0; i < list.size() && i < kCap; ++i) out.emplace_back(list[i]);
    return out;
  };
  std::int64_t now = clock_.now_millis();
  constexpr std::string_view kEvent = "Organization.Membership.Updated";
  auto payload = data_hook_payload(kEvent, origin_, nullptr, now);
  payload.erase("data");
  payload["organizationId"] = id;
  bool users = kind == MemberKind::User;
  if (!added.empty()) payload[users ? "addedUserIds" : "addedApplicationIds"] = ids(added);
  if (!removed.empty()) payload[users ? "removedUserIds" : "removedApplicationIds"] = ids(removed);
  return queue_hook_event(tx, kEvent, payload, now);
}

Result<void> OrganizationMemberService::set_members(const std::string& id, MemberKind kind,
                                                    const Ids& member_ids, bool replace) {
  const Kind& k = kind_of(kind);
  auto ids = role_rules::unique(member_ids);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = organization_exists(tx, id); !r) return r;
    for (const auto& member_id : ids) {
      if (auto r = k.joinable(tx, member_id); !r) return r;
    }
    auto before = current_members(tx, kind, id);
    if (!before) return before.error();
    auto& repo = tx.organizations();
    auto changed = replace ? (repo.*k.replace)(id, ids) : (repo.*k.add)(id, ids);
    if (!changed) return changed;
    Ids removed = replace ? missing_from(*before, ids) : Ids{};
    return raise_membership(tx, id, kind, missing_from(ids, *before), removed);
  });
}

Result<void> OrganizationMemberService::remove_member(const std::string& id, MemberKind kind,
                                                      const std::string& member_id) {
  const Kind& k = kind_of(kind);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto gone = removed((tx.organizations().*k.remove)(id, member_id),
                        std::string(k.noun) + " " + member_id + " is not a member of " + id);
    if (!gone) return gone;
    return raise_membership(tx, id, kind, {}, {member_id});
  });
}

Result<void> OrganizationMemberService::add_roles_to_members(const std::string& id, MemberKind kind,
                                                             const Ids& member_ids,
                                                             const Ids& role_ids) {
  const Kind& k = kind_of(kind);
  auto members = role_rules::unique(member_ids);
  auto roles = role_rules::unique(role_ids);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = organization_exists(tx, id); !r) return r;
    for (const auto& member_id : members) {
      auto has = (tx.organizations().*k.has)(id, member_id);
      if (!has) return has.error();
      if (!*has) return missing_relation(member_id + " is not a member of " + id);
    }
    if (auto r = check_roles(tx, roles, k.role_type); !r) return r;
    return (tx.organizations().*k.add_roles)(id, members, roles);
  });
}

Result<Listing<model::OrganizationRole>> OrganizationMemberService::roles(
    const std::string& id, MemberKind kind, const std::string& member_id,
    std::optional<storage::Page> page) {
  const Kind& k = kind_of(kind);
  Listing<model::OrganizationRole> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_member(tx, k, id, member_id); !r) return r;
    auto roles = (tx.organizations().*k.roles)(id, member_id);
    if (!roles) return roles.error();
    out.total = static_cast<std::int64_t>(roles->size());
    out.items = page ? role_rules::page_slice(std::move(*roles), *page) : std::move(*roles);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<Ids> OrganizationMemberService::set_roles(const std::string& id, MemberKind kind,
                                                 const std::string& member_id,
                                                 const RoleChoice& choice, bool replace) {
  const Kind& k = kind_of(kind);
  Ids out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_member(tx, k, id, member_id); !r) return r;
    auto ids = chosen_roles(tx, k, choice);
    if (!ids) return ids.error();
    out = std::move(*ids);
    if (replace) return (tx.organizations().*k.replace_roles)(id, member_id, out);
    if (out.empty()) return ok();
    return (tx.organizations().*k.add_roles)(id, Ids{member_id}, out);
  });
  if (!done) return done.error();
  return out;
}

Result<void> OrganizationMemberService::remove_role(const std::string& id, MemberKind kind,
                                                    const std::string& member_id,
                                                    const std::string& role_id) {
  const Kind& k = kind_of(kind);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_member(tx, k, id, member_id); !r) return r;
    return removed((tx.organizations().*k.remove_role)(id, member_id, role_id),
                   member_id + " does not hold organization role " + role_id + " in " + id);
  });
}

Result<std::vector<model::OrganizationScope>> OrganizationMemberService::scopes(
    const std::string& id, MemberKind kind, const std::string& member_id) {
  const Kind& k = kind_of(kind);
  std::vector<model::OrganizationScope> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_member(tx, k, id, member_id); !r) return r;
    auto scopes = (tx.organizations().*k.scopes)(id, member_id);
    if (!scopes) return scopes.error();
    out = std::move(*scopes);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
