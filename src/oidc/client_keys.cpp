#include "oidc/client_keys.hpp"

#include "core/json.hpp"

namespace latch::oidc {

Result<std::vector<boost::json::object>> parse_jwk_set(std::string_view text) {
  auto parsed = parse_json(text);
  const boost::json::value* keys =
      parsed && parsed->is_object() ? parsed->as_object().if_contains("keys") : nullptr;
  if (!keys || !keys->is_array()) {
    return make_error(Errc::InvalidRequest, "not a JWK Set: an object with a keys array");
  }
  std::vector<boost::json::object> out;
  for (const auto& key : keys->as_array()) {
    if (key.is_object()) out.push_back(key.as_object());
  }
  return out;
}

std::optional<std::vector<boost::json::object>> ClientKeyCache::find(const std::string& url,
                                                                     bool refresh) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(url);
  if (refresh || it == entries_.end()) return std::nullopt;
  std::int64_t age = clock_.now_seconds() - it->second.fetched_at;
  if (age >= kTtl || age < 0) return std::nullopt;
  return it->second.keys;
}

void ClientKeyCache::store(const std::string& url, std::vector<boost::json::object> keys) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries && !entries_.contains(url)) entries_.clear();
  entries_[url] = Entry{std::move(keys), clock_.now_seconds()};
}

}  // namespace latch::oidc
