#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/mfa.hpp"

// Users' second factors and trusted devices (model/mfa.hpp). Same rules as repositories.hpp:
// obtained from a Tx, valid inside it, one thread. Deleting a user deletes its factors and
// trusted devices (ON DELETE CASCADE). Each use_* call is one conditional UPDATE, so two nodes
// racing to accept the same TOTP step, backup code or WebAuthn assertion cannot both succeed.
namespace latch::storage {

class MfaRepository {
 public:
  virtual ~MfaRepository() = default;

  // The user's factors ordered by created_at, then id.
  [[nodiscard]] virtual Result<std::vector<model::MfaVerification>> list(
      std::string_view user_id) = 0;
  [[nodiscard]] virtual Result<std::optional<model::MfaVerification>> find(std::string_view id) = 0;
  // The WebAuthn factor with this credential ID (base64url), whoever holds it.
  [[nodiscard]] virtual Result<std::optional<model::MfaVerification>> find_by_credential_id(
      std::string_view credential_id) = 0;

  // Adds a Totp factor. Conflict keyed user.totp_already_in_use when the user has one; NotFound
  // when the user does not exist.
  [[nodiscard]] virtual Result<void> insert_totp(const model::MfaVerification& totp) = 0;
  // Adds a WebAuthn factor. Conflict keyed entity.unique_integrity_violation when the credential
  // ID is registered already; NotFound when the user does not exist.
  [[nodiscard]] virtual Result<void> insert_webauthn(const model::MfaVerification& webauthn) = 0;
  // Makes `backup` (its id, user, created_at) the user's BackupCode factor with the codes whose
  // hashes are `code_hashes`, replacing the set the user had. NotFound when the user does not
  // exist.
  [[nodiscard]] virtual Result<void> replace_backup_codes(
      const model::MfaVerification& backup, const std::vector<std::string>& code_hashes) = 0;
  // Renames a WebAuthn factor. NotFound when there is no WebAuthn factor `id`.
  [[nodiscard]] virtual Result<void> rename_webauthn(std::string_view id,
                                                     std::string_view name) = 0;

  // NotFound when absent. Removing the user's last factor but backup codes removes those too
  // (backup codes alone are not a second factor).
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
  // Removes every factor and trusted device of the user; returns how many factors went.
  [[nodiscard]] virtual Result<std::int64_t> remove_all(std::string_view user_id) = 0;

  // Accepts time step `step` for Totp factor `id` at `now`: true when `step` is later than the
  // last accepted one (then it becomes the last), false when it is not (a replayed code).
  [[nodiscard]] virtual Result<bool> use_totp_step(std::string_view id, std::int64_t step,
                                                   std::int64_t now) = 0;
  // Moves WebAuthn factor `id`'s counter from `expected` (as read) to `counter` at `now`: false
  // when the stored counter is no longer `expected` (another sign-in used it meanwhile).
  [[nodiscard]] virtual Result<bool> use_webauthn(std::string_view id, std::int64_t expected,
                                                  std::int64_t counter, std::int64_t now) = 0;
  // Marks the user's unused backup code with this hash used at `now`: false when the user has
  // no such unused code.
  [[nodiscard]] virtual Result<bool> use_backup_code(std::string_view user_id,
                                                     std::string_view code_hash,
                                                     std::int64_t now) = 0;

  [[nodiscard]] virtual Result<void> insert_trusted_device(const model::TrustedDevice& device) = 0;
  // The user's trusted device with this token hash that has not expired at `now`.
  [[nodiscard]] virtual Result<std::optional<model::TrustedDevice>> find_trusted_device(
      std::string_view user_id, std::string_view token_hash, std::int64_t now) = 0;
  // The user's unexpired trusted devices, newest first.
  [[nodiscard]] virtual Result<std::vector<model::TrustedDevice>> trusted_devices(
      std::string_view user_id, std::int64_t now) = 0;
  // NotFound when the user has no trusted device `id`.
  [[nodiscard]] virtual Result<void> remove_trusted_device(std::string_view user_id,
                                                           std::string_view id) = 0;
  // Removes the user's trusted devices; returns how many.
  [[nodiscard]] virtual Result<std::int64_t> remove_trusted_devices(std::string_view user_id) = 0;

  // Whether the user skipped adding a factor when a prompting MFA policy offered one.
  [[nodiscard]] virtual Result<bool> mfa_skipped(std::string_view user_id) = 0;
  // Remembers that the user skipped (at `now`); skipping again keeps the first time. NotFound when
  // the user does not exist.
  [[nodiscard]] virtual Result<void> set_mfa_skipped(std::string_view user_id,
                                                     std::int64_t now) = 0;
};

}  // namespace latch::storage
