#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "experience/config/sign_in_experience.hpp"
#include "storage/store.hpp"

namespace latch::experience {

// Lockout after repeated failed sign-ins, stored in the database so it holds across nodes.
// Per identifier: `max_attempts` failures within `lockout_minutes` lock it until the window
// has passed since the latest failure. Per IP: ten times as many. Unknown identifiers are
// counted like known ones, so the lock reveals nothing about which accounts exist.
class Sentinel {
 public:
  Sentinel(const SignInExperience& config, std::int64_t now) : config_(config), now_(now) {}

  // Forbidden("session.too_many_attempts") while `identifier` or `ip` is locked.
  [[nodiscard]] Result<void> check(storage::Tx& tx, std::string_view identifier,
                                   std::string_view ip) const;
  [[nodiscard]] Result<void> record_failure(storage::Tx& tx, std::string_view identifier,
                                            std::string_view ip) const;
  // A successful sign-in clears the identifier's failures (not the IP's).
  [[nodiscard]] Result<void> clear(storage::Tx& tx, std::string_view identifier) const;

  static std::string subject_of_identifier(std::string_view identifier);

 private:
  Result<bool> locked(storage::Tx& tx, const std::string& subject, int limit) const;
  const SignInExperience& config_;
  std::int64_t now_;
};

}  // namespace latch::experience
