#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <utility>

#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/match_function.hpp"

namespace latch::storage::sqlite {
namespace {

int open_flags(bool read_only) {
  int access = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  return access | SQLITE_OPEN_NOMUTEX;
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, open_flags(options.read_only), nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return make_error(Errc::Internal, "cannot open the database", options.path + ": " + message);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  if (auto configured = conn->configure(options); !configured) {
    Error error = configured.error();
    error.detail = options.path + ": " + error.detail;
    return error;
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) {
    sqlite3_finalize(cached.stmt);
  }
  sqlite3_close_v2(db_);
}

Result<void> Connection::configure(const ConnectionOptions& options) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  if (register_match_function(db_) != SQLITE_OK) {
    return make_error(Errc::Internal, "cannot open the database", sqlite3_errmsg(db_));
  }
  if (options.read_only) {
    return exec("PRAGMA query_only = ON; PRAGMA foreign_keys = ON;");
  }
  auto mode = prepare("PRAGMA journal_mode = WAL");
  if (!mode) {
    return mode.error();
  }
  auto row = mode->step();
  if (!row) {
    return row.error();
  }
  if (!*row || mode->text(0) != "wal") {
    return make_error(Errc::Internal, "cannot open the database", "WAL journal mode unavailable");
  }
  return exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
}

void Connection::on_wal_commit(std::function<void(int frames)>* committed) {
  if (committed == nullptr) {
    sqlite3_wal_hook(db_, nullptr, nullptr);
    return;
  }
  sqlite3_wal_hook(
      db_,
      [](void* callback, sqlite3*, const char*, int frames) {
        (*static_cast<std::function<void(int)>*>(callback))(frames);
        return SQLITE_OK;
      },
      committed);
}

const void* Connection::wal_index() {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr || file->pMethods->iVersion < 2 ||
      file->pMethods->xShmMap == nullptr) {
    return nullptr;
  }
  constexpr int kRegionBytes = 32768;  // SQLite's WAL index page
  void volatile* region = nullptr;
  if (file->pMethods->xShmMap(file, 0, kRegionBytes, 0, &region) != SQLITE_OK) return nullptr;
  return const_cast<const void*>(region);
}

Result<void> Connection::exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return error(rc);
  }
  return ok();
}

Result<Statement> Connection::prepare(std::string_view sql, std::span<const Value> values) {
  auto stmt = checkout(sql);
  if (!stmt) {
    return stmt.error();
  }
  if (auto bound = stmt->bind(values); !bound) {
    return bound.error();
  }
  return std::move(*stmt);
}

Result<std::int64_t> Connection::query(std::string_view sql, std::span<const Value> values,
                                       sql::RowHandler on_row) {
  return sql::run_prepared(*this, sql, values, on_row);
}

Result<Statement> Connection::checkout(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second.in_use) {
    found->second.in_use = true;
    return Statement(*this, found->second.stmt, &found->second.in_use);
  }
  bool cacheable = found == cache_.end() && cache_.size() < kMaxCachedStatements;
  auto stmt = compile(sql, cacheable);
  if (!stmt) {
    return stmt.error();
  }
  if (!cacheable) {
    return Statement(*this, *stmt, nullptr);
  }
  auto& slot = cache_[std::string(sql)];
  slot = CachedStatement{*stmt, true};
  return Statement(*this, slot.stmt, &slot.in_use);
}

Result<sqlite3_stmt*> Connection::compile(std::string_view sql, bool persistent) {
  sqlite3_stmt* stmt = nullptr;
  unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return error(rc);
  }
  return stmt;
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Error Connection::error(int rc) const { return to_error(rc, sqlite3_errmsg(db_)); }

}  // namespace latch::storage::sqlite
