#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

struct sqlite3_stmt;

namespace latch::storage::sqlite {

// A value bound to a statement parameter. SQLite copies text when it is bound, so the viewed
// string only has to live until the bind call returns.
using sql::Value;

class Connection;

// A prepared statement in use. Borrowed statements come from the connection's cache and are reset
// (bindings cleared, read lock released) when the Statement is destroyed; owned ones are
// finalized. Move-only. REQUIRES: does not outlive the Connection that made it.
class Statement final : public sql::Row {
 public:
  Statement(Connection& conn, sqlite3_stmt* stmt, bool* in_use);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Binds `values` to parameters 1..n.
  [[nodiscard]] Result<void> bind(std::span<const Value> values);
  // Steps once: true when a row is ready to read, false when the statement has finished.
  [[nodiscard]] Result<bool> step();
  // Steps to the end, ignoring rows (INSERT, UPDATE, DELETE).
  [[nodiscard]] Result<void> run();

  // Readers for the current row; `column` is 0-based. NULL reads as "" or 0.
  std::string text(int column) const override;
  std::optional<std::string> optional_text(int column) const override;
  std::int64_t int64(int column) const override;
  int column_count() const override;
  std::string column_name(int column) const override;
  bool is_null(int column) const override;
  bool is_integer(int column) const override;

 private:
  Result<void> bind_one(int index, const Value& value);

  Connection* conn_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache slot's flag; nullptr when this Statement owns stmt_
};

}  // namespace latch::storage::sqlite
