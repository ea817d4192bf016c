#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "model/device_code.hpp"
#include "oidc/catalog.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// The letters of a user code: consonants only, so that a code spells no word and no letter
// looks like a digit (RFC 8628 §6.1: 20^8 ≈ 2^34.6 codes).
inline constexpr std::string_view kUserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
inline constexpr std::size_t kUserCodeLength = 8;

// What a person typed, as stored: upper case, without dashes and spaces (RFC 8628 §6.1: entry is
// case-insensitive and ignores punctuation). "" when it cannot be a user code.
std::string normalize_user_code(std::string_view typed);
// "BCDF-GHJK": a stored user code as shown to people (RFC 8628 §6.1).
std::string display_user_code(std::string_view code);

// The answer of the device authorization endpoint (RFC 8628 §3.2).
struct DeviceAuthorization {
  std::string device_code;
  std::string user_code;  // displayed form, XXXX-XXXX
  std::int64_t expires_in = 0;
  std::int64_t interval = 0;
};

// A device authorization request, validated (RFC 8628 §3.1; resources per RFC 8707).
struct DeviceRequest {
  const ClientEntry* client = nullptr;
  std::vector<std::string> scopes;
  std::vector<std::string> resources;
};

// The user's side of a device authorization: a user's sign-in on /device that approves or denies
// it. Who signed in is the caller's business (the hosted pages). Blocks on the database;
// thread-safe.
struct DeviceApproval {
  std::string user_code;  // normalized
  std::string user_id;
  std::int64_t auth_time = 0;
  std::string amr;  // the sign-in's authentication methods (RFC 8176), space-separated
};

class DeviceFlowService {
 public:
  DeviceFlowService(const Config& config, storage::Store& store, const Clock& clock)
      : config_(config), store_(store), clock_(clock) {}

  // Stores a new device code for `request` (RFC 8628 §3.2). REQUIRES: request.client set.
  [[nodiscard]] Result<DeviceAuthorization> start(const DeviceRequest& request);
  // The pending, unexpired device code whose user code `typed` is (any case, dashes allowed);
  // nullopt when there is none.
  [[nodiscard]] Result<std::optional<model::DeviceCode>> pending(std::string_view typed);
  // Approves the pending code: a grant for the user with the requested scopes and resources,
  // whose tokens the device then redeems. False when the code is no longer pending (decided,
  // expired or unknown).
  [[nodiscard]] Result<bool> approve(const DeviceApproval& approval);
  // Denies the pending code `user_code` (normalized): the device gets access_denied. False as for
  // approve.
  [[nodiscard]] Result<bool> deny(const std::string& user_code);

 private:
  const Config& config_;
  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace latch::oidc
