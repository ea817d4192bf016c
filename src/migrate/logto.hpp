#pragma once

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

}  // namespace latch::migrate
