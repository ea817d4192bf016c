#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/postgres/statement.hpp"
#include "storage/sql/connection.hpp"

struct pg_conn;

namespace latch::storage::postgres {

// One libpq connection with its prepared-statement cache (keyed by SQL text). Not thread-safe:
// a pool lease gives it to one thread at a time.
class Connection final : public sql::Connection {
 public:
  // Connects to `url` (postgres://user:pass@host:port/db or any libpq conninfo).
  // Unavailable when the server cannot be reached.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs statements that take no parameters (BEGIN/COMMIT, migrations).
  [[nodiscard]] Result<void> exec(const std::string& sql) override;
  // Executes `sql` with `values` bound and returns its rows. `sql` uses SQLite's placeholders
  // (`?` numbered in order, or `?N`), rewritten to `$N`; it is prepared once per connection.
  [[nodiscard]] Result<Statement> prepare(std::string_view sql, std::span<const Value> values);

  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  [[nodiscard]] Result<std::int64_t> query(std::string_view sql, std::span<const Value> values,
                                           sql::RowHandler on_row) override;

  // The SQLSTATE of the last failed statement ("" when the last one succeeded). A statement
  // refused because the transaction had already failed (25P02) keeps the original cause.
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // True between BEGIN and COMMIT/ROLLBACK (also when the transaction has failed).
  bool in_transaction() const override;
  // COMMIT, unless a statement failed inside the transaction: PostgreSQL would then turn COMMIT
  // into a silent ROLLBACK, so this fails instead.
  [[nodiscard]] Result<void> commit() override;
  // ROLLBACK, keeping the SQLSTATE of the failure (not of the ROLLBACK) for the store's retry
  // decision.
  void rollback() override;
  // True when a statement failed inside the open transaction (PostgreSQL then ignores every
  // statement until ROLLBACK, and turns COMMIT into a silent ROLLBACK).
  bool transaction_failed() const;
  // False once the connection is broken (the pool then drops it).
  bool healthy() const;
  // Rows changed by `statement` (an INSERT, UPDATE or DELETE).
  std::int64_t changes(const Statement& statement) const { return statement.changes(); }

  // For LISTEN: the socket to wait on, and the number of notifications that arrived since the
  // last call (reads what the socket holds without blocking). Unavailable when the connection
  // broke.
  int socket() const;
  [[nodiscard]] Result<int> take_notifications();

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Result<std::string> statement_name(std::string_view sql);
  Error fail(pg_result* result, std::string_view what);

  pg_conn* conn_;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL text -> statement name
  std::string last_sqlstate_;
};

// `sql` with SQLite placeholders (`?`, `?N`) rewritten to PostgreSQL's (`$N`), outside quotes.
std::string to_dollar_placeholders(std::string_view sql);

}  // namespace latch::storage::postgres
