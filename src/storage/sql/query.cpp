#include "storage/sql/query.hpp"

#include <algorithm>

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

namespace {

// The code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates
// and values past U+10FFFF included).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80           ? 1
                 : (byte >> 5) == 0x6  ? 2
                 : (byte >> 4) == 0xE  ? 3
                 : (byte >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) return std::nullopt;
    char32_t point = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kLeast[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
      return std::nullopt;
    }
    points.push_back(point);
    i += static_cast<std::size_t>(length);
  }
  return points;
}

void encode_utf8(char32_t point, std::string& out) {
  if (point < 0x80) {
    out += static_cast<char>(point);
  } else if (point < 0x800) {
    out += static_cast<char>(0xC0 | (point >> 6));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else if (point < 0x10000) {
    out += static_cast<char>(0xE0 | (point >> 12));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (point >> 18));
    out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (point & 0x3F));
  }
}

}  // namespace

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

}  // namespace latch::storage::sql
