#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/repositories.hpp"

// Repositories of the hosted sign-in experience: its configuration, message connectors (email,
// SMS), one-time verification codes and failed sign-in records. Same rules as repositories.hpp:
// obtained from a Tx, valid inside it, one thread.
namespace latch::storage {

// A versioned JSON document (the sign-in experience configuration).
struct VersionedDocument {
  std::string json;
  std::int64_t version = 0;
  std::int64_t updated_at = 0;  // epoch milliseconds
};

class SignInExperienceRepository {
 public:
  virtual ~SignInExperienceRepository() = default;
  // The stored configuration, or nullopt before the first write.
  [[nodiscard]] virtual Result<std::optional<VersionedDocument>> find() = 0;
  // Writes `json` as version `expected_version + 1` when the stored version is
  // `expected_version` (0: none stored yet). Conflict when another writer got there first.
  [[nodiscard]] virtual Result<std::int64_t> put(std::string_view json,
                                                 std::int64_t expected_version,
                                                 std::int64_t now_ms) = 0;
};

// The configuration of a message connector. `sealed_secret` is sealed by the caller.
struct MessageConnectorRecord {
  std::string kind;  // "email" or "sms"
  std::string config_json = "{}";
  std::string sealed_secret;
  std::int64_t updated_at = 0;
};

class MessageConnectorRepository {
 public:
  virtual ~MessageConnectorRepository() = default;
  [[nodiscard]] virtual Result<std::optional<MessageConnectorRecord>> find(
      std::string_view kind) = 0;
  // Inserts or replaces the record of `record.kind`.
  [[nodiscard]] virtual Result<void> put(const MessageConnectorRecord& record) = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view kind) = 0;  // ok when absent
};

// A one-time code sent to an email address or a phone, bound to one interaction.
struct VerificationCode {
  std::string id;
  std::string interaction_uid;
  std::string purpose;          // SignIn, Register, ForgotPassword
  std::string identifier_type;  // email or phone
  std::string identifier;
  std::string code_hash;
  int attempts = 0;
  std::int64_t created_at = 0;  // epoch seconds
  std::int64_t expires_at = 0;
  std::int64_t consumed_at = 0;  // 0 = unused
};

class VerificationCodeRepository {
 public:
  virtual ~VerificationCodeRepository() = default;
  // NotFound when the interaction does not exist.
  [[nodiscard]] virtual Result<void> insert(const VerificationCode& code) = 0;
  [[nodiscard]] virtual Result<std::optional<VerificationCode>> find(std::string_view id) = 0;
  // Adds one failed attempt.
  [[nodiscard]] virtual Result<void> add_attempt(std::string_view id) = 0;
  // Atomically marks the code consumed when it is unused; false when it was used already.
  [[nodiscard]] virtual Result<bool> consume(std::string_view id, std::int64_t now) = 0;
  // Codes sent to `identifier` since `since` (rate limiting).
  [[nodiscard]] virtual Result<std::int64_t> count_sent(std::string_view identifier,
                                                        std::int64_t since) = 0;
};

// One audit log entry (Logto's `logs`): sign-ins, their failures, admin changes.
struct AuditLog {
  std::string id;
  std::string key;     // Interaction.SignIn.Submit, Interaction.SignIn.Verification.Password, ...
  std::string result;  // Success or Error
  std::string user_id, application_id, ip;
  std::string payload_json = "{}";  // what else is worth keeping (never a secret)
  std::int64_t created_at = 0;      // epoch milliseconds
};

struct LogFilter {
  std::string key, user_id, application_id;  // "" = any
  std::string result;                        // "Success", "Error" or "" = any
  // created_at window in epoch milliseconds, both ends inclusive; nullopt = unbounded.
  std::optional<std::int64_t> from, to;
};

class LogRepository {
 public:
  virtual ~LogRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const AuditLog& log) = 0;
  [[nodiscard]] virtual Result<std::optional<AuditLog>> find(std::string_view id) = 0;
  // Newest first.
  [[nodiscard]] virtual Result<std::vector<AuditLog>> list(const LogFilter& filter, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(const LogFilter& filter) = 0;
  // The entries matching, counting no further than `cap` + 1 (so that a huge table is never
  // scanned to its end): a result above `cap` means "more than cap".
  [[nodiscard]] virtual Result<std::int64_t> count_capped(const LogFilter& filter,
                                                          std::int64_t cap) = 0;
  // Deletes up to `batch` of the oldest entries written before `created_before` (epoch ms): the
  // retention the housekeeper applies (audit_log_retention_days). Returns the entries removed.
  [[nodiscard]] virtual Result<std::int64_t> purge_before(std::int64_t created_before,
                                                          std::int64_t batch) = 0;
};

// A social connector instance. The configuration (secrets included) is sealed by the caller.
struct ConnectorRecord {
  std::string id;          // shown to the admin: part of the callback URL
  std::string factory_id;  // github-universal, oidc, ...
  std::string target;      // identity key: github, google, ...
  std::string sealed_config;
  std::string metadata_json = "{}";  // display overrides (name, logo)
  bool sync_profile = false;         // update name and avatar on every sign-in
  std::int64_t created_at = 0;       // epoch milliseconds
  std::int64_t updated_at = 0;
};

class ConnectorRepository {
 public:
  virtual ~ConnectorRepository() = default;
  // Conflict when the id is taken.
  [[nodiscard]] virtual Result<void> insert(const ConnectorRecord& record) = 0;
  // Replaces everything but id, factory_id and created_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const ConnectorRecord& record) = 0;
  [[nodiscard]] virtual Result<std::optional<ConnectorRecord>> find(std::string_view id) = 0;
  // Oldest first.
  [[nodiscard]] virtual Result<std::vector<ConnectorRecord>> list_all() = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;  // NotFound when absent
};

// Failed sign-ins per subject ("id:<identifier>", "ip:<address>"): the lockout's memory.
class SignInFailureRepository {
 public:
  virtual ~SignInFailureRepository() = default;
  [[nodiscard]] virtual Result<void> record(std::string_view subject, std::int64_t at) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_since(std::string_view subject,
                                                         std::int64_t since) = 0;
  // The most recent failure of `subject` (0 when none).
  [[nodiscard]] virtual Result<std::int64_t> latest(std::string_view subject) = 0;
  [[nodiscard]] virtual Result<void> clear(std::string_view subject) = 0;
  [[nodiscard]] virtual Result<void> purge_before(std::int64_t at) = 0;
};

}  // namespace latch::storage
