#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "experience/config/sign_in_experience.hpp"
#include "storage/store.hpp"

namespace latch::experience {

// Lockout after repeated failed sign-ins, stored in the database so it holds across nodes.
// Per account: `max_attempts` failures within `lockout_minutes` lock it until the window has
// passed since the latest failure, whichever of its identifiers (username, email, phone) was
// typed. Per client address (an IPv6 address counts as its /64): ten times as many. An identifier
// that names no account is counted as a subject of its own, like an account, so the lock reveals
// nothing about which accounts exist.
class Sentinel {
 public:
  Sentinel(const SignInExperience& config, std::int64_t now) : config_(config), now_(now) {}

  // Forbidden("session.too_many_attempts") while `subject` or `ip` is locked.
  [[nodiscard]] Result<void> check(storage::Tx& tx, std::string_view subject,
                                   std::string_view ip) const;
  [[nodiscard]] Result<void> record_failure(storage::Tx& tx, std::string_view subject,
                                            std::string_view ip) const;
  // A successful sign-in clears the subject's failures (not the IP's).
  [[nodiscard]] Result<void> clear(storage::Tx& tx, std::string_view subject) const;

  // What counts failures: the account `user_id` when the identifier names one, otherwise the
  // identifier itself (case-insensitively).
  static std::string subject_of(const std::optional<std::string>& user_id,
                                std::string_view identifier);

 private:
  Result<bool> locked(storage::Tx& tx, const std::string& subject, int limit) const;
  const SignInExperience& config_;
  std::int64_t now_;
};

}  // namespace latch::experience
