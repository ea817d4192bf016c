#include "storage/sqlite/reader_pool.hpp"

#include <utility>

namespace latch::storage::sqlite {

ReaderPool::Lease::~Lease() {
  if (conn_) {
    pool_->release(std::move(conn_));
  }
}

ReaderPool::ReaderPool(ConnectionOptions options, std::size_t max_size)
    : options_(std::move(options)), max_size_(max_size == 0 ? 1 : max_size) {
  options_.read_only = true;
}

Result<ReaderPool::Lease> ReaderPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_size_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
    ++open_;
  }
  auto opened = Connection::open(options_);
  if (!opened) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    return opened.error();
  }
  return Lease(*this, std::move(*opened));
}

void ReaderPool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  returned_.notify_one();
}

}  // namespace latch::storage::sqlite
