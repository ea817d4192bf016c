#include <boost/json/serialize.hpp>
#include <cstdio>

#include "oidc/key_store.hpp"
#include "server/cli_commands.hpp"

namespace latch::server {
namespace {

// A rotated key stays published until every token it signed has expired.
std::int64_t keep_seconds(const Config& config) {
  std::int64_t longest = std::max(config.access_token_ttl, config.id_token_ttl);
  return std::max<std::int64_t>(longest, 30 * 86400) + 300;  // resources may set up to 30 days
}

int rotate(Runtime& rt, const std::string& alg_name, bool json) {
  std::vector<crypto::JwsAlg> algs;
  if (alg_name == "all") {
    algs.assign(std::begin(oidc::kAllAlgs), std::end(oidc::kAllAlgs));
  } else if (auto alg = crypto::parse_alg(alg_name)) {
    algs.push_back(*alg);
  } else {
    return fail(
        make_error(Errc::InvalidRequest, "--alg must be ES256, ES384, RS256, EdDSA or all"));
  }
  oidc::KeyService service(*rt.store, *rt.secrets);
  boost::json::array out;
  for (auto alg : algs) {
    auto kid = service.rotate(alg, rt.clock.now_seconds(), keep_seconds(rt.config));
    if (!kid) return fail(kid.error());
    if (!json)
      std::printf("%s  %s  current\n", std::string(crypto::alg_name(alg)).c_str(), kid->c_str());
    out.push_back({{"alg", crypto::alg_name(alg)}, {"kid", *kid}});
  }
  if (json) std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

int list_keys(Runtime& rt, bool json) {
  boost::json::array out;
  auto done = rt.store->read([&](storage::Tx& tx) -> Result<void> {
    auto keys = tx.keys().list_all();
    if (!keys) return keys.error();
    for (const auto& k : *keys) {
      bool current = k.status == model::KeyStatus::Current;
      if (!json) {
        std::printf("%-6s %s  %s\n", k.alg.c_str(), k.kid.c_str(),
                    current ? "current" : "previous");
      }
      out.push_back({{"kid", k.kid},
                     {"alg", k.alg},
                     {"status", current ? "current" : "previous"},
                     {"createdAt", k.created_at},
                     {"retireAt", k.retire_at}});
    }
    return ok();
  });
  if (!done) return fail(done.error());
  if (json) std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

}  // namespace

void add_key_commands(CLI::App& app, Action& action) {
  auto* keys = app.add_subcommand("keys", "Manage signing keys");
  keys->require_subcommand(1);
  auto alg = std::make_shared<std::string>("all");
  auto json = std::make_shared<bool>(false);
  auto* rotate_cmd = keys->add_subcommand(
      "rotate",
      "New signing keys sign at once; old public keys stay in the JWKS until the "
      "tokens they signed have expired");
  rotate_cmd->add_option("--alg", *alg, "ES256, ES384, RS256, EdDSA or all")->capture_default_str();
  rotate_cmd->add_flag("--json", *json, "Print JSON");
  rotate_cmd->callback([&action, alg, json] {
    action = [alg, json](Runtime& rt) { return rotate(rt, *alg, *json); };
  });
  auto* list = keys->add_subcommand("list", "List signing keys");
  list->add_flag("--json", *json, "Print JSON");
  list->callback(
      [&action, json] { action = [json](Runtime& rt) { return list_keys(rt, *json); }; });
  for (auto* sub : keys->get_subcommands({})) sub->fallthrough();
}

void add_db_commands(CLI::App& app, Action& action) {
  auto* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  auto* migrate = db->add_subcommand("migrate", "Apply pending migrations");
  migrate->fallthrough();
  add_dump_commands(*db, action);
  migrate->callback([&action] {
    action = [](Runtime& rt) {
      // open_runtime has migrated already; report where the schema stands.
      auto version = rt.store->schema_version();
      if (!version) return fail(version.error());
      std::printf("database %s is at schema version %d\n", rt.config.database.c_str(), *version);
      return 0;
    };
  });
}

}  // namespace latch::server
