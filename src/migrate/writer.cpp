#include "migrate/writer.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>
#include <tuple>

#include "crypto/random.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/i18n/i18n.hpp"
#include "experience/social/social_connectors.hpp"
#include "management/application_service.hpp"
#include "management/organization_fields.hpp"
#include "management/resource_service.hpp"
#include "management/role_service.hpp"
#include "management/user_service.hpp"

namespace latch::migrate {
namespace {

namespace json = boost::json;

// An error as a line for people: the English phrase of a keyed error, the field it is about.
std::string why(const Error& error) {
  std::string text = experience::error_text(experience::Lang::En, error);
  if (!error.field.empty() && text.find(error.field) == std::string::npos) {
    text += " (" + error.field + ")";
  }
  return text;
}

class Writer {
 public:
  Writer(const ImportPlan& plan, const ImportTarget& target)
      : plan_(plan), target_(target), now_(target.clock.now_millis()) {
    report_.not_imported = plan.not_imported;
  }

  Result<ImportReport> run() {
    auto done = target_.store.transact([&](storage::Tx& tx) -> Result<void> {
      if (auto r = resources(tx); !r) return r;
      if (auto r = roles(tx); !r) return r;
      if (auto r = organizations(tx); !r) return r;
      if (auto r = organization_template(tx); !r) return r;
      return apps(tx);
    });
    if (!done) return done.error();
    if (auto r = connectors(); !r) return r.error();
    if (auto r = sign_in_experience(); !r) return r.error();
    for (std::size_t from = 0; from < plan_.users.size(); from += target_.batch) {
      std::size_t to = std::min(plan_.users.size(), from + std::max<std::size_t>(target_.batch, 1));
      auto written = target_.store.transact([&](storage::Tx& tx) { return users(tx, from, to); });
      if (!written) return written.error();
    }
    return std::move(report_);
  }

 private:
  void note(std::string line) { report_.not_imported.push_back(std::move(line)); }

  Result<void> resources(storage::Tx& tx) {
    for (const auto& r : plan_.resources) {
      auto existing = tx.resources().find_by_indicator(r.indicator);
      if (!existing) return existing.error();
      if (*existing) {
        ++report_.resources.present;
        continue;
      }
      management::NewResource request{
          .name = r.name, .indicator = r.indicator, .access_token_ttl = r.access_token_ttl};
      for (const auto& s : r.scopes) request.scopes.push_back(s.name);
      if (auto checked = management::check_new_resource(request); !checked) {
        note("resource " + r.indicator + ": " + why(checked.error()));
        continue;
      }
      auto id = free_id(r.id, [&](const std::string& id) { return tx.resources().find(id); });
      if (!id) return id.error();
      model::Resource resource{.id = *id,
                               .name = r.name,
                               .indicator = r.indicator,
                               .access_token_ttl = r.access_token_ttl,
                               .created_at = now_};
      std::set<std::string> names;
      for (const auto& s : r.scopes) {
        if (!names.insert(s.name).second) continue;
        auto scope_id = s.id.empty() ? crypto::random_id(21) : s.id;
        auto taken = tx.resources().find_scope(scope_id);
        if (!taken) return taken.error();
        if (*taken) scope_id = crypto::random_id(21);
        resource.scopes.push_back({scope_id, resource.id, s.name, s.description, now_});
      }
      if (auto inserted = tx.resources().insert(resource); !inserted) return inserted;
      ++report_.resources.created;
    }
    return ok();
  }

  // `wanted` when no record has it yet (by `find`), else a new random id of the same length.
  template <typename Find>
  Result<std::string> free_id(const std::string& wanted, Find find) {
    if (wanted.empty()) return crypto::random_id(21);
    auto found = find(wanted);
    if (!found) return found.error();
    if (!*found) return wanted;
    return crypto::random_id(wanted.size());
  }

  Result<void> roles(storage::Tx& tx) {
    for (const auto& r : plan_.roles) {
      auto existing = tx.roles().find_by_name(r.name);
      if (!existing) return existing.error();
      if (*existing) {
        ++report_.roles.present;
        role_ids_[r.name] = {(*existing)->id, (*existing)->type};
        continue;
      }
      auto type = model::parse_role_type(r.type);
      management::NewRole request{.name = r.name, .description = r.description};
      if (!type) {
        note("role " + r.name + ": a role of type " + r.type);
        continue;
      }
      if (auto checked = management::check_new_role(request); !checked) {
        note("role " + r.name + ": " + why(checked.error()));
        continue;
      }
      auto id = free_id(r.id, [&](const std::string& id) { return tx.roles().find(id); });
      if (!id) return id.error();
      model::Role role{.id = *id,
                       .name = r.name,
                       .description = r.description,
                       .type = *type,
                       .created_at = now_};
      if (auto inserted = tx.roles().insert(role); !inserted) return inserted;
      auto scopes = scope_ids(tx, r);
      if (!scopes) return scopes.error();
      if (!scopes->empty()) {
        if (auto added = tx.roles().add_scopes(role.id, *scopes); !added) return added;
      }
      role_ids_[r.name] = {role.id, role.type};
      ++report_.roles.created;
    }
    return ok();
  }

  // The ids of the scopes role `r` grants, noting those Latch does not have.
  Result<std::vector<std::string>> scope_ids(storage::Tx& tx, const ImportedRole& r) {
    std::vector<std::string> out;
    for (const auto& [indicator, name] : r.scopes) {
      auto resource = tx.resources().find_by_indicator(indicator);
      if (!resource) return resource.error();
      const model::Scope* scope = nullptr;
      if (*resource) {
        for (const auto& s : (*resource)->scopes) {
          if (s.name == name) scope = &s;
        }
      }
      if (!scope) {
        note("role " + r.name + ": its permission " + name + " on " + indicator +
             ", which was not imported");
        continue;
      }
      if (std::find(out.begin(), out.end(), scope->id) == out.end()) out.push_back(scope->id);
    }
    return out;
  }

  Result<void> organizations(storage::Tx& tx) {
    for (const auto& o : plan_.organizations) {
      auto existing = tx.organizations().find(o.id);
      if (!existing) return existing.error();
      if (*existing) {
        ++report_.organizations.present;
        organization_ids_.insert(o.id);
        continue;
      }
      management::OrganizationFields fields{.name = o.name,
                                            .custom_data = json::serialize(o.custom_data)};
      if (!o.description.empty()) fields.description = o.description;
      if (auto checked = management::check_fields(fields); !checked) {
        note("organization " + o.name + " (" + o.source_id + "): " + why(checked.error()));
        continue;
      }
      model::Organization organization{.id = o.id, .created_at = now_};
      management::apply_fields(organization, fields);
      if (auto inserted = tx.organizations().insert(organization); !inserted) return inserted;
      organization_ids_.insert(o.id);
      ++report_.organizations.created;
    }
    return ok();
  }

  Result<void> organization_template(storage::Tx& tx) {
    std::map<std::string, std::string> scope_ids;  // by name
    auto all = tx.organization_scopes().list("", {1, 1'000'000});
    if (!all) return all.error();
    for (const auto& scope : *all) scope_ids[scope.name] = scope.id;
    for (const auto& s : plan_.organization_scopes) {
      if (scope_ids.contains(s.name)) {
        ++report_.organization_scopes.present;
        continue;
      }
      if (s.name.empty() || s.name.size() > 128) {
        note("organization permission " + s.name + ": a name of 1 to 128 characters is needed");
        continue;
      }
      auto id =
          free_id(s.id, [&](const std::string& id) { return tx.organization_scopes().find(id); });
      if (!id) return id.error();
      model::OrganizationScope scope{.id = *id, .name = s.name, .created_at = now_};
      if (!s.description.empty()) scope.description = s.description;
      if (auto inserted = tx.organization_scopes().insert(scope); !inserted) return inserted;
      scope_ids[s.name] = scope.id;
      ++report_.organization_scopes.created;
    }
    for (const auto& r : plan_.organization_roles) {
      auto existing = tx.organization_roles().find_by_names({r.name});
      if (!existing) return existing.error();
      if (!existing->empty()) {
        ++report_.organization_roles.present;
        const auto& found = existing->front();
        organization_role_ids_[r.name] = found.type == model::RoleType::User ? found.id : "";
        continue;
      }
      auto type = model::parse_role_type(r.type);
      if (!type || r.name.empty() || r.name.size() > 128) {
        note("organization role " + r.name + ": not a role Latch can hold");
        continue;
      }
      auto id =
          free_id(r.id, [&](const std::string& id) { return tx.organization_roles().find(id); });
      if (!id) return id.error();
      model::OrganizationRole role{.id = *id, .name = r.name, .type = *type, .created_at = now_};
      if (!r.description.empty()) role.description = r.description;
      if (auto inserted = tx.organization_roles().insert(role); !inserted) return inserted;
      std::vector<std::string> scopes;
      for (const auto& name : r.scopes) {
        if (auto it = scope_ids.find(name); it != scope_ids.end()) scopes.push_back(it->second);
      }
      if (!scopes.empty()) {
        if (auto added = tx.organization_roles().add_scopes(role.id, scopes); !added) return added;
      }
      if (role.type == model::RoleType::User) organization_role_ids_[r.name] = role.id;
      ++report_.organization_roles.created;
    }
    return ok();
  }

  Result<void> apps(storage::Tx& tx) {
    for (const auto& a : plan_.apps) {
      auto existing = tx.applications().find(a.id);
      if (!existing) return existing.error();
      if (*existing) {
        ++report_.apps.present;
        continue;
      }
      management::NewApplication request{.name = a.name,
                                         .description = a.description,
                                         .type = a.type,
                                         .redirect_uris = a.redirect_uris,
                                         .post_logout_redirect_uris = a.post_logout_redirect_uris,
                                         .cors_allowed_origins = a.cors_allowed_origins,
                                         .is_third_party = a.third_party,
                                         .custom_data = json::serialize(a.custom_data)};
      auto imported =
          management::imported_application(request, a.id, a.secret, target_.secrets, now_);
      if (!imported) {
        note("application " + a.name + " (" + a.source_id + "): " + why(imported.error()));
        continue;
      }
      const model::Application* app = &imported->app;
      if (auto inserted = tx.applications().insert(*app); !inserted) return inserted;
      if (imported->secret) {
        if (auto r = tx.application_secrets().insert(*imported->secret); !r) return r;
      }
      if (app->id != a.source_id) {
        report_.new_ids.push_back("application " + a.name + ": client_id " + a.source_id +
                                  " is now " + app->id);
      }
      for (const auto& name : a.roles) {
        auto role = role_named(tx, name);
        if (!role) return role.error();
        if (!*role || (*role)->type != model::RoleType::MachineToMachine) {
          note("application " + a.name + ": its role " + name +
               (!*role ? ", which was not imported" : ", which is not a machine-to-machine role"));
          continue;
        }
        auto assigned = tx.roles().assign_application((*role)->id, app->id, now_);
        if (!assigned) return assigned;
      }
      ++report_.apps.created;
    }
    return ok();
  }

  Result<void> connectors() {
    experience::SocialConnectors social(target_.store, target_.secrets, target_.clock,
                                        target_.connector_timeout);
    for (const auto& c : plan_.connectors) {
      std::string label = "connector " + c.source_id + " (" + c.connector_id + ")";
      if (!connectors::find_factory(c.connector_id)) {
        note(label + ": Latch has no such social connector");
        continue;
      }
      std::string id = derived_id("connector", c.source_id, 12);
      auto existing = social.find(id);
      if (existing) {
        ++report_.connectors.present;
        continue;
      }
      if (existing.error().code != Errc::NotFound) return existing.error();
      auto made = social.create(c.connector_id, {.config = c.config}, id);
      if (!made) {
        if (made.error().code == Errc::Internal) return made.error();
        note(label + ": " + why(made.error()));
        continue;
      }
      ++report_.connectors.created;
    }
    return ok();
  }

  // Applied only while Latch's sign-in experience is its untouched default: an operator's
  // settings are never overwritten. Each setting goes on its own, so one Latch refuses (a sign-in
  // method it lacks) leaves the others.
  Result<void> sign_in_experience() {
    if (!plan_.sign_in_experience) return ok();
    std::optional<experience::SignInExperience> current;
    auto read = target_.store.read([&](storage::Tx& tx) -> Result<void> {
      auto loaded = experience::load_settings(tx);
      if (!loaded) return loaded.error();
      current = std::move(*loaded);
      return ok();
    });
    if (!read) return read;
    experience::SignInExperience next = *current;
    json::object accepted;
    std::vector<std::string> refused;
    for (const auto& [key, value] : *plan_.sign_in_experience) {
      auto applied = experience::apply_patch(next, json::object{{key, value}});
      if (!applied) {
        refused.push_back("sign-in experience: " + std::string(key) + ": " + why(applied.error()));
        continue;
      }
      next = std::move(*applied);
      accepted[key] = value;
    }
    auto unversioned = [](const experience::SignInExperience& config) {
      auto document = experience::to_json(config);
      document.erase("version");
      return document;
    };
    if (unversioned(next) == unversioned(*current)) {
      report_.sign_in_experience = "unchanged";
    } else if (current->version != 0) {
      report_.sign_in_experience = "kept";
      note("sign-in experience: Latch's has been changed since it was set up; it is kept as it is");
      return ok();
    } else {
      auto updated = experience::update_settings(target_.store, accepted, target_.clock);
      if (!updated) return updated.error();
      report_.sign_in_experience = "imported";
    }
    for (auto& line : refused) note(std::move(line));
    return ok();
  }

  // Users [from, to) of the plan, in one transaction.
  Result<void> users(storage::Tx& tx, std::size_t from, std::size_t to) {
    std::map<std::string, std::vector<std::string>> members;  // organization id -> user ids
    std::vector<std::tuple<std::string, std::string, std::string>> organization_roles;
    for (std::size_t i = from; i < to; ++i) {
      const ImportedUser& u = plan_.users[i];
      auto existing = tx.users().find(u.id);
      if (!existing) return existing.error();
      if (*existing) {
        ++report_.users.present;
        continue;
      }
      auto taken = taken_by(tx, u);
      if (!taken) return taken.error();
      if (!taken->empty()) {
        note("user " + u.source_id + ": " + *taken);
        continue;
      }
      management::NewUser request{.username = u.username,
                                  .email = u.email,
                                  .phone = u.phone,
                                  .name = u.name,
                                  .avatar = u.avatar,
                                  .custom_data_json = json::serialize(u.custom_data),
                                  .profile_json = json::serialize(u.profile)};
      if (u.password) {
        request.password_digest =
            management::ForeignPassword{u.password->algorithm, u.password->digest};
      }
      auto user = management::imported_user(request, u.id, u.created_at > 0 ? u.created_at : now_,
                                            json::serialize(u.identities));
      if (!user) {
        note("user " + u.source_id + ": " + why(user.error()));
        continue;
      }
      user->is_suspended = u.suspended;
      if (auto inserted = tx.users().insert(*user); !inserted) return inserted;
      for (const auto& name : u.roles) {
        auto role = role_named(tx, name);
        if (!role) return role.error();
        if (!*role || (*role)->type != model::RoleType::User) continue;
        if (auto assigned = tx.roles().assign_user((*role)->id, user->id, now_); !assigned) {
          return assigned;
        }
      }
      for (const auto& organization : u.organizations) {
        auto known = organization_known(tx, organization);
        if (!known) return known.error();
        if (*known) members[organization].push_back(user->id);
      }
      for (const auto& [organization, name] : u.organization_roles) {
        bool member = std::find(u.organizations.begin(), u.organizations.end(), organization) !=
                      u.organizations.end();
        auto known = organization_known(tx, organization);
        if (!known) return known.error();
        auto role = organization_role_named(tx, name);
        if (!role) return role.error();
        if (member && *known && !role->empty()) {
          organization_roles.emplace_back(organization, user->id, *role);
        }
      }
      ++report_.users.created;
    }
    for (const auto& [organization, ids] : members) {
      if (auto added = tx.organizations().add_users(organization, ids); !added) return added;
    }
    for (const auto& [organization, user_id, role_id] : organization_roles) {
      auto given = tx.organizations().add_user_roles(organization, {user_id}, {role_id});
      if (!given) return given;
    }
    return ok();
  }

  // Why user `u` cannot be added: an identifier or identity of another user; "" when it can.
  Result<std::string> taken_by(storage::Tx& tx, const ImportedUser& u) {
    auto check = [&](std::string_view what, const std::optional<std::string>& value,
                     auto find) -> Result<std::string> {
      if (!value) return std::string();
      auto other = find(*value);
      if (!other) return other.error();
      if (!*other) return std::string();
      return std::string(what) + " " + *value + " belongs to user " + (*other)->id + " already";
    };
    auto& users = tx.users();
    auto found = check("username", u.username,
                       [&](const std::string& v) { return users.find_by_username(v); });
    if (!found || !found->empty()) return found;
    found = check("email", u.email, [&](const std::string& v) { return users.find_by_email(v); });
    if (!found || !found->empty()) return found;
    found = check("phone", u.phone, [&](const std::string& v) { return users.find_by_phone(v); });
    if (!found || !found->empty()) return found;
    for (const auto& [target, identity] : u.identities) {
      const auto* object = identity.if_object();
      const auto* user_id = object ? object->if_contains("userId") : nullptr;
      if (!user_id || !user_id->is_string()) {
        return "its " + std::string(target) + " identity has no userId";
      }
      auto other = users.find_by_identity(target, user_id->as_string());
      if (!other) return other.error();
      if (*other) {
        return "the " + std::string(target) + " identity " + std::string(user_id->as_string()) +
               " belongs to user " + (*other)->id + " already";
      }
    }
    return std::string();
  }

  struct RoleRef {
    std::string id;
    model::RoleType type;
  };

  // What users refer to, as Latch has it: from this plan, else from the database (users may come
  // in a plan of their own, after the one with the roles and organizations). Cached.
  Result<std::optional<RoleRef>> role_named(storage::Tx& tx, const std::string& name) {
    if (auto it = role_ids_.find(name); it != role_ids_.end()) return std::optional(it->second);
    auto found = tx.roles().find_by_name(name);
    if (!found) return found.error();
    if (!*found) return std::optional<RoleRef>();
    RoleRef ref{(*found)->id, (*found)->type};
    role_ids_[name] = ref;
    return std::optional(ref);
  }
  Result<bool> organization_known(storage::Tx& tx, const std::string& id) {
    if (organization_ids_.contains(id)) return true;
    if (organizations_absent_.contains(id)) return false;
    auto found = tx.organizations().find(id);
    if (!found) return found.error();
    (*found ? organization_ids_ : organizations_absent_).insert(id);
    return found->has_value();
  }
  // The id of User organization role `name`; "" when Latch has none.
  Result<std::string> organization_role_named(storage::Tx& tx, const std::string& name) {
    if (auto it = organization_role_ids_.find(name); it != organization_role_ids_.end()) {
      return it->second;
    }
    auto found = tx.organization_roles().find_by_names({name});
    if (!found) return found.error();
    std::string id;
    if (!found->empty() && found->front().type == model::RoleType::User) id = found->front().id;
    organization_role_ids_[name] = id;
    return id;
  }

  const ImportPlan& plan_;
  const ImportTarget& target_;
  std::int64_t now_;
  ImportReport report_;
  std::map<std::string, RoleRef> role_ids_;  // by name: roles as Latch has them
  std::set<std::string> organization_ids_;   // organizations Latch has
  std::set<std::string> organizations_absent_;
  std::map<std::string, std::string> organization_role_ids_;  // by name: User roles ("": none)
};

}  // namespace

Result<ImportReport> write_plan(const ImportPlan& plan, const ImportTarget& target) {
  return Writer(plan, target).run();
}

void add(ImportReport& total, ImportReport&& part) {
  auto sum = [](Tally& into, const Tally& from) {
    into.created += from.created;
    into.present += from.present;
  };
  sum(total.resources, part.resources);
  sum(total.roles, part.roles);
  sum(total.organizations, part.organizations);
  sum(total.organization_scopes, part.organization_scopes);
  sum(total.organization_roles, part.organization_roles);
  sum(total.connectors, part.connectors);
  sum(total.apps, part.apps);
  sum(total.users, part.users);
  if (!part.sign_in_experience.empty()) total.sign_in_experience = part.sign_in_experience;
  auto append = [](std::vector<std::string>& into, std::vector<std::string>& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
  };
  append(total.new_ids, part.new_ids);
  append(total.not_imported, part.not_imported);
}

std::string describe(const ImportReport& report) {
  std::string out;
  auto line = [&](std::string_view kind, const Tally& tally) {
    out += std::string(kind) + ": " + std::to_string(tally.created) + " imported, " +
           std::to_string(tally.present) + " already there\n";
  };
  line("API resources", report.resources);
  line("roles", report.roles);
  line("organizations", report.organizations);
  line("organization permissions", report.organization_scopes);
  line("organization roles", report.organization_roles);
  line("social connectors", report.connectors);
  line("applications", report.apps);
  line("users", report.users);
  if (!report.sign_in_experience.empty()) {
    out += "sign-in experience: " + report.sign_in_experience + "\n";
  }
  for (const auto& item : report.new_ids) out += item + "\n";
  if (!report.not_imported.empty()) {
    out += "not imported (" + std::to_string(report.not_imported.size()) + "):\n";
    for (const auto& item : report.not_imported) out += "  - " + item + "\n";
  }
  return out;
}

}  // namespace latch::migrate
