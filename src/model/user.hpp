#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace latch::model {

// An end user. Unique identifiers (username, email, phone) are optional but unique when set;
// username and email compare case-insensitively.
struct User {
  std::string id;  // 12 chars of [0-9a-z]
  std::optional<std::string> username;
  std::optional<std::string> primary_email;
  std::optional<std::string> primary_phone;
  std::optional<std::string> name;
  std::optional<std::string> avatar;
  std::string password_hash;        // Argon2id PHC string; empty when the user has no password
  std::string profile_json = "{}";  // OIDC standard claims (familyName, ...)
  std::string custom_data_json = "{}";
  std::string identities_json = "{}";  // {"github": {"userId": "...", "details": {...}}}
  bool is_suspended = false;
  std::int64_t last_sign_in_at = 0;  // epoch milliseconds, 0 = never
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

}  // namespace latch::model
