#include "latch/storage.hpp"

namespace latch {

std::optional<std::string> MemoryStorage::get(std::string_view key) {
  std::lock_guard lock(mutex_);
  auto it = values_.find(key);
  if (it == values_.end()) {
    return std::nullopt;
  }
  return it->second;
}

void MemoryStorage::set(std::string_view key, std::string value) {
  std::lock_guard lock(mutex_);
  values_.insert_or_assign(std::string(key), std::move(value));
}

void MemoryStorage::remove(std::string_view key) {
  std::lock_guard lock(mutex_);
  if (auto it = values_.find(key); it != values_.end()) {
    values_.erase(it);
  }
}

}  // namespace latch
