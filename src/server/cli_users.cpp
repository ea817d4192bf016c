#include <boost/json/serialize.hpp>
#include <cstdio>

#include "management/user_service.hpp"
#include "server/cli_commands.hpp"

namespace latch::server {
namespace {

struct UserCreateArgs {
  std::string username, email, phone, name, password;
  bool json = false;
};

std::optional<std::string> given(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

int create_user(Runtime& rt, const UserCreateArgs& args) {
  management::UserService service(*rt.store, rt.clock);
  auto user = service.create({.username = given(args.username),
                              .email = given(args.email),
                              .phone = given(args.phone),
                              .name = given(args.name),
                              .password = given(args.password)});
  if (!user) return fail(user.error());
  if (args.json) {
    std::printf("%s\n", boost::json::serialize(management::to_json(*user)).c_str());
  } else {
    std::printf("created user %s\n", user->id.c_str());
  }
  return 0;
}

int list_users(Runtime& rt, const std::string& search, bool json) {
  management::UserService service(*rt.store, rt.clock);
  auto page = service.list(search, {1, 100});
  if (!page) return fail(page.error());
  boost::json::array out;
  for (const auto& u : page->users) {
    if (json) {
      out.push_back(management::to_json(u));
      continue;
    }
    std::printf("%s  %-20s  %-28s  %s\n", u.id.c_str(), u.username.value_or("-").c_str(),
                u.primary_email.value_or("-").c_str(), u.name.value_or("").c_str());
  }
  if (json) std::printf("%s\n", boost::json::serialize(out).c_str());
  if (!json && page->total > static_cast<std::int64_t>(page->users.size())) {
    std::printf("(%zu of %lld shown; narrow with --search)\n", page->users.size(),
                static_cast<long long>(page->total));
  }
  return 0;
}

int list_admins(Runtime& rt, bool json) {
  management::UserService service(*rt.store, rt.clock);
  auto admins = service.admins();
  if (!admins) return fail(admins.error());
  boost::json::array out;
  for (const auto& u : *admins) {
    if (json) {
      out.push_back(management::to_json(u));
    } else {
      std::printf("%s  %-20s  %s\n", u.id.c_str(), u.username.value_or("-").c_str(),
                  u.primary_email.value_or("-").c_str());
    }
  }
  if (json) std::printf("%s\n", boost::json::serialize(out).c_str());
  if (!json && admins->empty()) std::printf("no operators (create one: latch admin create)\n");
  return 0;
}

void add_admin_commands(CLI::App& app, Action& action) {
  auto* admin = app.add_subcommand("admin", "Manage operators (administrators of this Latch)");
  admin->require_subcommand(1);
  auto args = std::make_shared<UserCreateArgs>();
  auto* create = admin->add_subcommand("create", "Create an operator account");
  create->add_option("--username", args->username, "Username")->required();
  create->add_option("--password", args->password, "Password (at least 8 characters)")->required();
  create->add_option("--email", args->email, "Email");
  create->add_option("--name", args->name, "Display name");
  create->add_flag("--json", args->json, "Print JSON");
  create->callback([&action, args] {
    action = [args](Runtime& rt) {
      management::UserService service(*rt.store, rt.clock);
      auto user = service.create({.username = args->username,
                                  .email = given(args->email),
                                  .name = given(args->name),
                                  .password = args->password,
                                  .admin = true});
      if (!user) return fail(user.error());
      if (args->json) {
        std::printf("%s\n", boost::json::serialize(management::to_json(*user)).c_str());
      } else {
        std::printf("created operator %s (%s)\n", user->id.c_str(), args->username.c_str());
      }
      return 0;
    };
  });
  for (bool grant : {true, false}) {
    auto who = std::make_shared<std::string>();
    auto* cmd = admin->add_subcommand(
        grant ? "grant" : "revoke",
        grant ? "Make an existing user an operator" : "Make an operator an ordinary user");
    cmd->add_option("user", *who, "User id, username or email")->required();
    cmd->callback([&action, who, grant] {
      action = [who, grant](Runtime& rt) {
        management::UserService service(*rt.store, rt.clock);
        auto user = service.set_admin(*who, grant);
        if (!user) return fail(user.error());
        std::printf("user %s is %s\n", user->id.c_str(),
                    grant ? "an operator" : "no longer an operator");
        return 0;
      };
    });
  }
  auto json = std::make_shared<bool>(false);
  auto* list = admin->add_subcommand("list", "List operators");
  list->add_flag("--json", *json, "Print JSON");
  list->callback(
      [&action, json] { action = [json](Runtime& rt) { return list_admins(rt, *json); }; });
  for (auto* sub : admin->get_subcommands({})) sub->fallthrough();
}

}  // namespace

void add_user_commands(CLI::App& app, Action& action) {
  add_admin_commands(app, action);
  auto* users = app.add_subcommand("user", "Manage users");
  users->require_subcommand(1);
  auto args = std::make_shared<UserCreateArgs>();
  auto* create = users->add_subcommand("create", "Create a user");
  create->add_option("--username", args->username, "Username");
  create->add_option("--email", args->email, "Primary email");
  create->add_option("--phone", args->phone, "Primary phone");
  create->add_option("--name", args->name, "Display name");
  create->add_option("--password", args->password, "Password (at least 8 characters)");
  create->add_flag("--json", args->json, "Print JSON");
  create->callback(
      [&action, args] { action = [args](Runtime& rt) { return create_user(rt, *args); }; });
  auto search = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* list = users->add_subcommand("list", "List users");
  list->add_option("--search", *search,
                   "Start of the id, username, email, phone or name (%text for a substring)");
  list->add_flag("--json", *json, "Print JSON");
  list->callback([&action, search, json] {
    action = [search, json](Runtime& rt) { return list_users(rt, *search, *json); };
  });
  for (bool suspend : {true, false}) {
    auto id = std::make_shared<std::string>();
    auto* cmd = users->add_subcommand(
        suspend ? "suspend" : "unsuspend",
        suspend ? "Suspend a user: no sign-in, tokens stop working" : "Lift a user's suspension");
    cmd->add_option("user", *id, "User id, username or email")->required();
    cmd->callback([&action, id, suspend] {
      action = [id, suspend](Runtime& rt) {
        management::UserService service(*rt.store, rt.clock);
        auto user = service.set_suspended(*id, suspend);
        if (!user) return fail(user.error());
        std::printf("user %s %s\n", user->id.c_str(), suspend ? "suspended" : "unsuspended");
        return 0;
      };
    });
  }
  add_user_mfa_commands(*users, action);
  for (auto* sub : users->get_subcommands({})) sub->fallthrough();
}

}  // namespace latch::server
