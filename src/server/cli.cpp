#include "server/cli.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "experience/i18n/i18n.hpp"
#include "server/cli_commands.hpp"
#include "server/serve.hpp"

namespace latch::server {
namespace {

struct FlagSlot {
  std::string key;
  std::string value;
  CLI::Option* option = nullptr;
};

std::string flag_name(std::string_view key) {
  std::string out = "--";
  for (char c : key) out.push_back(c == '_' ? '-' : c);
  return out;
}

}  // namespace

int fail(const Error& error) {
  // A keyed error ("connector.target_in_use") reads as its English phrase; the detail says more.
  std::string text = experience::error_text(experience::Lang::En, error);
  std::fprintf(stderr, "error: %s\n", text.c_str());
  if (!error.detail.empty() && text != error.detail) {
    std::fprintf(stderr, "  %s\n", error.detail.c_str());
  }
  return 1;
}

int run_cli(int argc, char** argv) {
  CLI::App app{"Latch, a self-hosted OpenID Connect provider.", "latch"};
  app.require_subcommand(1);
  std::string config_file;
  app.add_option("--config", config_file, "TOML configuration file (LATCH_CONFIG)");
  std::vector<FlagSlot> slots(config_keys().size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    slots[i].key = std::string(config_keys()[i].name);
    slots[i].option = app.add_option(flag_name(slots[i].key), slots[i].value,
                                     std::string(config_keys()[i].description));
  }
  Action action;
  app.add_subcommand("serve", "Start the server")->fallthrough()->callback([&] {
    action = [](Runtime& rt) { return serve(rt); };
  });
  add_app_commands(app, action);
  add_resource_commands(app, action);
  add_user_commands(app, action);
  add_role_commands(app, action);
  add_key_commands(app, action);
  add_db_commands(app, action);
  add_experience_commands(app, action);
  add_connector_commands(app, action);
  add_import_commands(app, action);
  for (auto* sub : app.get_subcommands({})) sub->fallthrough();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  std::map<std::string, std::string> flags;
  for (const auto& slot : slots) {
    if (slot.option->count() > 0) flags[slot.key] = slot.value;
  }
  auto config = load_config(config_file, environment(), flags);
  if (!config) return fail(config.error());
  setup_logging(config->log_level, config->log_format);
  auto runtime = open_runtime(*config);
  if (!runtime) return fail(runtime.error());
  return action ? action(**runtime) : 2;
}

}  // namespace latch::server
