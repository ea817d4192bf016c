#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Logto's personal access token: a named, long-lived secret an operator makes for a user, which
// an app allowed to exchange tokens trades for an access token that speaks for that user
// (token exchange, subject_token_type urn:logto:token-type:personal_access_token). Its value is
// shown again to operators, so it is kept sealed with the master key (AAD = the user's id), and
// found at the token endpoint by the SHA-256 hash of the value.
namespace latch::model {

// Logto's prefix of a personal access token's value.
inline constexpr std::string_view kPersonalAccessTokenPrefix = "pat_";

struct PersonalAccessToken {
  std::string user_id;
  std::string name;  // unique within the user
  std::string token_hash;
  std::string sealed_value;
  std::int64_t created_at = 0;             // epoch milliseconds
  std::optional<std::int64_t> expires_at;  // epoch milliseconds; nullopt = never
};

}  // namespace latch::model
