#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sqlite/statement.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace latch::storage::sqlite {

struct ConnectionOptions {
  std::string path;
  bool read_only = false;  // SQLITE_OPEN_READONLY plus PRAGMA query_only
  int busy_timeout_ms = 5000;
};

// One SQLite connection with its prepared-statement cache. Not thread-safe: used by one thread
// at a time (the store's writer mutex or a reader lease guarantees it).
class Connection final : public sql::Connection {
 public:
  // Opens `options.path` and configures the connection: WAL journal (writers), busy_timeout,
  // foreign_keys=ON, synchronous=NORMAL, extended result codes. A read-write open creates the
  // file. Internal when the file cannot be opened or is not an SQLite database.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs statements that take no parameters (pragmas, BEGIN/COMMIT, migrations).
  [[nodiscard]] Result<void> exec(const std::string& sql) override;
  // The prepared statement for `sql` with `values` bound. Comes from the cache keyed by the SQL
  // text; when that entry is already in use (a nested query) a private statement is prepared.
  [[nodiscard]] Result<Statement> prepare(std::string_view sql, std::span<const Value> values = {});

  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  [[nodiscard]] Result<std::int64_t> query(std::string_view sql, std::span<const Value> values,
                                           sql::RowHandler on_row) override;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  std::int64_t changes(const Statement&) const { return changes(); }
  // True between BEGIN and COMMIT/ROLLBACK.
  bool in_transaction() const override;
  // The Error for result code `rc`, with this connection's last message.
  Error error(int rc) const;
  // Replaces SQLite's automatic checkpoints on this connection: after each of its commits,
  // `committed` is called with the number of frames in the WAL (sqlite3_wal_hook). `committed`
  // must outlive the connection, or be replaced first (nullptr: no hook).
  void on_wal_commit(std::function<void(int frames)>* committed);
  // The first region of the WAL index (the -shm file) as this connection's VFS has it mapped
  // (xShmMap: SQLite's own mapping, under its own locks), or nullptr when it has none yet.
  // Valid while the connection is open.
  const void* wal_index();

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  static constexpr std::size_t kMaxCachedStatements = 256;

  explicit Connection(sqlite3* db) : db_(db) {}
  Result<void> configure(const ConnectionOptions& options);
  Result<sqlite3_stmt*> compile(std::string_view sql, bool persistent);
  Result<Statement> checkout(std::string_view sql);

  sqlite3* db_;
  std::map<std::string, CachedStatement, std::less<>> cache_;
};

}  // namespace latch::storage::sqlite
