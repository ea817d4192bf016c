#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

struct pg_result;

namespace latch::storage::postgres {

// A value bound to a statement parameter, sent as text and typed by the server from the SQL.
using sql::Value;

// The result of one executed statement, read row by row like sqlite::Statement: step() moves to
// the next row. Owns the PGresult. Move-only.
class Statement final : public sql::Row {
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
  std::string text(int column) const override;
  std::optional<std::string> optional_text(int column) const override;
  std::int64_t int64(int column) const override;
  int column_count() const override;
  std::string column_name(int column) const override;
  bool is_null(int column) const override;
  bool is_integer(int column) const override;

 private:
  pg_result* result_;
  int row_ = -1;
};

}  // namespace latch::storage::postgres
