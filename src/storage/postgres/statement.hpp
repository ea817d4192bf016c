#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"

struct pg_result;

namespace latch::storage::postgres {

// A value bound to a statement parameter, sent as text and typed by the server from the SQL.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string_view>;

// NULL for an absent optional, its text otherwise.
Value nullable(const std::optional<std::string>& text);

// The result of one executed statement, read row by row like sqlite::Statement: step() moves to
// the next row. Owns the PGresult. Move-only.
class Statement {
 public:
  explicit Statement(pg_result* result);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // True when a row is ready to read, false after the last one.
  [[nodiscard]] Result<bool> step();
  // Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t changes() const;

  // Readers for the current row; `column` is 0-based. NULL reads as "" or 0.
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t int64(int column) const;
  bool boolean(int column) const { return int64(column) != 0; }

 private:
  pg_result* result_;
  int row_ = -1;
};

}  // namespace latch::storage::postgres
