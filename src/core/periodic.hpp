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
  // Starts the next round now instead of at the end of the wait (a worker told that work was
  // just queued); a round in progress is followed by another at once.
  void wake();

 private:
  std::chrono::milliseconds interval_;
  Round round_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  bool woken_ = false;     // guarded by mutex_
  std::thread thread_;
};

// A signal from the code that queues work to the thread of this process that does it: the code
// rings once its transaction has committed (storage::Tx::after_commit), and the worker, while it
// runs, listens (PeriodicThread::wake), so that the work starts at once instead of at the next
// round. Thread-safe.
class Doorbell {
 public:
  // Calls the listener, if there is one.
  void ring() const {
    std::lock_guard lock(mutex_);
    if (listener_) listener_();
  }
  // Replaces the listener; an empty one stops listening. `listener` must not ring.
  void listen(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
  }

 private:
  mutable std::mutex mutex_;
  std::function<void()> listener_;
};

}  // namespace latch
