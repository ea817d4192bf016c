#include <boost/json/serialize.hpp>
#include <cstdio>

#include "management/resource_service.hpp"
#include "management/role_service.hpp"
#include "management/user_service.hpp"
#include "server/cli_commands.hpp"

// latch role ...: roles, their permissions and who holds them (management/role_service.hpp).
namespace latch::server {
namespace {

struct RoleCreateArgs {
  std::string name, description, type = "user";
  std::vector<std::string> scopes;  // RESOURCE:SCOPE
  bool is_default = false;
  bool json = false;
};

std::optional<model::RoleType> parse_type(const std::string& text) {
  if (text == "user") return model::RoleType::User;
  if (text == "m2m") return model::RoleType::MachineToMachine;
  return model::parse_role_type(text);
}

// The scope id of RESOURCE:SCOPE, where RESOURCE is a resource's id or indicator. Indicators and
// scope names may hold ':' themselves, so each split is tried, leftmost first.
Result<std::string> scope_id_of(management::ResourceService& resources, const std::string& spec) {
  for (auto colon = spec.find(':'); colon != std::string::npos; colon = spec.find(':', colon + 1)) {
    auto resource = resources.find(spec.substr(0, colon));
    if (!resource) continue;
    std::string name = spec.substr(colon + 1);
    for (const auto& scope : resource->scopes) {
      if (scope.name == name) return scope.id;
    }
  }
  return make_error(Errc::NotFound, "no resource has the scope " + spec +
                                        " (RESOURCE:SCOPE, RESOURCE an id or an indicator)");
}

void print_role(const model::Role& role, bool json) {
  if (json) {
    std::printf("%s\n", boost::json::serialize(management::to_json(role)).c_str());
    return;
  }
  std::printf("%s  %-16s  %s%s\n", role.id.c_str(),
              std::string(model::role_type_name(role.type)).c_str(), role.name.c_str(),
              role.is_default ? "  (default)" : "");
}

int create_role(Runtime& rt, const RoleCreateArgs& args) {
  auto type = parse_type(args.type);
  if (!type) return fail(make_error(Errc::InvalidRequest, "--type must be user or m2m"));
  management::ResourceService resources(*rt.store, rt.clock);
  std::vector<std::string> scope_ids;
  for (const auto& spec : args.scopes) {
    auto id = scope_id_of(resources, spec);
    if (!id) return fail(id.error());
    scope_ids.push_back(*id);
  }
  management::RoleService roles(*rt.store, rt.clock);
  auto role = roles.create({.name = args.name,
                            .description = args.description.empty() ? args.name : args.description,
                            .type = *type,
                            .is_default = args.is_default,
                            .scope_ids = scope_ids});
  if (!role) return fail(role.error());
  print_role(*role, args.json);
  return 0;
}

int list_roles(Runtime& rt, bool json) {
  management::RoleService roles(*rt.store, rt.clock);
  boost::json::array out;
  for (int page = 1;; ++page) {
    auto listed = roles.list({}, {page, 100});
    if (!listed) return fail(listed.error());
    for (const auto& s : listed->items) {
      if (json) {
        out.push_back(management::to_json(s));
        continue;
      }
      print_role(s.role, false);
      std::printf("    %lld users, %lld applications\n", static_cast<long long>(s.users_count),
                  static_cast<long long>(s.applications_count));
    }
    if (static_cast<std::int64_t>(page) * 100 >= listed->total) break;
  }
  if (json) std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

struct HolderArgs {
  std::string role, user, app;
};

// Gives (or takes) the role to the user (id, username or email) or the app.
int assign(Runtime& rt, const HolderArgs& args, bool give) {
  if (args.user.empty() == args.app.empty()) {
    return fail(make_error(Errc::InvalidRequest, "name one of --user or --app"));
  }
  management::RoleService roles(*rt.store, rt.clock);
  auto role = roles.find(args.role);
  if (!role) return fail(role.error());
  std::string holder = args.app;
  if (!args.user.empty()) {
    auto user = management::UserService(*rt.store, rt.clock).find(args.user);
    if (!user) return fail(user.error());
    holder = user->id;
  }
  Result<void> done = ok();
  if (give) {
    auto added = args.user.empty() ? roles.add_application_roles(holder, {role->id})
                                   : roles.add_user_roles(holder, {role->id});
    if (!added) done = added.error();
  } else {
    done = args.user.empty() ? roles.remove_application_role(holder, role->id)
                             : roles.remove_user_role(holder, role->id);
  }
  if (!done) return fail(done.error());
  std::printf("%s %s %s\n", holder.c_str(), give ? "holds" : "no longer holds", role->name.c_str());
  return 0;
}

void add_create(CLI::App& roles, Action& action) {
  auto args = std::make_shared<RoleCreateArgs>();
  auto* cmd = roles.add_subcommand("create", "Create a role");
  cmd->add_option("--name", args->name, "Unique name")->required();
  cmd->add_option("--type", args->type, "user or m2m")->capture_default_str();
  cmd->add_option("--description", args->description, "Description (default: the name)");
  cmd->add_flag("--default", args->is_default, "user only: every new user gets this role");
  cmd->add_option("--scope", args->scopes,
                  "RESOURCE:SCOPE, RESOURCE an id or an indicator (repeatable)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback(
      [&action, args] { action = [args](Runtime& rt) { return create_role(rt, *args); }; });
}

void add_assign(CLI::App& roles, Action& action) {
  for (bool give : {true, false}) {
    auto args = std::make_shared<HolderArgs>();
    auto* cmd = roles.add_subcommand(give ? "assign" : "unassign",
                                     give ? "Give a role to a user or a machine-to-machine app"
                                          : "Take a role from a user or an app");
    cmd->add_option("role", args->role, "Role id or name")->required();
    cmd->add_option("--user", args->user, "User id, username or email");
    cmd->add_option("--app", args->app, "App ID (machine-to-machine)");
    cmd->callback([&action, args, give] {
      action = [args, give](Runtime& rt) { return assign(rt, *args, give); };
    });
  }
}

void add_list_delete(CLI::App& roles, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto* list = roles.add_subcommand("list", "List roles with how many hold each");
  list->add_flag("--json", *json, "Print JSON");
  list->callback(
      [&action, json] { action = [json](Runtime& rt) { return list_roles(rt, *json); }; });
  auto key = std::make_shared<std::string>();
  auto* del = roles.add_subcommand("delete", "Delete a role (its holders lose its permissions)");
  del->add_option("role", *key, "Role id or name")->required();
  del->callback([&action, key] {
    action = [key](Runtime& rt) {
      management::RoleService roles(*rt.store, rt.clock);
      auto role = roles.find(*key);
      if (!role) return fail(role.error());
      if (auto done = roles.remove(role->id); !done) return fail(done.error());
      std::printf("deleted %s\n", role->id.c_str());
      return 0;
    };
  });
}

}  // namespace

void add_role_commands(CLI::App& app, Action& action) {
  auto* roles = app.add_subcommand("role", "Manage roles (RBAC): permissions users and apps hold");
  roles->require_subcommand(1);
  add_create(*roles, action);
  add_assign(*roles, action);
  add_list_delete(*roles, action);
  for (auto* sub : roles->get_subcommands({})) sub->fallthrough();
}

}  // namespace latch::server
