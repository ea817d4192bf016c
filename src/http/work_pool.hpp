#pragma once

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <limits>
#include <mutex>
#include <optional>
#include <type_traits>

#include "core/error.hpp"
#include "core/limiter.hpp"
#include "http/blocking.hpp"

namespace latch::http {

// A pool of threads for one kind of slow blocking work (calls to providers, password hashing),
// kept apart from the database pool so that it cannot take that pool's threads, and bounded:
// it admits at most `threads + max_waiting` jobs at once (running or waiting for a thread) and
// refuses the rest at once instead of queueing them without end. Thread-safe.
class WorkPool {
 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max() / 2;

  struct Options {
    unsigned threads = 1;                  // REQUIRES: > 0
    std::size_t max_waiting = kUnbounded;  // admitted jobs beyond the running ones
  };

  explicit WorkPool(Options options)
      : pool_(options.threads), admitted_(options.threads + options.max_waiting) {}
  // Stops and joins.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Runs `fn` on one of the pool's threads and resumes the caller on its own executor with the
  // result. nullopt, without running `fn`, when the pool already holds all the jobs it admits,
  // or was stopped before `fn` got a thread. `fn` is taken by reference and must outlive the
  // co_await (a lambda at the call site does).
  template <class F>
  asio::awaitable<std::optional<std::invoke_result_t<F&>>> try_run(F& fn) {
    using R = std::invoke_result_t<F&>;
    if (stopped_.load() || !admitted_.try_acquire()) co_return std::nullopt;
    LimiterSlot admitted(admitted_, std::adopt_lock);
    auto job = [this, &fn]() -> asio::awaitable<std::optional<R>> {
      if (stopped_.load()) co_return std::nullopt;
      co_return std::optional<R>(fn());
    };
    co_return co_await asio::co_spawn(pool_, job, asio::use_awaitable);
  }

  // From now on refuses new jobs and those still waiting for a thread; running jobs finish.
  // Idempotent.
  void stop() { stopped_.store(true); }
  // Waits until every thread has finished its last job. REQUIRES: stop() was called, or no
  // more jobs arrive.
  void join();
  // Jobs admitted now (running or waiting).
  std::size_t admitted() const { return admitted_.in_use(); }

 private:
  asio::thread_pool pool_;
  Limiter admitted_;
  std::atomic<bool> stopped_{false};
  std::once_flag joined_;
};

// Which pool a request's blocking work runs on (docs/architecture.md, "Threads").
enum class Lane {
  Database,  // transactions only: the blocking pool that token requests and pages use
  Hashing,   // the step checks or sets a password (Argon2id)
  Outbound,  // the step calls a provider (social sign-in, email, SMS) and may wait on it
};

// The pools behind the lanes. The composition root owns them.
struct Pools {
  asio::thread_pool& database;
  WorkPool& hashing;
  WorkPool& outbound;
};

// Runs `fn` on `lane`'s pool (see run_blocking and WorkPool::try_run). nullopt when that pool
// refuses the job: answer with lane_busy(lane).
template <class F>
asio::awaitable<std::optional<std::invoke_result_t<F&>>> run_on(const Pools& pools, Lane lane,
                                                                F& fn) {
  using R = std::invoke_result_t<F&>;
  if (lane == Lane::Database) co_return std::optional<R>(co_await run_blocking(pools.database, fn));
  WorkPool& pool = lane == Lane::Hashing ? pools.hashing : pools.outbound;
  co_return co_await pool.try_run(fn);
}

// Why a lane refused a job, as an error every surface can render (503): Unavailable
// "connector.busy" for Outbound (too many sign-ins wait on providers), Unavailable
// "request.busy" otherwise (shutting down).
Error lane_busy(Lane lane);

}  // namespace latch::http
