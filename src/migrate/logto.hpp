#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "migrate/plan.hpp"
#include "storage/sql/connection.hpp"

// A Logto database (its own PostgreSQL schema, packages/schemas/tables), read into an
// ImportPlan for `latch import logto` (docs/migrate.md). Blocking.
namespace latch::migrate {

// Reads tenant `tenant` of the Logto database behind `conn` in one read-only, repeatable-read
// transaction (so it never writes to the source, and sees one moment of it):
// - users with their ids, identifiers, profile, custom data, identities, suspension, password
//   hash (Logto's passwordEncrypted and its method) and roles;
// - API resources and their scopes (Logto's own Management API resource aside);
// - roles with their permissions;
// - applications with the same ids and secrets (application_secrets, else the legacy secret
//   column), redirect URIs, custom data, third-party flag and machine-to-machine roles;
// - organizations with their members, the organization template (permissions, roles) and the
//   roles members hold in each organization;
// - social connectors with their configuration;
// - the sign-in experience, in the shape of Logto's PATCH /api/sign-in-exp.
// What Latch cannot take (a Protected or SAML app, the Management API's roles) is listed in
// not_imported. Errors are the database's (a table missing: not a Logto database).
[[nodiscard]] Result<ImportPlan> read_logto(storage::sql::Connection& conn,
                                            const std::string& tenant = "default");

// read_logto a part at a time, for tenants of millions of users: everything but the users, then
// the users by id in pages, each with its roles, organizations and organization roles, all in
// the one transaction open() begins (so the parts are of one moment) and the destructor ends.
class LogtoReader {
 public:
  static constexpr std::size_t kPage = 20'000;

  // InvalidRequest when the tenant does not exist or the database does not hold Logto's schema.
  [[nodiscard]] static Result<std::unique_ptr<LogtoReader>> open(storage::sql::Connection& conn,
                                                                 std::string tenant = "default");
  ~LogtoReader();
  LogtoReader(const LogtoReader&) = delete;
  LogtoReader& operator=(const LogtoReader&) = delete;

  // Everything but the users. Call first: the users' roles are matched by its roles.
  [[nodiscard]] Result<ImportPlan> rest();
  // The next `count` users; a plan without users once all were read.
  [[nodiscard]] Result<ImportPlan> users(std::size_t count = kPage);

 private:
  LogtoReader(storage::sql::Connection& conn, std::string tenant)
      : conn_(conn), tenant_(std::move(tenant)) {}

  storage::sql::Connection& conn_;
  std::string tenant_;
  std::map<std::string, std::string> role_names_;  // Logto role id -> name
  std::string after_;                              // the last user id read
  bool done_ = false;
};

}  // namespace latch::migrate
