#include <boost/json/serialize.hpp>
#include <cstdio>

#include "management/resource_service.hpp"
#include "server/cli_commands.hpp"

namespace latch::server {
namespace {

struct ResourceCreateArgs {
  std::string name;
  std::string indicator;
  std::vector<std::string> scopes;
  std::int64_t ttl = 3600;
  bool is_default = false;
  bool json = false;
};

void print_resource(const model::Resource& r, bool json) {
  if (json) {
    std::printf("%s\n", boost::json::serialize(management::to_json(r)).c_str());
    return;
  }
  std::string scopes;
  for (const auto& s : r.scopes) scopes += (scopes.empty() ? "" : " ") + s.name;
  std::printf("%s  %s  %s  [%s]\n", r.id.c_str(), r.indicator.c_str(), r.name.c_str(),
              scopes.c_str());
}

int create_resource(Runtime& rt, const ResourceCreateArgs& args) {
  management::ResourceService service(*rt.store, rt.clock);
  auto resource = service.create({.name = args.name,
                                  .indicator = args.indicator,
                                  .scopes = args.scopes,
                                  .access_token_ttl = args.ttl,
                                  .is_default = args.is_default});
  if (!resource) return fail(resource.error());
  print_resource(*resource, args.json);
  return 0;
}

}  // namespace

void add_resource_commands(CLI::App& app, Action& action) {
  auto* resources = app.add_subcommand("resource", "Manage API resources and their scopes");
  resources->require_subcommand(1);
  auto args = std::make_shared<ResourceCreateArgs>();
  auto* create = resources->add_subcommand("create", "Create an API resource");
  create->add_option("--name", args->name, "Display name")->required();
  create->add_option("--indicator", args->indicator, "Resource indicator URI (the token aud)")
      ->required();
  create->add_option("--scope", args->scopes, "Scope the API defines (repeatable)");
  create->add_option("--ttl", args->ttl, "Access token lifetime in seconds")->capture_default_str();
  create->add_flag("--default", args->is_default, "Use when a token request names no resource");
  create->add_flag("--json", args->json, "Print JSON");
  create->callback(
      [&action, args] { action = [args](Runtime& rt) { return create_resource(rt, *args); }; });
  auto json = std::make_shared<bool>(false);
  auto* list = resources->add_subcommand("list", "List API resources");
  list->add_flag("--json", *json, "Print JSON");
  list->callback([&action, json] {
    action = [json](Runtime& rt) {
      management::ResourceService service(*rt.store, rt.clock);
      auto all = service.list();
      if (!all) return fail(all.error());
      boost::json::array out;
      for (const auto& r : *all) {
        if (*json) {
          out.push_back(management::to_json(r));
        } else {
          print_resource(r, false);
        }
      }
      if (*json) std::printf("%s\n", boost::json::serialize(out).c_str());
      return 0;
    };
  });
  for (auto* sub : resources->get_subcommands({})) sub->fallthrough();
}

}  // namespace latch::server
