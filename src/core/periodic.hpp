#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace latch {

// A thread of its own that runs `round` every `interval` until stopped: the background work of a
// node (outbox deliveries, purges, audit batches). A round that returns true found work, and the
// next one starts at once instead of after the interval. stop() wakes the wait and waits for the
// round in progress; the first round starts one interval after start(). Thread-safe.
class PeriodicThread {
 public:
  using Round = std::function<bool()>;

  PeriodicThread(std::chrono::milliseconds interval, Round round)
      : interval_(interval), round_(std::move(round)) {}
  ~PeriodicThread() { stop(); }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  void start();
  // Idempotent.
  void stop();

 private:
  std::chrono::milliseconds interval_;
  Round round_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace latch
