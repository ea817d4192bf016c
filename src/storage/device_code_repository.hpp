#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "model/device_code.hpp"
#include "model/oidc_artifacts.hpp"

namespace latch::storage {

// A user's decision on a pending device code (RFC 8628 §3.3). Approval names the user and the
// grant its tokens are issued under.
struct DeviceDecision {
  model::DeviceCodeStatus status = model::DeviceCodeStatus::Denied;  // Approved or Denied
  std::string user_id;
  std::string grant_id;
  std::int64_t auth_time = 0;
};

// Device authorizations (RFC 8628), by device code hash and by user code. Rows live until the
// housekeeper purges them after expires_at. See the contract at the top of repositories.hpp.
class DeviceCodeRepository {
 public:
  virtual ~DeviceCodeRepository() = default;
  // NotFound when the client does not exist; Conflict when the hash or the user code is taken.
  [[nodiscard]] virtual Result<void> insert(const model::DeviceCode& code) = 0;
  // The code with this hash, whatever its status; nullopt when there is none.
  [[nodiscard]] virtual Result<std::optional<model::DeviceCode>> find(
      std::string_view device_code_hash) = 0;
  // The code with this (normalized) user code, whatever its status; nullopt when none.
  [[nodiscard]] virtual Result<std::optional<model::DeviceCode>> find_by_user_code(
      std::string_view user_code) = 0;
  // Records a poll at `polled_at` (ms) and the interval the device must keep from now on.
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> record_poll(std::string_view device_code_hash,
                                                 std::int64_t polled_at, std::int64_t interval) = 0;
  // Records `decision` on the code with `user_code` when it is still pending and unexpired at
  // `now` (a conditional update, safe across nodes). False when it was not (already decided,
  // expired or unknown).
  [[nodiscard]] virtual Result<bool> decide(std::string_view user_code,
                                            const DeviceDecision& decision, std::int64_t now) = 0;
  // Atomically marks an approved code redeemed at `now` (seconds); see CodeRepository::consume.
  [[nodiscard]] virtual Result<model::Consumed<model::DeviceCode>> consume(
      std::string_view device_code_hash, std::int64_t now) = 0;
};

}  // namespace latch::storage
