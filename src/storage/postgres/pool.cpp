#include "storage/postgres/pool.hpp"

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

Result<Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  bool ready = freed_.wait_for(lock, options_.acquire_timeout,
                               [&] { return !idle_.empty() || open_ < options_.size; });
  if (!ready) {
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
