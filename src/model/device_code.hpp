#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// RFC 8628: a device authorization request waiting for its user. The device code is stored only
// as its SHA-256 hash; the user code is short-lived and typed by a person, so it is kept as
// entered (normalized: upper case, no dash) under a unique index.
namespace latch::model {

// Where a device authorization stands (RFC 8628 §3.4, §3.5).
enum class DeviceCodeStatus { Pending, Approved, Denied };

std::string_view device_code_status_name(DeviceCodeStatus status);  // "pending", ...
DeviceCodeStatus parse_device_code_status(std::string_view text);   // Pending when unknown

struct DeviceCode {
  std::string device_code_hash;
  std::string user_code;  // 8 letters of kUserCodeAlphabet, no dash
  std::string client_id;
  std::string scope;      // space-separated, as requested
  std::string resources;  // space-separated resource indicators
  DeviceCodeStatus status = DeviceCodeStatus::Pending;
  std::string user_id;   // set on approval
  std::string grant_id;  // set on approval: the grant tokens are issued under
  std::int64_t auth_time = 0;
  std::int64_t interval = 5;        // seconds the device must wait between polls
  std::int64_t last_polled_at = 0;  // epoch milliseconds; 0 = never polled
  std::int64_t created_at = 0;      // epoch seconds
  std::int64_t expires_at = 0;      // epoch seconds
  std::int64_t consumed_at = 0;     // epoch seconds; 0 = not redeemed
};

}  // namespace latch::model
