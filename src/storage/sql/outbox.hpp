#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/query.hpp"

// What the outbox tables share (backchannel_logouts, hook_deliveries): rows written in the
// transaction of the change that caused them, sent later by whichever node claims them first.
namespace latch::storage::sql {

// An outbox table as claim_due reads it.
struct OutboxTable {
  std::string_view name;      // backchannel_logouts
  std::string_view columns;   // the columns read_row reads, in its order
  std::string_view order_by;  // oldest first: "next_attempt_at, created_at, client_id"
  std::string_view key;       // the row's key as a condition: "client_id = ? AND user_id = ?"
};

// Claims up to `limit` rows due at `now`: reads them, then takes each with a conditional update
// that counts the attempt and moves next_attempt_at to `lease_until`. When another node took a
// row between the two, its update finds next_attempt_at moved and changes nothing, so each row
// goes to one node. `read_row(const Row&) -> T` maps a row; `key_of(const T&)` gives the
// values of `table.key`'s placeholders (views into the row, which outlives the call); T has
// `attempts` and `next_attempt_at`.
template <class T, class ReadRow, class KeyOf>
[[nodiscard]] Result<std::vector<T>> claim_due(Connection& conn, const OutboxTable& table,
                                               std::int64_t now, std::int64_t lease_until,
                                               int limit, ReadRow read_row, KeyOf key_of) {
  auto due = query_all<T>(conn,
                          "SELECT " + std::string(table.columns) + " FROM " +
                              std::string(table.name) + " WHERE next_attempt_at <= ? ORDER BY " +
                              std::string(table.order_by) + " LIMIT ?",
                          {now, std::int64_t{limit}}, read_row);
  if (!due) return due.error();
  const std::string take = "UPDATE " + std::string(table.name) +
                           " SET attempts = attempts + 1, next_attempt_at = ? WHERE " +
                           std::string(table.key) + " AND next_attempt_at <= ?";
  std::vector<T> claimed;
  for (auto& row : *due) {
    std::vector<Value> values{lease_until};
    for (const Value& v : key_of(row)) values.push_back(v);
    values.push_back(now);
    auto changed = conn.query(take, values, {});
    if (!changed) return changed.error();
    if (*changed == 0) continue;
    row.attempts += 1;
    row.next_attempt_at = lease_until;
    claimed.push_back(std::move(row));
  }
  return claimed;
}

}  // namespace latch::storage::sql
