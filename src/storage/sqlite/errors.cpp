#include "storage/sqlite/errors.hpp"

#include <sqlite3.h>

#include <array>
#include <string>
#include <utility>

namespace latch::storage::sqlite {
namespace {

constexpr std::string_view kUniquePrefix = "UNIQUE constraint failed: ";

// Columns whose clash deserves a better name than the column's own: Logto's error codes (phrase
// keys) where Logto has one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kConflicts{{
    {"users.username_lower", "user.username_already_in_use"},
    {"users.email_lower", "user.email_already_in_use"},
    {"users.primary_phone", "user.phone_already_in_use"},
    {"resources.indicator", "resource.resource_identifier_in_use"},
    {"scopes.resource_id, scopes.name", "scope.name_exists"},
    {"signing_keys.alg", "alg already has a current signing key"},
    {"user_identities.target, user_identities.identity_id", "user.identity_already_in_use"},
    {"user_identities.user_id, user_identities.target", "user already has an identity there"},
}};

std::string describe_errc(int rc) { return std::string(sqlite3_errstr(rc)); }

}  // namespace

std::string conflict_description(std::string_view message) {
  auto at = message.find(kUniquePrefix);
  if (at == std::string_view::npos) {
    return "a record with the same key already exists";
  }
  std::string_view columns = message.substr(at + kUniquePrefix.size());
  for (const auto& [key, description] : kConflicts) {
    if (columns == key) {
      return std::string(description);
    }
  }
  // "applications.id" -> "id is already in use".
  auto dot = columns.rfind('.');
  std::string_view field = dot == std::string_view::npos ? columns : columns.substr(dot + 1);
  return std::string(field) + " is already in use";
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
      return make_error(Errc::Conflict, conflict_description(message), std::move(detail));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return make_error(Errc::NotFound, "a referenced record does not exist", std::move(detail));
    default:
      return make_error(Errc::Internal, "database error", std::move(detail));
  }
}

}  // namespace latch::storage::sqlite
