#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace latch::storage {

// One-time setup tokens of a fresh deployment (console::ConsoleSite): stored by hash, good until
// `expires_at` (seconds) or until the first operator exists.
class SetupTokenRepository {
 public:
  virtual ~SetupTokenRepository() = default;
  [[nodiscard]] virtual Result<void> add(std::string_view token_hash, std::int64_t expires_at) = 0;
  // True when `token_hash` is stored and unexpired at `now`.
  [[nodiscard]] virtual Result<bool> valid(std::string_view token_hash, std::int64_t now) = 0;
  [[nodiscard]] virtual Result<void> clear() = 0;
};

// What one purge batch removed.
struct PurgeCounts {
  std::int64_t interactions = 0, sessions = 0, grants = 0, codes = 0, access_tokens = 0,
               verification_codes = 0, setup_tokens = 0, sign_in_failures = 0,
               verification_records = 0, replays = 0, device_codes = 0, pushed_requests = 0,
               subject_tokens = 0, initial_access_tokens = 0;
  std::int64_t total() const {
    return interactions + sessions + grants + codes + access_tokens + verification_codes +
           setup_tokens + sign_in_failures + verification_records + replays + device_codes +
           pushed_requests + subject_tokens + initial_access_tokens;
  }
};

// Housekeeping the server runs on a schedule.
class MaintenanceRepository {
 public:
  virtual ~MaintenanceRepository() = default;
  // Deletes up to `batch` expired rows of each kind, as of `now` (seconds): interactions (with
  // their verification codes), browser sessions, grants past their expiry (with the codes and
  // tokens they issued), codes and opaque access tokens past theirs, setup tokens, the account
  // center's verification records, expired one-time values (replay_guard), device codes
  // (RFC 8628), pushed authorization requests (RFC 9126), subject tokens (RFC 8693) and initial
  // access tokens (RFC 7591 §3) past theirs, and failed sign-ins older than `failures_before`.
  // Refresh tokens live and die with their grant.
  [[nodiscard]] virtual Result<PurgeCounts> purge_expired(std::int64_t now,
                                                          std::int64_t failures_before,
                                                          std::int64_t batch) = 0;
  // Claims the periodic job `name` for this caller when its last run is older than
  // `interval` seconds (or it never ran), recording `now` as its last run. False when another
  // node ran it recently. REQUIRES: inside a write transaction holding lock(name).
  [[nodiscard]] virtual Result<bool> claim_run(std::string_view name, std::int64_t now,
                                               std::int64_t interval) = 0;
};

}  // namespace latch::storage
