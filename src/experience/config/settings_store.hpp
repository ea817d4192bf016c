#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <functional>
#include <memory>
#include <mutex>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "experience/config/sign_in_experience.hpp"
#include "storage/store.hpp"

namespace latch::experience {

inline constexpr std::string_view kSignInExperienceEpoch = "sign_in_experience";

// The sign-in experience configuration in memory (lock-free reads), reloaded when the
// "sign_in_experience" cache epoch changes. Thread-safe.
class SettingsStore {
 public:
  std::shared_ptr<const SignInExperience> get() const {
    return current_.load(std::memory_order_acquire);
  }
  // Reads the stored configuration (defaults when none is stored) and the epoch it was read at.
  // Blocks.
  [[nodiscard]] Result<void> reload(storage::Store& store) const;
  // Brings the configuration up to the database's before a sign-in step uses it: one small query
  // (the epochs), and a reload when they moved. A change made a moment ago by the CLI or another
  // node is then seen by the very next page. Blocks: call on the blocking pool.
  [[nodiscard]] Result<void> ensure_current(storage::Store& store) const;
  void set(SignInExperience config) const {
    current_.store(std::make_shared<const SignInExperience>(std::move(config)));
  }

 private:
  // A cache: readers hold a const SettingsStore& and still see it catch up.
  mutable std::atomic<std::shared_ptr<const SignInExperience>> current_{
      std::make_shared<const SignInExperience>()};
  mutable std::mutex reload_mutex_;              // one reload at a time: published in order
  mutable std::atomic<std::int64_t> epoch_{-1};  // of what current_ holds; -1: not read yet
};

// Reads the stored configuration in `tx` (defaults when none is stored).
[[nodiscard]] Result<SignInExperience> load_settings(storage::Tx& tx);

// Applies `patch` to the stored configuration, stores it as a new version and bumps the cache
// epoch, in one transaction. InvalidRequest for a bad patch; Conflict on a concurrent write.
[[nodiscard]] Result<SignInExperience> update_settings(storage::Store& store,
                                                       const boost::json::object& patch,
                                                       const Clock& clock);
// The same, with the patch computed from the stored configuration inside the transaction (a
// read-modify-write that cannot lose a concurrent change).
using PatchFn = std::function<Result<boost::json::object>(const SignInExperience&)>;
[[nodiscard]] Result<SignInExperience> update_settings(storage::Store& store,
                                                       const PatchFn& make_patch,
                                                       const Clock& clock);

}  // namespace latch::experience
