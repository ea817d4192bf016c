#include "core/periodic.hpp"

namespace latch {

void PeriodicThread::start() {
  thread_ = std::thread([this] {
    bool busy = false;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        auto wait = busy ? std::chrono::milliseconds(0) : interval_;
        wake_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
        if (stopping_) return;
        woken_ = false;
      }
      busy = round_();
    }
  });
}

void PeriodicThread::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void PeriodicThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace latch
