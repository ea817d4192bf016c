#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"

// Rate limits: at most `max` events per key in each fixed window of time (failed client
// authentications per client, sign-in submissions per address, ...). The mechanism lives here;
// the counts live behind RateCounters, in memory on one node and in the database when several
// nodes must share them (server/ adapts storage's repository).
namespace latch::http {

// The counts behind a RateLimiter. Windows are fixed, aligned to the Unix epoch, so that every
// node that shares the counters agrees on them.
class RateCounters {
 public:
  virtual ~RateCounters() = default;
  // Adds one event to `key` in the window [window_start, window_end) (epoch seconds) and returns
  // how many that window holds now, this one included; a later window starts again from one.
  // May block (a database): call it from the blocking pool. Thread-safe.
  [[nodiscard]] virtual Result<std::int64_t> add(std::string_view key, std::int64_t window_start,
                                                 std::int64_t window_end) = 0;
};

// Counters in this process's memory, for a single node. At most `max_keys` keys: when full,
// windows that have ended are dropped, and if that frees nothing, half of the counts (a flood
// of distinct keys can make a limit forget; give each limit counters of its own).
class InMemoryRateCounters final : public RateCounters {
 public:
  explicit InMemoryRateCounters(std::size_t max_keys = 100000) : max_keys_(max_keys) {}
  Result<std::int64_t> add(std::string_view key, std::int64_t window_start,
                           std::int64_t window_end) override;

 private:
  struct Count {
    std::int64_t window_start = 0;
    std::int64_t window_end = 0;
    std::int64_t events = 0;
  };
  void make_room(std::int64_t now);

  std::size_t max_keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, Count> counts_;
};

struct RateLimit {
  std::string name;      // namespaces the keys in the shared counters: "client-auth", ...
  std::int64_t max = 0;  // events allowed per window; 0 = no limit
  std::chrono::seconds window{60};
};

// One limit. The check before a request is a lookup in this node's view of blocked keys and never
// touches the counters; only counting an event does, and a count that reaches `max` blocks the
// key here until its window ends. With shared counters another node learns of it when it counts
// an event of its own for the key, so across N nodes a key gets at most max + N - 1 events
// through per window. Thread-safe.
class RateLimiter {
 public:
  // `counters` and `clock` must outlive the limiter.
  RateLimiter(RateLimit limit, RateCounters& counters, const Clock& clock);

  bool enabled() const { return limit_.max > 0; }
  const RateLimit& limit() const { return limit_; }

  // Seconds until `key` may be served again, as this node knows it; 0 when it may now. Cheap: a
  // hash lookup under a mutex, no I/O.
  std::int64_t blocked_for(std::string_view key) const;

  // Counts one event of `key`. Returns the seconds until `key` may be served again when this
  // event was over the limit (the caller refuses it), 0 when it was within. The max-th event
  // passes and blocks the key for the rest of its window. Blocking (the counters may be a
  // database): call it from the blocking pool. When the counters fail, the error is logged and
  // the event passes: an unavailable database must not lock everyone out.
  std::int64_t hit(std::string_view key);

 private:
  void block(const std::string& key, std::int64_t until, std::int64_t now);

  RateLimit limit_;
  RateCounters& counters_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> blocked_until_;  // epoch seconds
  std::size_t sweep_at_ = 1024;
};

}  // namespace latch::http
