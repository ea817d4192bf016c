#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

// read_auth0 a part at a time, for exports of millions of users: the password hashes are read
// first and kept (a few hundred bytes a user), then the user export in parts of whole lines, each
// read into a plan of its own, and last the users made of the hashes no user claimed. The plans
// together are read_auth0's.
class Auth0Reader {
 public:
  Auth0Reader() = default;
  Auth0Reader(Auth0Reader&&) = default;  // the index's views stay valid: deque elements stay put
  Auth0Reader& operator=(Auth0Reader&&) = default;
  Auth0Reader(const Auth0Reader&) = delete;
  Auth0Reader& operator=(const Auth0Reader&) = delete;

  // A reader with all of `hashes`. InvalidRequest naming the line that is not a JSON object.
  [[nodiscard]] static Result<Auth0Reader> open(std::string_view hashes);
  // Adds `part` of the hashes export, whole lines, the first of which is line `first_line`.
  [[nodiscard]] Result<void> add_hashes(std::string_view part, std::size_t first_line = 1);
  // The users of `part`, whole lines of the user export, the first of which is line
  // `first_line` of its file (for errors), with their hashes.
  [[nodiscard]] Result<ImportPlan> users(std::string_view part, std::size_t first_line = 1);
  // The users made of the hashes no user of any part claimed: their email and password.
  ImportPlan rest();

 private:
  struct Hash {
    std::string id, email, digest;
    bool claimed = false;
  };
  void add_hash(const boost::json::object& o);
  void claim(ImportedUser& user);

  std::deque<Hash> hashes_;
  // Views of hashes_' ids ("auth0|...") and emails: the first hash of each.
  std::unordered_map<std::string_view, std::uint32_t> by_id_, by_email_;
  std::vector<std::string> notes_;  // not yet handed over in a plan
};

}  // namespace latch::migrate
