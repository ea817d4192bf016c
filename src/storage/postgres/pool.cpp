#include "storage/postgres/pool.hpp"

#include <chrono>
#include <utility>

namespace latch::storage::postgres {

Lease::Lease(ConnectionPool& pool, std::unique_ptr<Connection> conn)
    : pool_(&pool), conn_(std::move(conn)) {}

Lease::~Lease() {
  if (conn_) {
    pool_->release(std::move(conn_));
  }
}

Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}

ConnectionPool::ConnectionPool(PoolOptions options)
    : options_(std::move(options)),
      waits_(metrics::registry().histogram("latch_db_pool_wait_seconds",
                                           "Time a database transaction waited for a connection.",
                                           {{"pool", "postgres"}})),
      timeouts_(metrics::registry().counter(
          "latch_db_pool_timeouts_total",
          "Transactions refused because no pooled connection freed up in time.",
          {{"pool", "postgres"}})) {
  auto count = [this](bool idle_only) {
    std::lock_guard lock(mutex_);
    return static_cast<double>(idle_only ? idle_.size() : open_);
  };
  const char* help = "Database connections of the pool, open (in use or idle) and idle.";
  open_gauge_ = metrics::registry().gauge("latch_db_pool_connections", help,
                                          {{"pool", "postgres"}, {"state", "open"}},
                                          [count] { return count(false); });
  idle_gauge_ = metrics::registry().gauge("latch_db_pool_connections", help,
                                          {{"pool", "postgres"}, {"state", "idle"}},
                                          [count] { return count(true); });
}

Result<Lease> ConnectionPool::acquire() {
  auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  bool ready = freed_.wait_for(lock, options_.acquire_timeout,
                               [&] { return !idle_.empty() || open_ < options_.size; });
  waits_.observe(std::chrono::steady_clock::now() - started);
  if (!ready) {
    timeouts_.add();
    return make_error(Errc::Unavailable, "the database is busy",
                      "no pooled connection freed up in time");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = Connection::open(options_.url);
  if (!conn) {
    std::lock_guard relock(mutex_);
    --open_;
    freed_.notify_one();
    return conn.error();
  }
  return Lease(*this, std::move(*conn));
}

void ConnectionPool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  if (conn->healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  freed_.notify_one();
}

}  // namespace latch::storage::postgres
