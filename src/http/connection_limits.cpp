#include "http/connection_limits.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <utility>

namespace latch::http {

ConnectionTable::Ticket::Ticket(Ticket&& other) noexcept
    : table_(std::exchange(other.table_, nullptr)),
      key_(std::move(other.key_)),
      counted_(other.counted_) {}

ConnectionTable::Ticket& ConnectionTable::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    if (table_) table_->release(key_, counted_);
    table_ = std::exchange(other.table_, nullptr);
    key_ = std::move(other.key_);
    counted_ = other.counted_;
  }
  return *this;
}

ConnectionTable::Ticket::~Ticket() {
  if (table_) table_->release(key_, counted_);
}

ConnectionTable::Ticket ConnectionTable::admit(const std::string& key, bool exempt,
                                               Refusal* refusal) {
  Refusal why = Refusal::None;
  bool counted = !exempt && caps_.per_address > 0;
  {
    std::lock_guard lock(mutex_);
    if (open_ >= caps_.total) {
      why = Refusal::Total;
    } else if (counted && by_address_[key] >= caps_.per_address) {
      why = Refusal::PerAddress;
    } else {
      ++open_;
      if (counted) ++by_address_[key];
      if (open_ > caps_.total / 2) pressure_ = true;
    }
    if (why == Refusal::PerAddress && by_address_[key] == 0) by_address_.erase(key);
  }
  if (refusal) *refusal = why;
  if (why != Refusal::None) return Ticket();
  return Ticket(this, key, counted);
}

void ConnectionTable::release(const std::string& key, bool counted) {
  std::lock_guard lock(mutex_);
  --open_;
  if (open_ <= caps_.total / 4) pressure_ = false;
  if (!counted) return;
  auto it = by_address_.find(key);
  if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
}

std::size_t ConnectionTable::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t ConnectionTable::open_from(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = by_address_.find(key);
  return it == by_address_.end() ? 0 : it->second;
}

bool ConnectionTable::under_pressure() const {
  std::lock_guard lock(mutex_);
  return pressure_;
}

std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return static_cast<std::size_t>(1) << 20;
  return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t connection_cap(std::size_t descriptors, std::size_t configured) {
  if (configured > 0) return configured;
  std::size_t reserve = std::clamp<std::size_t>(descriptors / 8, 64, 4096);
  return descriptors > reserve + 16 ? descriptors - reserve : 16;
}

}  // namespace latch::http
