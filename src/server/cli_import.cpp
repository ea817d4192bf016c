// latch import logto|auth0|keycloak: users, applications and the rest from another identity
// provider (docs/migrate.md). Idempotent: a second run finds everything there and changes nothing.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "migrate/auth0.hpp"
#include "migrate/keycloak.hpp"
#include "migrate/logto.hpp"
#include "migrate/writer.hpp"
#include "server/cli_commands.hpp"
#include "storage/postgres/connection.hpp"

namespace latch::server {
namespace {

struct ImportArgs {
  std::string database, tenant = "default";  // logto
  std::string users, passwords;              // auth0
  std::string realm;                         // keycloak
  bool dry_run = false;
};

Result<std::string> read_whole(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::NotFound, "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return make_error(Errc::Internal, "reading " + path + " failed");
  return std::move(text).str();
}

// What the source holds, as counts and the lines of what cannot come.
void print_plan(const migrate::ImportPlan& plan) {
  std::printf(
      "would import: %zu API resources, %zu roles, %zu organizations, %zu social connectors, %zu "
      "applications, %zu users%s\n",
      plan.resources.size(), plan.roles.size(), plan.organizations.size(), plan.connectors.size(),
      plan.apps.size(), plan.users.size(),
      plan.sign_in_experience ? ", the sign-in experience" : "");
  if (plan.not_imported.empty()) return;
  std::printf("not imported (%zu):\n", plan.not_imported.size());
  for (const auto& line : plan.not_imported) std::printf("  - %s\n", line.c_str());
}

int write(Runtime& rt, Result<migrate::ImportPlan> plan, bool dry_run) {
  if (!plan) return fail(plan.error());
  if (dry_run) {
    print_plan(*plan);
    return 0;
  }
  auto report = migrate::write_plan(
      *plan, {.store = *rt.store,
              .secrets = *rt.secrets,
              .clock = rt.clock,
              .connector_timeout = std::chrono::milliseconds(rt.config.connector_timeout_ms)});
  if (!report) return fail(report.error());
  std::fputs(migrate::describe(*report).c_str(), stdout);
  return 0;
}

Result<migrate::ImportPlan> read_logto(const ImportArgs& args) {
  auto conn = storage::postgres::Connection::open(args.database);
  if (!conn) return conn.error();
  return migrate::read_logto(**conn, args.tenant);
}

Result<migrate::ImportPlan> read_auth0(const ImportArgs& args) {
  auto users = read_whole(args.users);
  if (!users) return users.error();
  std::string hashes;
  if (!args.passwords.empty()) {
    auto read = read_whole(args.passwords);
    if (!read) return read.error();
    hashes = std::move(*read);
  }
  return migrate::read_auth0(*users, hashes);
}

Result<migrate::ImportPlan> read_keycloak(const ImportArgs& args) {
  auto realm = read_whole(args.realm);
  if (!realm) return realm.error();
  return migrate::read_keycloak(*realm);
}

}  // namespace

void add_import_commands(CLI::App& app, Action& action) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand(
      "import",
      "Bring users, applications, roles and more from Logto, Auth0 or Keycloak (docs/migrate.md)");
  import->require_subcommand(1);
  import->add_flag("--dry-run", args->dry_run,
                   "read the source and say what would come; write "
                   "nothing");

  auto* logto = import->add_subcommand("logto", "Read a Logto database (it is never written)");
  logto->add_option("--database", args->database, "Logto's PostgreSQL URL, postgres://...")
      ->required();
  logto->add_option("--tenant", args->tenant, "the tenant to read (Logto OSS: default)");
  logto->callback([&action, args] {
    action = [args](Runtime& rt) { return write(rt, read_logto(*args), args->dry_run); };
  });

  auto* auth0 = import->add_subcommand("auth0", "Read Auth0's user export (NDJSON)");
  auth0->add_option("users", args->users, "the user export job's file, one JSON user per line")
      ->required();
  auth0->add_option("--passwords", args->passwords,
                    "the password hashes export Auth0's support hands over (NDJSON)");
  auth0->callback([&action, args] {
    action = [args](Runtime& rt) { return write(rt, read_auth0(*args), args->dry_run); };
  });

  auto* keycloak = import->add_subcommand("keycloak", "Read a Keycloak realm export (JSON)");
  keycloak->add_option("realm", args->realm, "kc.sh export --realm NAME --file FILE's file")
      ->required();
  keycloak->callback([&action, args] {
    action = [args](Runtime& rt) { return write(rt, read_keycloak(*args), args->dry_run); };
  });
  for (auto* sub : {logto, auth0, keycloak}) sub->fallthrough();
}

}  // namespace latch::server
