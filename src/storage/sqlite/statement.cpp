#include "storage/sqlite/statement.hpp"

#include <sqlite3.h>

#include <type_traits>
#include <utility>

#include "storage/sqlite/connection.hpp"

namespace latch::storage::sqlite {

Statement::Statement(Connection& conn, sqlite3_stmt* stmt, bool* in_use)
    : conn_(&conn), stmt_(stmt), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : conn_(other.conn_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) {
    return;
  }
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Result<void> Statement::bind(std::span<const Value> values) {
  int index = 1;
  for (const Value& value : values) {
    if (auto bound = bind_one(index++, value); !bound) {
      return bound;
    }
  }
  return ok();
}

Result<void> Statement::bind_one(int index, const Value& value) {
  int rc = std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::nullptr_t>) {
          return sqlite3_bind_null(stmt_, index);
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          return sqlite3_bind_int64(stmt_, index, v);
        } else {
          return sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
        }
      },
      value);
  if (rc != SQLITE_OK) {
    return conn_->error(rc);
  }
  return ok();
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return conn_->error(rc);
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return ok();
    }
  }
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) {
    return {};
  }
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) {
    return std::nullopt;
  }
  return text(column);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string() : std::string(name);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::is_integer(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER;
}

}  // namespace latch::storage::sqlite
