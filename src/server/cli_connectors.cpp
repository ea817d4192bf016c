#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "core/error_keys.hpp"
#include "experience/social/social_connectors.hpp"
#include "server/cli_commands.hpp"

// latch connector list|factories|add|show|update|remove|enable|disable: social sign-in
// connectors (GitHub, generic OAuth 2.0 and OpenID Connect).
namespace latch::server {
namespace {

namespace json = boost::json;

struct ConnectorArgs {
  std::string factory;  // add
  std::string id;       // the others
  std::string client_id, client_secret, scope;
  std::vector<std::string> sets;  // FIELD=VALUE
  std::string sync_profile;       // "", true, false
  bool enable = false;
  bool reveal = false;
  bool json = false;
};

experience::SocialConnectors connectors_of(Runtime& rt) {
  return {*rt.store, *rt.secrets, rt.clock,
          std::chrono::milliseconds(rt.config.connector_timeout_ms)};
}

// A --set value: JSON for objects and booleans (claim mappings, flags), else the text itself.
json::value field_value(const std::string& text) {
  if (text == "true" || text == "false" || (!text.empty() && text.front() == '{')) {
    boost::system::error_code ec;
    auto parsed = json::parse(text, ec);
    if (!ec) return parsed;
  }
  return json::string(text);
}

Result<experience::ConnectorChange> change_of(const ConnectorArgs& a) {
  experience::ConnectorChange change;
  if (!a.client_id.empty()) change.config["clientId"] = a.client_id;
  if (!a.client_secret.empty()) change.config["clientSecret"] = a.client_secret;
  if (!a.scope.empty()) change.config["scope"] = a.scope;
  for (const auto& s : a.sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return make_error(Errc::InvalidRequest, "--set takes FIELD=VALUE, got " + s);
    }
    change.config[s.substr(0, eq)] = field_value(s.substr(eq + 1));
  }
  if (a.sync_profile == "true" || a.sync_profile == "false") {
    change.sync_profile = a.sync_profile == "true";
  } else if (!a.sync_profile.empty()) {
    return make_error(Errc::InvalidRequest, "--sync-profile takes true or false");
  }
  return change;
}

void print_connector(Runtime& rt, const experience::SocialConnectorInfo& info, bool as_json,
                     bool reveal) {
  auto doc = experience::connector_json(info, rt.config.endpoint, reveal);
  if (as_json) {
    std::printf("%s\n", json::serialize(doc).c_str());
    return;
  }
  std::printf("ID:           %s\nConnector:    %s (%s)\nTarget:       %s\nCallback URL: %s\n",
              info.record.id.c_str(), info.factory->metadata().name.c_str(),
              info.factory->metadata().factory_id.c_str(), info.record.target.c_str(),
              experience::callback_uri(rt.config.endpoint, info.record.id).c_str());
  std::printf("Sync profile: %s\n", info.record.sync_profile ? "on every sign-in" : "at sign-up");
  for (const auto& [key, value] : doc["config"].as_object()) {
    std::string text = value.is_string() ? std::string(value.as_string()) : json::serialize(value);
    std::printf("  %-14s %s\n", std::string(key).c_str(), text.c_str());
  }
}

}  // namespace

Error connector_create_failure(const Error& error, const std::string& factory) {
  if (error.key != keys::kSocialNotFound) return error;
  return make_error(Errc::NotFound,
                    "unknown connector " + factory + " (see latch connector factories)");
}

namespace {

int add(Runtime& rt, const ConnectorArgs& a) {
  auto change = change_of(a);
  if (!change) return fail(change.error());
  auto service = connectors_of(rt);
  auto created = service.create(a.factory, *change);
  if (!created) return fail(connector_create_failure(created.error(), a.factory));
  if (a.enable) {
    if (auto on = service.set_enabled(created->record.id, true); !on) return fail(on.error());
  }
  std::string callback = experience::callback_uri(rt.config.endpoint, created->record.id);
  if (a.json) {
    std::printf("%s\n",
                json::serialize(json::object{{"id", created->record.id}, {"callbackUri", callback}})
                    .c_str());
  } else {
    std::printf("created connector %s\nRegister this callback URL at the provider:\n  %s\n",
                created->record.id.c_str(), callback.c_str());
    if (!a.enable) {
      std::printf("Then show it on the sign-in page: latch connector enable %s\n",
                  created->record.id.c_str());
    }
  }
  return 0;
}

int list(Runtime& rt, bool as_json) {
  auto service = connectors_of(rt);
  auto all = service.list();
  if (!all) return fail(all.error());
  json::array out;
  for (const auto& info : *all) {
    if (as_json) {
      out.push_back(experience::connector_json(info, rt.config.endpoint));
      continue;
    }
    std::printf("%s  %-8s  %-10s  %s\n", info.record.id.c_str(),
                info.factory->metadata().name.c_str(), info.record.target.c_str(),
                experience::callback_uri(rt.config.endpoint, info.record.id).c_str());
  }
  if (as_json) std::printf("%s\n", json::serialize(out).c_str());
  if (!as_json && all->empty())
    std::printf("no connectors (add one: latch connector add github)\n");
  return 0;
}

int factories(bool as_json) {
  json::array out;
  for (const auto* f : connectors::social_factories()) {
    const auto& m = f->metadata();
    if (as_json) {
      json::array fields;
      for (const auto& field : f->fields()) {
        fields.push_back(json::object{{"key", field.key},
                                      {"required", field.required},
                                      {"secret", field.secret},
                                      {"default", field.default_value}});
      }
      out.push_back(json::object{
          {"id", m.factory_id}, {"target", m.target}, {"name", m.name}, {"fields", fields}});
      continue;
    }
    std::printf("%-18s %-10s %s\n", m.factory_id.c_str(), m.is_standard ? "-" : m.target.c_str(),
                m.name.c_str());
    for (const auto& field : f->fields()) {
      std::printf("    %-16s %s%s%s\n", field.key.c_str(), field.required ? "required" : "optional",
                  field.secret ? ", secret" : "",
                  field.default_value.empty() ? "" : (", default " + field.default_value).c_str());
    }
  }
  if (as_json) std::printf("%s\n", json::serialize(out).c_str());
  return 0;
}

}  // namespace

void add_connector_commands(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("connector", "Manage social sign-in connectors (GitHub, OIDC)");
  cmd->require_subcommand(1);
  auto a = std::make_shared<ConnectorArgs>();
  auto config_options = [a](CLI::App* sub) {
    sub->add_option("--client-id", a->client_id, "The provider's client ID");
    sub->add_option("--client-secret", a->client_secret, "The provider's client secret (sealed)");
    sub->add_option("--scope", a->scope, "Space-separated scopes");
    sub->add_option("--set", a->sets, "FIELD=VALUE for any other field (repeatable)");
    sub->add_option("--sync-profile", a->sync_profile,
                    "true: update name and avatar on every sign-in; false: only at sign-up");
    sub->add_flag("--json", a->json, "Print JSON");
  };

  auto* add_cmd = cmd->add_subcommand("add", "Add a connector: latch connector add github ...");
  add_cmd->add_option("factory", a->factory, "github, oidc, oauth2, google, microsoft")->required();
  config_options(add_cmd);
  add_cmd->add_flag("--enable", a->enable, "Also show it on the sign-in page");
  add_cmd->callback([&action, a] { action = [a](Runtime& rt) { return add(rt, *a); }; });

  auto* update = cmd->add_subcommand("update", "Change a connector's configuration");
  update->add_option("id", a->id, "Connector ID")->required();
  config_options(update);
  update->callback([&action, a] {
    action = [a](Runtime& rt) {
      auto change = change_of(*a);
      if (!change) return fail(change.error());
      auto updated = connectors_of(rt).update(a->id, *change);
      if (!updated) return fail(updated.error());
      print_connector(rt, *updated, a->json, false);
      return 0;
    };
  });

  auto* list_cmd = cmd->add_subcommand("list", "List connectors and their callback URLs");
  list_cmd->add_flag("--json", a->json, "Print JSON");
  list_cmd->callback([&action, a] { action = [a](Runtime& rt) { return list(rt, a->json); }; });

  auto* fact = cmd->add_subcommand("factories", "List the kinds of connector and their fields");
  fact->add_flag("--json", a->json, "Print JSON");
  fact->callback([&action, a] { action = [a](Runtime&) { return factories(a->json); }; });

  auto* show = cmd->add_subcommand("show", "Show a connector");
  show->add_option("id", a->id, "Connector ID")->required();
  show->add_flag("--json", a->json, "Print JSON");
  show->add_flag("--reveal", a->reveal, "Show secret fields");
  show->callback([&action, a] {
    action = [a](Runtime& rt) {
      auto info = connectors_of(rt).find(a->id);
      if (!info) return fail(info.error());
      print_connector(rt, *info, a->json, a->reveal);
      return 0;
    };
  });

  for (auto [name, help] : {std::pair{"remove", "Delete a connector"},
                            std::pair{"enable", "Show a connector on the sign-in page"},
                            std::pair{"disable", "Take a connector off the sign-in page"}}) {
    auto* sub = cmd->add_subcommand(name, help);
    sub->add_option("id", a->id, "Connector ID")->required();
    std::string verb = name;
    sub->callback([&action, a, verb] {
      action = [a, verb](Runtime& rt) {
        auto service = connectors_of(rt);
        auto done =
            verb == "remove" ? service.remove(a->id) : service.set_enabled(a->id, verb == "enable");
        if (!done) return fail(done.error());
        std::printf("connector %s %s\n", a->id.c_str(),
                    verb == "remove" ? "removed" : (verb == "enable" ? "enabled" : "disabled"));
        return 0;
      };
    });
  }
  for (auto* sub : cmd->get_subcommands({})) sub->fallthrough();
}

}  // namespace latch::server
