// latch import logto|auth0|keycloak: users, applications and the rest from another identity
// provider (docs/migrate.md). Idempotent: a second run finds everything there and changes nothing.
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include "core/json.hpp"
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

// What a dry run reports: the counts of what would be written, and what would not.
struct PlanSummary {
  std::size_t resources = 0, roles = 0, organizations = 0, organization_roles = 0, connectors = 0,
              apps = 0, users = 0;
  bool sign_in_experience = false;
  std::vector<std::string> not_imported;

  void add(const migrate::ImportPlan& plan) {
    resources += plan.resources.size();
    roles += plan.roles.size();
    organizations += plan.organizations.size();
    organization_roles += plan.organization_roles.size();
    connectors += plan.connectors.size();
    apps += plan.apps.size();
    users += plan.users.size();
    sign_in_experience |= plan.sign_in_experience.has_value();
    not_imported.insert(not_imported.end(), plan.not_imported.begin(), plan.not_imported.end());
  }
  void print() const {
    std::printf(
        "would import: %zu API resources, %zu roles, %zu organizations, %zu organization roles, "
        "%zu social connectors, %zu applications, %zu users%s\n",
        resources, roles, organizations, organization_roles, connectors, apps, users,
        sign_in_experience ? ", the sign-in experience" : "");
    if (not_imported.empty()) return;
    std::printf("not imported (%zu):\n", not_imported.size());
    for (const auto& line : not_imported) std::printf("  - %s\n", line.c_str());
  }
};

// Writes each plan `next` gives (nullopt when there are no more) as it comes, or, in a dry run,
// only counts them. One report for all.
int write_all(Runtime& rt, const std::function<Result<std::optional<migrate::ImportPlan>>()>& next,
              bool dry_run) {
  PlanSummary summary;
  migrate::ImportReport total;
  migrate::ImportTarget target{
      .store = *rt.store,
      .secrets = *rt.secrets,
      .clock = rt.clock,
      .connector_timeout = std::chrono::milliseconds(rt.config.connector_timeout_ms)};
  for (;;) {
    auto plan = next();
    if (!plan) return fail(plan.error());
    if (!*plan) break;
    if (dry_run) {
      summary.add(**plan);
      continue;
    }
    auto report = migrate::write_plan(**plan, target);
    if (!report) return fail(report.error());
    migrate::add(total, std::move(*report));
  }
  if (dry_run) {
    summary.print();
  } else {
    std::fputs(migrate::describe(total).c_str(), stdout);
  }
  return 0;
}

int write(Runtime& rt, Result<migrate::ImportPlan> plan, bool dry_run) {
  bool given = false;
  return write_all(
      rt,
      [&]() -> Result<std::optional<migrate::ImportPlan>> {
        if (!plan) return plan.error();
        if (std::exchange(given, true)) return std::nullopt;
        return std::optional(std::move(*plan));
      },
      dry_run);
}

// A Logto tenant may hold millions of users: everything else first, then the users in pages,
// each written before the next is read, all from one moment of the database.
int import_logto(Runtime& rt, const ImportArgs& args) {
  auto conn = storage::postgres::Connection::open(args.database);
  if (!conn) {
    return fail(
        make_error(Errc::InvalidRequest, "cannot connect to the Logto database",
                   conn.error().detail.empty() ? conn.error().description : conn.error().detail));
  }
  auto reader = migrate::LogtoReader::open(**conn, args.tenant);
  if (!reader) return fail(reader.error());
  bool rest_given = false;
  return write_all(
      rt,
      [&]() -> Result<std::optional<migrate::ImportPlan>> {
        if (!std::exchange(rest_given, true)) return (*reader)->rest();
        auto page = (*reader)->users();
        if (!page) return page.error();
        if (page->users.empty()) return std::nullopt;
        return std::optional(std::move(*page));
      },
      args.dry_run);
}

// Auth0's user export may hold millions of users. It is read twice: once to check that every line
// reads (a file that does not is refused whole), then in parts of kPartLines lines, each written
// before the next is read, so memory holds one part and the password hashes.
constexpr std::size_t kPartLines = 20'000;

Result<void> check_lines(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::NotFound, "cannot read " + path);
  std::string line;
  for (std::size_t number = 1; std::getline(file, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto value = parse_json(line);
    if (!value || !value->is_object()) {
      return make_error(Errc::InvalidRequest,
                        "users line " + std::to_string(number) + ": not a JSON object");
    }
  }
  if (file.bad()) return make_error(Errc::Internal, "reading " + path + " failed");
  return ok();
}

// Calls `on_part` with parts of the file at `path`, kPartLines whole lines each, and the number
// of each part's first line. NotFound when it cannot be read.
Result<void> each_part(const std::string& path,
                       const std::function<Result<void>(std::string_view, std::size_t)>& on_part) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::NotFound, "cannot read " + path);
  std::string part, line;
  std::size_t first = 1, lines = 0;
  while (std::getline(file, line)) {
    part += line;
    part += '\n';
    if (++lines % kPartLines != 0) continue;
    if (auto r = on_part(part, first); !r) return r;
    part.clear();
    first = lines + 1;
  }
  if (file.bad()) return make_error(Errc::Internal, "reading " + path + " failed");
  if (part.empty()) return ok();
  return on_part(part, first);
}

int import_auth0(Runtime& rt, const ImportArgs& args) {
  migrate::Auth0Reader reader;
  if (!args.passwords.empty()) {
    auto read = each_part(args.passwords, [&](std::string_view part, std::size_t first) {
      return reader.add_hashes(part, first);
    });
    if (!read) return fail(read.error());
  }
  if (auto checked = check_lines(args.users); !checked) return fail(checked.error());
  std::ifstream file(args.users, std::ios::binary);
  if (!file) return fail(make_error(Errc::NotFound, "cannot read " + args.users));
  std::size_t next_line = 1;
  bool rest_given = false;
  return write_all(
      rt,
      [&]() -> Result<std::optional<migrate::ImportPlan>> {
        std::string part, line;
        std::size_t first = next_line, lines = 0;
        while (lines < kPartLines && std::getline(file, line)) {
          part += line;
          part += '\n';
          ++lines;
        }
        next_line += lines;
        if (lines > 0) return reader.users(part, first);
        if (std::exchange(rest_given, true)) return std::nullopt;
        return reader.rest();
      },
      args.dry_run);
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
  logto->callback(
      [&action, args] { action = [args](Runtime& rt) { return import_logto(rt, *args); }; });

  auto* auth0 = import->add_subcommand("auth0", "Read Auth0's user export (NDJSON)");
  auth0->add_option("users", args->users, "the user export job's file, one JSON user per line")
      ->required();
  auth0->add_option("--passwords", args->passwords,
                    "the password hashes export Auth0's support hands over (NDJSON)");
  auth0->callback(
      [&action, args] { action = [args](Runtime& rt) { return import_auth0(rt, *args); }; });

  auto* keycloak = import->add_subcommand("keycloak", "Read a Keycloak realm export (JSON)");
  keycloak->add_option("realm", args->realm, "kc.sh export --realm NAME --file FILE's file")
      ->required();
  keycloak->callback([&action, args] {
    action = [args](Runtime& rt) { return write(rt, read_keycloak(*args), args->dry_run); };
  });
  for (auto* sub : {logto, auth0, keycloak}) sub->fallthrough();
}

}  // namespace latch::server
