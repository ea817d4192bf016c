#include "storage/postgres/errors.hpp"

#include <utility>

#include "storage/sql/conflicts.hpp"

namespace latch::storage::postgres {

Error conflict_error(std::string_view constraint, std::string_view detail, std::string debug) {
  for (const auto& known : sql::kKnownConflicts) {
    if (constraint == known.postgres_constraint) {
      return sql::known_conflict(known, std::move(debug));
    }
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
  return sql::field_conflict(detail.substr(start, end - start), std::move(debug));
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
