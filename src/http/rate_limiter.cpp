#include "http/rate_limiter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace latch::http {

Result<std::int64_t> InMemoryRateCounters::add(std::string_view key, std::int64_t window_start,
                                               std::int64_t window_end) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(std::string(key));
  if (it == counts_.end()) {
    if (counts_.size() >= max_keys_) make_room(window_start);
    it = counts_.emplace(std::string(key), Count{}).first;
  }
  Count& count = it->second;
  if (count.window_start != window_start) count = Count{window_start, window_end, 0};
  return ++count.events;
}

void InMemoryRateCounters::make_room(std::int64_t now) {
  std::erase_if(counts_, [now](const auto& entry) { return entry.second.window_end <= now; });
  if (counts_.size() < max_keys_) return;
  // Still full of live windows (a flood of distinct keys): forget every other count.
  bool drop = false;
  std::erase_if(counts_, [&drop](const auto&) { return drop = !drop; });
}

RateLimiter::RateLimiter(RateLimit limit, RateCounters& counters, const Clock& clock)
    : limit_(std::move(limit)), counters_(counters), clock_(clock) {
  if (limit_.window.count() < 1) limit_.window = std::chrono::seconds(1);
}

std::int64_t RateLimiter::blocked_for(std::string_view key) const {
  if (!enabled()) return 0;
  std::int64_t now = clock_.now_seconds();
  std::lock_guard lock(mutex_);
  auto it = blocked_until_.find(std::string(key));
  return it == blocked_until_.end() ? 0 : std::max<std::int64_t>(0, it->second - now);
}

std::int64_t RateLimiter::hit(std::string_view key) {
  if (!enabled()) return 0;
  std::int64_t now = clock_.now_seconds();
  std::int64_t window = limit_.window.count();
  std::int64_t start = now - now % window;
  auto events = counters_.add(limit_.name + ":" + std::string(key), start, start + window);
  if (!events) {
    spdlog::warn("rate limit {}: cannot count an event: {} {}", limit_.name,
                 events.error().description, events.error().detail);
    return 0;
  }
  if (*events < limit_.max) return 0;
  block(std::string(key), start + window, now);
  return *events > limit_.max ? start + window - now : 0;
}

void RateLimiter::block(const std::string& key, std::int64_t until, std::int64_t now) {
  std::lock_guard lock(mutex_);
  // Blocked keys are few (only keys over their limit); drop the expired ones each time the map
  // has doubled since the last sweep.
  if (blocked_until_.size() >= sweep_at_) {
    std::erase_if(blocked_until_, [now](const auto& entry) { return entry.second <= now; });
    sweep_at_ = std::max<std::size_t>(1024, 2 * blocked_until_.size());
  }
  blocked_until_[key] = until;
}

}  // namespace latch::http
