#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.hpp"

// What the repositories need from a database, whichever it is: run one statement with bound
// values and read the rows it returns. SQLite and PostgreSQL each implement it (storage/sqlite,
// storage/postgres); the repositories in this folder are written once against it.
namespace latch::storage::sql {

// Where the SQL the two databases accept differs (JSON functions, NOTIFY), a repository asks.
enum class Dialect { sqlite, postgres };

// A value bound to a statement parameter. The viewed text only has to live until the statement
// has run.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string_view>;

// NULL for an absent optional, its text otherwise.
Value nullable(const std::optional<std::string>& text);

// The current row of a running statement; `column` is 0-based. NULL reads as "" or 0.
class Row {
 public:
  virtual std::string text(int column) const = 0;
  virtual std::optional<std::string> optional_text(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;
  bool boolean(int column) const { return int64(column) != 0; }

  // For code that copies whole tables (db export): the shape of the row.
  virtual int column_count() const = 0;
  virtual std::string column_name(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  // True when the column holds an integer (SQLite INTEGER, PostgreSQL int2/int4/int8/bool).
  virtual bool is_integer(int column) const = 0;

 protected:
  ~Row() = default;
};

// A callback for each row, without owning or copying the callable (a function_ref).
class RowHandler {
 public:
  RowHandler() = default;
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, RowHandler>)
      RowHandler(F& f)  // NOLINT(google-explicit-constructor): passed inline at every call site
      : object_(&f), call_([](void* object, const Row& row) { (*static_cast<F*>(object))(row); }) {}

  explicit operator bool() const { return call_ != nullptr; }
  void operator()(const Row& row) const { call_(object_, row); }

 private:
  void* object_ = nullptr;
  void (*call_)(void*, const Row&) = nullptr;
};

// One database connection in use by one thread (inside a transaction the store opened).
class Connection {
 public:
  virtual Dialect dialect() const = 0;

  // Runs `sql` with `values` bound to its parameters and calls `on_row` (when set) for each row
  // it returns. `sql` uses SQLite's placeholders, `?` in order or `?N`; the PostgreSQL
  // implementation rewrites them. Returns the number of rows an INSERT, UPDATE or DELETE changed.
  [[nodiscard]] virtual Result<std::int64_t> query(std::string_view sql,
                                                   std::span<const Value> values,
                                                   RowHandler on_row) = 0;

  // Runs statements that take no parameters (BEGIN, pragmas, migrations).
  [[nodiscard]] virtual Result<void> exec(const std::string& sql) = 0;
  // True between BEGIN and COMMIT/ROLLBACK.
  virtual bool in_transaction() const = 0;
  // Ends the open transaction: COMMIT and ROLLBACK unless the database needs more care.
  [[nodiscard]] virtual Result<void> commit() { return exec("COMMIT"); }
  virtual void rollback() {
    // Nothing better to do with a failed ROLLBACK: the transaction ends regardless, and a broken
    // connection is dropped by its pool.
    (void)exec("ROLLBACK");
  }

  // The caches whose epochs the open transaction bumped (sql::bump_epoch), for the store to
  // announce once it has committed (Store::on_epoch_bump). run_tx clears them at BEGIN.
  void note_bump(std::string_view cache) {
    if (std::find(bumps_.begin(), bumps_.end(), cache) == bumps_.end()) bumps_.emplace_back(cache);
  }
  std::vector<std::string> take_bumps() { return std::exchange(bumps_, {}); }

 protected:
  ~Connection() = default;

 private:
  std::vector<std::string> bumps_;
};

// Steps `stmt` (a Row with `Result<bool> step()`) to its end, handing each row to `on_row`.
template <class Statement>
[[nodiscard]] Result<void> read_rows(Statement& stmt, RowHandler on_row) {
  for (;;) {
    auto has_row = stmt.step();
    if (!has_row) {
      return has_row.error();
    }
    if (!*has_row) {
      return ok();
    }
    if (on_row) {
      on_row(stmt);
    }
  }
}

// Connection::query for a backend whose `prepare(sql, values)` gives a Statement (a Row with
// `step()`) and whose `changes(statement)` counts the rows it changed.
template <class Backend>
[[nodiscard]] Result<std::int64_t> run_prepared(Backend& conn, std::string_view sql,
                                                std::span<const Value> values, RowHandler on_row) {
  auto stmt = conn.prepare(sql, values);
  if (!stmt) {
    return stmt.error();
  }
  if (auto read = read_rows(*stmt, on_row); !read) {
    return read.error();
  }
  return conn.changes(*stmt);
}

}  // namespace latch::storage::sql
