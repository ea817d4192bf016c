#include "storage/sqlite/errors.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

#include "storage/sql/conflicts.hpp"

namespace latch::storage::sqlite {
namespace {

constexpr std::string_view kUniquePrefix = "UNIQUE constraint failed: ";

std::string describe_errc(int rc) { return std::string(sqlite3_errstr(rc)); }

}  // namespace

Error conflict_error(std::string_view message, std::string detail) {
  auto at = message.find(kUniquePrefix);
  if (at == std::string_view::npos) {
    return make_error(Errc::Conflict, "a record with the same key already exists",
                      std::move(detail));
  }
  std::string_view columns = message.substr(at + kUniquePrefix.size());
  for (const auto& known : sql::kKnownConflicts) {
    if (columns == known.sqlite_columns) return sql::known_conflict(known, std::move(detail));
  }
  // "applications.id" -> "id is already in use".
  auto dot = columns.rfind('.');
  std::string_view field = dot == std::string_view::npos ? columns : columns.substr(dot + 1);
  return sql::field_conflict(field, std::move(detail));
}

Error to_error(int rc, std::string_view message) {
  std::string detail = std::string(message) + " (" + describe_errc(rc) + ")";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make_error(Errc::Unavailable, "the database is busy", std::move(detail));
    case SQLITE_READONLY:
      return make_error(Errc::Internal, "write attempted in a read-only transaction",
                        std::move(detail));
    default:
      break;
  }
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return conflict_error(message, std::move(detail));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return make_error(Errc::NotFound, "a referenced record does not exist", std::move(detail));
    default:
      return make_error(Errc::Internal, "database error", std::move(detail));
  }
}

}  // namespace latch::storage::sqlite
