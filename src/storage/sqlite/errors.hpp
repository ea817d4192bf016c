#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace latch::storage::sqlite {

// Maps an SQLite (extended) result code and its message to a latch::Error:
//   BUSY, LOCKED             -> Unavailable ("the database is busy")
//   UNIQUE, PRIMARY KEY      -> Conflict naming the field ("username is already in use")
//   FOREIGN KEY              -> NotFound ("a referenced record does not exist")
//   anything else            -> Internal, with `message` in the detail only.
Error to_error(int rc, std::string_view message);

// The Conflict for SQLite's "UNIQUE constraint failed: <table.columns>" message: keyed with
// Logto's code where the clash has one ("user.email_already_in_use"), described for people
// ("email is already in use"); `detail` goes to the log.
Error conflict_error(std::string_view message, std::string detail);

}  // namespace latch::storage::sqlite
