#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Logto's subject token (RFC 8693 token exchange, impersonation): made through the Management
// API for a user, redeemed once at the token endpoint for an access token that speaks for that
// user. Stored only as the SHA-256 hash of its value.
namespace latch::model {

// Logto's subjectTokenPrefix and subjectTokenExpiresIn (seconds).
inline constexpr std::string_view kSubjectTokenPrefix = "sub_";
inline constexpr std::int64_t kSubjectTokenExpiresIn = 600;

struct SubjectToken {
  std::string token_hash;
  std::string user_id;              // the user the token speaks for
  std::string creator_id;           // the Management API caller (a user or an app), for audit
  std::string context_json = "{}";  // Logto's `context`: a JSON object kept for the operator
  std::int64_t created_at = 0;      // epoch seconds
  std::int64_t expires_at = 0;      // epoch seconds
  std::int64_t consumed_at = 0;     // epoch seconds; 0 = not yet redeemed
};

}  // namespace latch::model
