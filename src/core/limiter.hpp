#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace latch {

// A counting limiter: at most capacity() slots are held at once. acquire() waits for a free
// slot; try_acquire() never waits. Used to bound work that is expensive to run many at once
// (Argon2id takes 19 MiB per hash) and to bound the jobs a pool admits. Thread-safe.
class Limiter {
 public:
  // REQUIRES: capacity > 0.
  explicit Limiter(std::size_t capacity) : capacity_(capacity) {}
  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

  // Takes a slot, waiting while all are held.
  void acquire();
  // Takes a slot if one is free; false (and nothing held) otherwise.
  [[nodiscard]] bool try_acquire();
  // Gives a slot back and wakes one waiter. REQUIRES: the caller holds a slot.
  void release();

  // Changes the bound. Slots held above a lowered capacity stay held until released; waiters
  // proceed as soon as the new bound allows. REQUIRES: capacity > 0.
  void set_capacity(std::size_t capacity);

  std::size_t capacity() const;
  std::size_t in_use() const;
  // The most slots held at once since construction or the last reset_peak().
  std::size_t peak() const;
  void reset_peak();

 private:
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t capacity_;
  std::size_t in_use_ = 0;
  std::size_t peak_ = 0;
};

// Holds one slot of a Limiter for its lifetime: acquired on construction, or adopted from a
// successful try_acquire() with std::adopt_lock.
class LimiterSlot {
 public:
  explicit LimiterSlot(Limiter& limiter) : limiter_(limiter) { limiter_.acquire(); }
  LimiterSlot(Limiter& limiter, std::adopt_lock_t) : limiter_(limiter) {}
  ~LimiterSlot() { limiter_.release(); }
  LimiterSlot(const LimiterSlot&) = delete;
  LimiterSlot& operator=(const LimiterSlot&) = delete;

 private:
  Limiter& limiter_;
};

}  // namespace latch
