#include "core/limiter.hpp"

#include <algorithm>

namespace latch {

void Limiter::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return in_use_ < capacity_; });
  peak_ = std::max(peak_, ++in_use_);
}

bool Limiter::try_acquire() {
  std::lock_guard lock(mutex_);
  if (in_use_ >= capacity_) return false;
  peak_ = std::max(peak_, ++in_use_);
  return true;
}

void Limiter::release() {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
  }
  freed_.notify_one();
}

void Limiter::set_capacity(std::size_t capacity) {
  {
    std::lock_guard lock(mutex_);
    capacity_ = capacity;
  }
  freed_.notify_all();
}

std::size_t Limiter::capacity() const {
  std::lock_guard lock(mutex_);
  return capacity_;
}

std::size_t Limiter::in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

std::size_t Limiter::peak() const {
  std::lock_guard lock(mutex_);
  return peak_;
}

void Limiter::reset_peak() {
  std::lock_guard lock(mutex_);
  peak_ = in_use_;
}

}  // namespace latch
