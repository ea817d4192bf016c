#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "migrate/plan.hpp"
#include "storage/store.hpp"

// Writing an import plan (plan.hpp) into Latch's database: `latch import logto|auth0|keycloak`
// (docs/migrate.md).
namespace latch::migrate {

// Of one kind of record: how many the import created, and how many were there already (a second
// import of the same source finds every one of them and changes nothing).
struct Tally {
  std::int64_t created = 0;
  std::int64_t present = 0;
};

struct ImportReport {
  Tally resources, roles, organizations, organization_scopes, organization_roles, connectors, apps,
      users;
  // The sign-in experience: "imported", "unchanged", "kept" (Latch's had been changed, so the
  // source's was not applied) or "" when the source has none.
  std::string sign_in_experience;
  // Records whose id in Latch is not the source's, "client shop: application 4f...": what apps
  // must be told (their new client_id).
  std::vector<std::string> new_ids;
  // The plan's lines, then the writer's: one readable line for each thing left out.
  std::vector<std::string> not_imported;
};

struct ImportTarget {
  storage::Store& store;
  const crypto::SecretBox& secrets;  // seals apps' secrets and connectors' configuration
  const Clock& clock;
  std::chrono::milliseconds connector_timeout{10'000};
  std::size_t batch = 5'000;  // users per transaction
};

// Writes what `plan` holds that the database lacks, keeping the plan's ids, creation times,
// password digests (replaced by Latch's Argon2id at each user's first sign-in) and apps'
// secrets; nothing already there is changed. Records are matched by id (users, apps,
// organizations, connectors), by indicator (resources) and by name (roles). A user whose
// username, email, phone or social identity belongs to another user is left out, as is anything
// Latch refuses (a malformed digest, an invalid redirect URI), each with a line in
// not_imported. Relations (a role's permissions, a user's roles and organizations, an app's
// roles) are written with the record they belong to, in its transaction. Users go in batches of
// `target.batch`: an import stopped midway goes on where it stopped when run again. Raises no
// webhook events. Errors are the database's.
[[nodiscard]] Result<ImportReport> write_plan(const ImportPlan& plan, const ImportTarget& target);

// Adds `part` (the report of one part of an import) to `total`.
void add(ImportReport& total, ImportReport&& part);

// The report for people: a line for each kind ("users: 3 imported, 0 already there"), then
// "not imported:" and its lines.
std::string describe(const ImportReport& report);

}  // namespace latch::migrate
