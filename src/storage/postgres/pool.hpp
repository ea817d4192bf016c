#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "core/result.hpp"
#include "storage/postgres/connection.hpp"

namespace latch::storage::postgres {

struct PoolOptions {
  std::string url;
  std::size_t size = 8;  // most connections open at once
  std::chrono::milliseconds acquire_timeout{5000};
};

class ConnectionPool;

// A connection borrowed from the pool; returned (or dropped when broken) on destruction.
class Lease {
 public:
  Lease(ConnectionPool& pool, std::unique_ptr<Connection> conn);
  ~Lease();
  Lease(Lease&& other) noexcept;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;
  Connection& connection() { return *conn_; }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> conn_;
};

// At most `size` connections, opened on demand and reused. Reports its connections, the waits
// for one and the waits that timed out (`latch_db_pool_*`, docs/observability.md). Thread-safe.
class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  // A connection for the caller's exclusive use. Unavailable when none frees up within the
  // acquire timeout or a new connection cannot be opened.
  [[nodiscard]] Result<Lease> acquire();

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> conn);

  PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // guarded by mutex_
  metrics::Histogram& waits_;
  metrics::Counter& timeouts_;
  metrics::GaugeRegistration open_gauge_;
  metrics::GaugeRegistration idle_gauge_;
};

}  // namespace latch::storage::postgres
