#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store.hpp"

namespace latch::server {

// Keeps in-process caches in step with the database: reads the cache epochs every `interval`,
// and at once when the store's change feed (PostgreSQL LISTEN/NOTIFY) announces a commit, and
// calls `reload(name)` for each that changed, so a change made by the CLI or another node is
// served at once. The periodic read is the safety net for announcements lost while the feed
// reconnects. Runs on its own thread; never on an I/O thread.
class CacheRefresher {
 public:
  using Reload = std::function<bool(const std::string& cache)>;

  CacheRefresher(storage::Store& store, std::chrono::milliseconds interval, Reload reload);
  ~CacheRefresher();
  // Reads the current epochs without reloading (call after the initial load).
  void prime();
  void start();
  void stop();
  // False after the database stopped answering; true again once it answers.
  bool healthy() const { return healthy_.load(std::memory_order_relaxed); }

 private:
  void poll();
  storage::Store& store_;
  std::chrono::milliseconds interval_;
  Reload reload_;
  std::map<std::string, std::int64_t> seen_;
  std::atomic<bool> healthy_{true};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::unique_ptr<storage::ChangeFeed> feed_;  // set by start(); nullptr on SQLite
  std::thread thread_;
};

}  // namespace latch::server
