#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sqlite/query.hpp"

// Small helpers the repositories share: run a statement, map its rows.
namespace latch::storage::postgres {

// Runs a statement that returns no rows; returns the number of rows it changed.
[[nodiscard]] Result<std::int64_t> execute(Connection& conn, std::string_view sql,
                                           std::initializer_list<Value> values);

// Runs a statement that returns no rows, when the number of changed rows does not matter.
[[nodiscard]] Result<void> run(Connection& conn, std::string_view sql,
                               std::initializer_list<Value> values);

// Runs an UPDATE or DELETE that must touch a row: NotFound("<what> not found") when none matched.
[[nodiscard]] Result<void> execute_one(Connection& conn, std::string_view sql,
                                       std::initializer_list<Value> values, std::string_view what);

// The first column of the first row as an integer (COUNT, MAX); 0 when there is no row.
[[nodiscard]] Result<std::int64_t> query_int64(Connection& conn, std::string_view sql,
                                               std::initializer_list<Value> values);

// Every row, mapped with `read_row(const Statement&) -> T`.
template <class T, class ReadRow>
[[nodiscard]] Result<std::vector<T>> query_all(Connection& conn, std::string_view sql,
                                               std::initializer_list<Value> values,
                                               ReadRow read_row) {
  auto stmt = conn.prepare(sql, values);
  if (!stmt) {
    return stmt.error();
  }
  std::vector<T> rows;
  for (;;) {
    auto has_row = stmt->step();
    if (!has_row) {
      return has_row.error();
    }
    if (!*has_row) {
      return rows;
    }
    rows.push_back(read_row(*stmt));
  }
}

// The first row mapped with `read_row`, or nullopt when there is none.
template <class T, class ReadRow>
[[nodiscard]] Result<std::optional<T>> query_one(Connection& conn, std::string_view sql,
                                                 std::initializer_list<Value> values,
                                                 ReadRow read_row) {
  auto stmt = conn.prepare(sql, values);
  if (!stmt) {
    return stmt.error();
  }
  auto has_row = stmt->step();
  if (!has_row) {
    return has_row.error();
  }
  if (!*has_row) {
    return std::optional<T>();
  }
  return std::optional<T>(read_row(*stmt));
}

// Shared with the SQLite store: paging, LIKE patterns, ASCII lower case.
using sqlite::ascii_lower;
using sqlite::ascii_lower_or_null;
using sqlite::contains_pattern;
using sqlite::window;
using sqlite::Window;

}  // namespace latch::storage::postgres
