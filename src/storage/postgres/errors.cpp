#include "storage/postgres/errors.hpp"

#include <array>
#include <utility>

namespace latch::storage::postgres {
namespace {

// Constraints whose clash deserves a better name than the key's columns. The key is Logto's error
// code where Logto has one (callers and the APIs go by it); the description is for people.
struct KnownConflict {
  std::string_view constraint, key, description;
};
constexpr std::array<KnownConflict, 8> kConflicts{{
    {"users_username_lower_key", "user.username_already_in_use", "username is already in use"},
    {"users_email_lower_key", "user.email_already_in_use", "email is already in use"},
    {"users_primary_phone_key", "user.phone_already_in_use", "phone is already in use"},
    {"resources_indicator_key", "resource.resource_identifier_in_use",
     "indicator is already in use"},
    {"scopes_resource_id_name_key", "scope.name_exists", "the API has a scope of that name"},
    {"signing_keys_current_alg", "", "alg already has a current signing key"},
    {"user_identities_pkey", "user.identity_already_in_use",
     "the identity belongs to another user"},
    {"user_identities_user_id_target_key", "", "user already has an identity there"},
}};

}  // namespace

Error conflict_error(std::string_view constraint, std::string_view detail, std::string debug) {
  for (const auto& known : kConflicts) {
    if (constraint != known.constraint) continue;
    return with_key(make_error(Errc::Conflict, std::string(known.description), std::move(debug)),
                    known.key);
  }
  // detail: "Key (id)=(app1) already exists." -> "id is already in use".
  constexpr std::string_view kKey = "Key (";
  auto start = detail.find(kKey);
  auto end = detail.find(")=", start);
  if (start == std::string_view::npos || end == std::string_view::npos) {
    return make_error(Errc::Conflict, "a record with the same key already exists",
                      std::move(debug));
  }
  start += kKey.size();
  return make_error(Errc::Conflict,
                    std::string(detail.substr(start, end - start)) + " is already in use",
                    std::move(debug));
}

bool is_retryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

Error to_error(std::string_view sqlstate, std::string_view constraint, std::string_view detail,
               std::string_view message) {
  std::string debug = std::string(message) + " (SQLSTATE " + std::string(sqlstate) + ")";
  if (sqlstate == "23505") {
    return conflict_error(constraint, detail, std::move(debug));
  }
  if (sqlstate == "23503") {
    return make_error(Errc::NotFound, "a referenced record does not exist", std::move(debug));
  }
  if (is_retryable(sqlstate) || sqlstate == "55P03" || sqlstate.starts_with("08")) {
    return make_error(Errc::Unavailable, "the database is busy", std::move(debug));
  }
  if (sqlstate == "25006") {
    return make_error(Errc::Internal, "write attempted in a read-only transaction",
                      std::move(debug));
  }
  return make_error(Errc::Internal, "database error", std::move(debug));
}

}  // namespace latch::storage::postgres
