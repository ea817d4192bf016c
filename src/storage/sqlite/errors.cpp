#include "storage/sqlite/errors.hpp"

#include <sqlite3.h>

#include <array>
#include <string>
#include <utility>

namespace latch::storage::sqlite {
namespace {

constexpr std::string_view kUniquePrefix = "UNIQUE constraint failed: ";

// Columns whose clash deserves a better name than the column's own. The key is Logto's error code
// where Logto has one (callers and the APIs go by it); the description is for people.
struct KnownConflict {
  std::string_view columns, key, description;
};
constexpr std::array<KnownConflict, 8> kConflicts{{
    {"users.username_lower", "user.username_already_in_use", "username is already in use"},
    {"users.email_lower", "user.email_already_in_use", "email is already in use"},
    {"users.primary_phone", "user.phone_already_in_use", "phone is already in use"},
    {"resources.indicator", "resource.resource_identifier_in_use", "indicator is already in use"},
    {"scopes.resource_id, scopes.name", "scope.name_exists", "the API has a scope of that name"},
    {"signing_keys.alg", "", "alg already has a current signing key"},
    {"user_identities.target, user_identities.identity_id", "user.identity_already_in_use",
     "the identity belongs to another user"},
    {"user_identities.user_id, user_identities.target", "", "user already has an identity there"},
}};

std::string describe_errc(int rc) { return std::string(sqlite3_errstr(rc)); }

}  // namespace

Error conflict_error(std::string_view message, std::string detail) {
  auto at = message.find(kUniquePrefix);
  if (at == std::string_view::npos) {
    return make_error(Errc::Conflict, "a record with the same key already exists",
                      std::move(detail));
  }
  std::string_view columns = message.substr(at + kUniquePrefix.size());
  for (const auto& known : kConflicts) {
    if (columns != known.columns) continue;
    return with_key(make_error(Errc::Conflict, std::string(known.description), std::move(detail)),
                    known.key);
  }
  // "applications.id" -> "id is already in use".
  auto dot = columns.rfind('.');
  std::string_view field = dot == std::string_view::npos ? columns : columns.substr(dot + 1);
  return make_error(Errc::Conflict, std::string(field) + " is already in use", std::move(detail));
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
