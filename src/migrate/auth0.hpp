#pragma once

#include <string_view>

#include "core/result.hpp"
#include "migrate/plan.hpp"

// Auth0's exports (docs/migrate.md), read into an ImportPlan. Pure; thread-safe.
namespace latch::migrate {

// `users`: the NDJSON of Auth0's user export job, one user per line (user_id, email, username,
// phone_number, name, given_name, family_name, nickname, picture, created_at, user_metadata,
// app_metadata, blocked, identities). `hashes`: the NDJSON of the password hashes export
// Auth0's support hands over (_id.$oid, alt_id, email, passwordHash, connection). Either may be
// empty. A hash joins its user by user id (auth0|<alt_id, else _id>), else by email; a hash with
// no user in `users` makes a user of its own (its email and password). Social identities
// become Logto's identities; user_metadata and app_metadata the custom data (userMetadata,
// appMetadata); blocked users are suspended. InvalidRequest naming the file and line for a line
// that is not a JSON object, or a user without an id.
[[nodiscard]] Result<ImportPlan> read_auth0(std::string_view users, std::string_view hashes);

}  // namespace latch::migrate
