#include "server/cache_refresher.hpp"

#include <spdlog/spdlog.h>

namespace latch::server {

CacheRefresher::CacheRefresher(storage::Store& store, std::chrono::milliseconds interval,
                               Reload reload)
    : store_(store), interval_(interval), reload_(std::move(reload)) {}

CacheRefresher::~CacheRefresher() { stop(); }

void CacheRefresher::prime() {
  if (auto epochs = store_.epochs()) seen_ = std::move(*epochs);
}

void CacheRefresher::start() {
  feed_ = store_.changes();
  thread_ = std::thread([this] {
    for (;;) {
      if (feed_) {
        feed_->wait(interval_);  // returns early on a change another node announced
      } else {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
      }
      {
        std::lock_guard lock(mutex_);
        if (stopping_) break;
      }
      poll();
    }
  });
}

void CacheRefresher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (feed_) feed_->interrupt();
  if (thread_.joinable()) thread_.join();
}

void CacheRefresher::poll() {
  auto epochs = store_.epochs();
  if (!epochs) {
    if (healthy_.exchange(false)) {
      spdlog::error("database is not answering: {}", epochs.error().description);
    }
    return;
  }
  if (!healthy_.exchange(true)) spdlog::info("database answers again");
  for (const auto& [name, version] : *epochs) {
    auto it = seen_.find(name);
    if (it != seen_.end() && it->second == version) continue;
    if (reload_(name)) seen_[name] = version;
  }
}

}  // namespace latch::server
