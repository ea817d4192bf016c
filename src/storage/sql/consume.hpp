#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "model/oidc_artifacts.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {

// The statements that consume one kind of single-use artifact.
struct ConsumeSql {
  // "UPDATE <table> SET consumed_at = ?1 WHERE <hash> = ?2 AND consumed_at = 0"
  std::string_view mark;
  // Selects the artifact by hash (?1), whatever its consumed_at.
  std::string_view select;
};

// Marks the artifact consumed with one conditional UPDATE (atomic on any backend, even with
// several nodes), then reads the row back: Consumed when this call's UPDATE changed it,
// AlreadyConsumed (with the earlier consumed_at) when it did not, NotFound when no row exists.
// InvalidRequest when `now` is not positive (0 means "unused").
template <class T, class ReadRow>
[[nodiscard]] Result<model::Consumed<T>> consume_once(Connection& conn, const ConsumeSql& sql,
                                                      std::string_view hash, std::int64_t now,
                                                      ReadRow read_row) {
  if (now <= 0) {
    return make_error(Errc::InvalidRequest, "consumption time must be positive");
  }
  auto changed = execute(conn, sql.mark, {now, hash});
  if (!changed) {
    return changed.error();
  }
  auto row = query_one<T>(conn, sql.select, {hash}, read_row);
  if (!row) {
    return row.error();
  }
  model::Consumed<T> result;
  if (!*row) {
    return result;
  }
  result.outcome =
      *changed == 1 ? model::ConsumeOutcome::Consumed : model::ConsumeOutcome::AlreadyConsumed;
  result.value = std::move(**row);
  return result;
}

}  // namespace latch::storage::sql
