#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

// What the searched, paged listings of the management API share (roles, organizations and their
// members): Logto's substring search, the page's LIMIT/OFFSET, the COUNT that goes with a list.
namespace latch::storage::sql {

// Role, organization and member searches are substring searches: Logto's `%` marks change
// nothing. The term without them (empty = no search).
std::string search_term(std::string_view search);

// InvalidRequest("search must be UTF-8 text") unless `search` is UTF-8.
[[nodiscard]] Result<void> check_search(std::string_view search);

// A WHERE clause built a condition at a time, and the values its ?N placeholders name, in order.
struct Where {
  std::string sql;                 // "" or " WHERE a AND b"
  std::vector<std::string> texts;  // owns what `values` views
  std::vector<Value> values;

  // Binds `text` and returns its placeholder ("?3").
  std::string bind(std::string text);
  // Adds a condition (ANDed with the others).
  void add(const std::string& condition);
  // Adds "(c1 LIKE ?n ESCAPE '\' OR c2 LIKE ...)": a substring of the search term, lower-cased,
  // in any of `columns` (lower-cased expressions). Nothing when the term is empty.
  void add_search(std::string_view search, std::initializer_list<std::string_view> columns);
  // Makes `values` view `texts`. Call once, after the last bind.
  void finish();
};

// "LIMIT ?n OFFSET ?n+1" for the page, its values appended to `values`.
std::string limit_clause(std::vector<Value>& values, Page page);

// The single integer `sql` returns (a COUNT).
[[nodiscard]] Result<std::int64_t> count_rows(Connection& conn, const std::string& sql,
                                              std::span<const Value> values);

}  // namespace latch::storage::sql
