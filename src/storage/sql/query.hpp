#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

// Small helpers the repositories share: run a statement, map its rows.
namespace latch::storage::sql {

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

// Every row, mapped with `read_row(const Row&) -> T`.
template <class T, class ReadRow>
[[nodiscard]] Result<std::vector<T>> query_all(Connection& conn, std::string_view sql,
                                               std::initializer_list<Value> values,
                                               ReadRow read_row) {
  std::vector<T> rows;
  auto collect = [&](const Row& row) { rows.push_back(read_row(row)); };
  auto done = conn.query(sql, {values.begin(), values.size()}, collect);
  if (!done) {
    return done.error();
  }
  return rows;
}

// As query_all, with values built at run time (an IN list of any length).
template <class T, class ReadRow>
[[nodiscard]] Result<std::vector<T>> query_all_of(Connection& conn, std::string_view sql,
                                                  std::span<const Value> values, ReadRow read_row) {
  std::vector<T> rows;
  auto collect = [&](const Row& row) { rows.push_back(read_row(row)); };
  auto done = conn.query(sql, values, collect);
  if (!done) {
    return done.error();
  }
  return rows;
}

// "?, ?, ?" for an IN list of `n` values (n >= 1), and the values of `texts` to bind to it.
std::string placeholders(std::size_t n);
std::vector<Value> text_values(const std::vector<std::string>& texts);

// The first row mapped with `read_row`, or nullopt when there is none.
template <class T, class ReadRow>
[[nodiscard]] Result<std::optional<T>> query_one(Connection& conn, std::string_view sql,
                                                 std::initializer_list<Value> values,
                                                 ReadRow read_row) {
  std::optional<T> first;
  auto keep_first = [&](const Row& row) {
    if (!first) {
      first.emplace(read_row(row));
    }
  };
  auto done = conn.query(sql, {values.begin(), values.size()}, keep_first);
  if (!done) {
    return done.error();
  }
  return first;
}

// Offset and limit for a 1-based page; a page below 1 reads as 1, a negative size as 0.
struct Window {
  std::int64_t limit;
  std::int64_t offset;
};
Window window(int page, int page_size);

// "%<text>%" in lower case with LIKE's wildcards (\ % _) escaped by '\'.
std::string contains_pattern(std::string_view text);

// The least string greater than every string that starts with `prefix` (its last code point
// incremented, in UTF-8, so that PostgreSQL accepts it too): `text >= prefix AND text < bound`
// is a prefix match that a byte-ordered index serves. nullopt when `prefix` is not UTF-8 or
// has no such bound (it ends in U+10FFFF only). REQUIRES: prefix is not empty.
std::optional<std::string> prefix_upper_bound(std::string_view prefix);

// ASCII lower case: the normalized copy that makes usernames and emails case-insensitive.
std::string ascii_lower(std::string_view text);
std::optional<std::string> ascii_lower_or_null(const std::optional<std::string>& text);

}  // namespace latch::storage::sql
