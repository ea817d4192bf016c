#include "storage/sql/query.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace latch::storage::sql {

Value nullable(const std::optional<std::string>& text) {
  if (!text) {
    return nullptr;
  }
  return std::string_view(*text);
}

Result<std::int64_t> execute(Connection& conn, std::string_view sql,
                             std::initializer_list<Value> values) {
  return conn.query(sql, {values.begin(), values.size()}, {});
}

Result<void> run(Connection& conn, std::string_view sql, std::initializer_list<Value> values) {
  auto changed = execute(conn, sql, values);
  if (!changed) {
    return changed.error();
  }
  return ok();
}

Result<void> execute_one(Connection& conn, std::string_view sql,
                         std::initializer_list<Value> values, std::string_view what) {
  auto changed = execute(conn, sql, values);
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return make_error(Errc::NotFound, std::string(what) + " not found");
  }
  return ok();
}

Result<std::int64_t> query_int64(Connection& conn, std::string_view sql,
                                 std::initializer_list<Value> values) {
  auto first =
      query_one<std::int64_t>(conn, sql, values, [](const Row& row) { return row.int64(0); });
  if (!first) {
    return first.error();
  }
  return first->value_or(0);
}

Window window(int page, int page_size) {
  std::int64_t size = std::max(page_size, 0);
  std::int64_t index = std::max(page, 1) - 1;
  return Window{size, index * size};
}

std::string contains_pattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : ascii_lower(text)) {
    if (c == '\\' || c == '%' || c == '_') {
      pattern += '\\';
    }
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::optional<std::string> prefix_upper_bound(std::string_view prefix) {
  auto points = decode_utf8(prefix);
  if (!points) return std::nullopt;
  while (!points->empty()) {
    char32_t next = points->back() + 1;
    if (next == 0xD800) next = 0xE000;  // surrogates are not characters
    if (next <= 0x10FFFF) {
      points->back() = next;
      std::string bound;
      for (char32_t point : *points) encode_utf8(point, bound);
      return bound;
    }
    points->pop_back();
  }
  return std::nullopt;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

std::optional<std::string> ascii_lower_or_null(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  return ascii_lower(*text);
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::vector<Value> text_values(const std::vector<std::string>& texts) {
  return {texts.begin(), texts.end()};
}

}  // namespace latch::storage::sql
