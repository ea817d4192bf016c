#include "storage/sql/listing.hpp"

#include "core/utf8.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {

std::string search_term(std::string_view search) {
  std::string term;
  for (char c : search) {
    if (c != '%') term += c;
  }
  return term;
}

Result<void> check_search(std::string_view search) {
  if (!is_utf8(search)) return make_error(Errc::InvalidRequest, "search must be UTF-8 text");
  return ok();
}

std::string Where::bind(std::string text) {
  texts.push_back(std::move(text));
  return "?" + std::to_string(texts.size());
}

void Where::add(const std::string& condition) {
  sql += (sql.empty() ? " WHERE " : " AND ") + condition;
}

void Where::add_search(std::string_view search, std::initializer_list<std::string_view> columns) {
  std::string term = search_term(search);
  if (term.empty()) return;
  std::string pattern = bind(contains_pattern(term));
  std::string any;
  for (auto column : columns) {
    any += (any.empty() ? "(" : " OR ") + std::string(column) + " LIKE " + pattern + " ESCAPE '\\'";
  }
  add(any + ")");
}

void Where::finish() { values.assign(texts.begin(), texts.end()); }

std::string limit_clause(std::vector<Value>& values, Page page) {
  Window w = window(page.page, page.page_size);
  auto n = values.size();
  values.emplace_back(w.limit);
  values.emplace_back(w.offset);
  return " LIMIT ?" + std::to_string(n + 1) + " OFFSET ?" + std::to_string(n + 2);
}

Result<std::int64_t> count_rows(Connection& conn, const std::string& sql,
                                std::span<const Value> values) {
  std::int64_t n = 0;
  auto read = [&](const Row& row) { n = row.int64(0); };
  auto done = conn.query(sql, values, read);
  if (!done) return done.error();
  return n;
}

}  // namespace latch::storage::sql
