#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace latch::storage::sqlite {

// Read-only connections for Store::read, opened on demand up to `max_size`. Thread-safe.
class ReaderPool {
 public:
  // Exclusive use of one connection; hands it back to the pool when destroyed. Move-only.
  // REQUIRES: does not outlive the pool.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> conn)
        : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& connection() { return *conn_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // `options.read_only` is forced on.
  ReaderPool(ConnectionOptions options, std::size_t max_size);

  // An idle connection, a new one while fewer than max_size exist, or else waits for one.
  // Internal when a new connection cannot be opened.
  [[nodiscard]] Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> conn);

  ConnectionOptions options_;
  std::size_t max_size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // guarded by mutex_
};

}  // namespace latch::storage::sqlite
