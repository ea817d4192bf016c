#pragma once

#include <string_view>

#include "core/error.hpp"

namespace latch::storage::sqlite {

// Maps an SQLite (extended) result code and its message to a latch::Error:
//   BUSY, LOCKED             -> Unavailable ("the database is busy")
//   UNIQUE, PRIMARY KEY      -> Conflict naming the field ("username is already in use")
//   FOREIGN KEY              -> NotFound ("a referenced record does not exist")
//   anything else            -> Internal, with `message` in the detail only.
Error to_error(int rc, std::string_view message);

// The Conflict description for SQLite's "UNIQUE constraint failed: <table.columns>" message.
std::string conflict_description(std::string_view message);

}  // namespace latch::storage::sqlite
