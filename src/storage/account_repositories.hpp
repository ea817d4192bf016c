#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

// Repositories of the account center (Logto's Account API): the verification records that
// sensitive account changes require, and the account center's settings. Same rules as
// repositories.hpp: obtained from a Tx, valid inside it, one thread.
namespace latch::storage {

// A proof a signed-in user made for the Account API (Logto's verification_records): their
// password, a code sent to an email or phone, a social sign-in or a WebAuthn registration. The
// id is the secret the client sends back (header logto-verification-id, or a body member).
struct VerificationRecord {
  std::string id;       // 21 random characters
  std::string user_id;  // who made it
  std::string type;     // Password, EmailVerificationCode, PhoneVerificationCode, Social, WebAuthn
  std::string identifier;        // the email or phone a code went to; the connector of Social
  std::string data_json = "{}";  // what the type keeps until it is verified (never a secret
                                 // in the clear: a code is kept as its hash)
  bool verified = false;
  int attempts = 0;             // failed code attempts
  std::int64_t created_at = 0;  // epoch seconds
  std::int64_t expires_at = 0;  // epoch seconds
};

class VerificationRecordRepository {
 public:
  virtual ~VerificationRecordRepository() = default;
  // NotFound when the user does not exist.
  [[nodiscard]] virtual Result<void> insert(const VerificationRecord& record) = 0;
  // The record, expired or not (callers compare expires_at with their clock).
  [[nodiscard]] virtual Result<std::optional<VerificationRecord>> find(std::string_view id) = 0;
  // Replaces data_json and verified. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const VerificationRecord& record) = 0;
  // Adds one failed attempt (one UPDATE, so racing guesses all count); returns the new count.
  [[nodiscard]] virtual Result<int> add_attempt(std::string_view id) = 0;
  // Records of type `type` made for `identifier` since `since` (rate limiting code sends).
  [[nodiscard]] virtual Result<std::int64_t> count_since(std::string_view type,
                                                         std::string_view identifier,
                                                         std::int64_t since) = 0;
};

// The account center's settings (Logto's account_centers row), one JSON document.
class AccountCenterRepository {
 public:
  virtual ~AccountCenterRepository() = default;
  // The stored document, or nullopt before the first write (the defaults apply).
  [[nodiscard]] virtual Result<std::optional<std::string>> find() = 0;
  [[nodiscard]] virtual Result<void> put(std::string_view json, std::int64_t now_ms) = 0;
};

}  // namespace latch::storage
