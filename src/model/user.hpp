#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace latch::model {

// How Latch hashes passwords (crypto::hash_password), in the words of User::password_algorithm.
inline constexpr std::string_view kLatchPasswordAlgorithm = "Argon2id";

// An end user. Unique identifiers (username, email, phone) are optional but unique when set;
// username and email compare case-insensitively.
struct User {
  std::string id;  // 12 chars of [0-9a-z]
  std::optional<std::string> username;
  std::optional<std::string> primary_email;
  std::optional<std::string> primary_phone;
  std::optional<std::string> name;
  std::optional<std::string> avatar;
  std::string password_hash;  // the digest of the password; empty when the user has no password
  // How password_hash was made, as Logto names it (UsersPasswordEncryptionMethod, parsed by
  // crypto::password_algorithm_named): Latch's own Argon2id, or a digest brought from elsewhere
  // ("Bcrypt", "MD5", "Legacy", ...) until the user's next sign-in replaces it with Latch's.
  // Meaningless while password_hash is empty.
  std::string password_algorithm = std::string(kLatchPasswordAlgorithm);
  std::string profile_json = "{}";  // OIDC standard claims (familyName, ...)
  std::string custom_data_json = "{}";
  std::string identities_json = "{}";  // {"github": {"userId": "...", "details": {...}}}
  bool is_suspended = false;
  std::int64_t last_sign_in_at = 0;  // epoch milliseconds, 0 = never
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Gives `user` the password hash crypto::hash_password made (and so Latch's algorithm).
inline void set_latch_password_hash(User& user, std::string hash) {
  user.password_hash = std::move(hash);
  user.password_algorithm = std::string(kLatchPasswordAlgorithm);
}

}  // namespace latch::model
