#pragma once

#include "storage/mfa_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Factors in mfa_verifications (one row each), backup codes in mfa_backup_codes, trusted
// devices in mfa_trusted_devices (migration v11). Nothing here is cached.
class SqlMfaRepository final : public MfaRepository {
 public:
  explicit SqlMfaRepository(Connection& conn) : conn_(conn) {}

  Result<std::vector<model::MfaVerification>> list(std::string_view user_id) override;
  Result<std::optional<model::MfaVerification>> find(std::string_view id) override;
  Result<std::optional<model::MfaVerification>> find_by_credential_id(
      std::string_view credential_id) override;
  Result<void> insert_totp(const model::MfaVerification& totp) override;
  Result<void> insert_webauthn(const model::MfaVerification& webauthn) override;
  Result<void> replace_backup_codes(const model::MfaVerification& backup,
                                    const std::vector<std::string>& code_hashes) override;
  Result<void> rename_webauthn(std::string_view id, std::string_view name) override;
  Result<void> remove(std::string_view id) override;
  Result<std::int64_t> remove_all(std::string_view user_id) override;
  Result<bool> use_totp_step(std::string_view id, std::int64_t step, std::int64_t now) override;
  Result<bool> use_webauthn(std::string_view id, std::int64_t expected, std::int64_t counter,
                            std::int64_t now) override;
  Result<bool> use_backup_code(std::string_view user_id, std::string_view code_hash,
                               std::int64_t now) override;
  Result<void> insert_trusted_device(const model::TrustedDevice& device) override;
  Result<std::optional<model::TrustedDevice>> find_trusted_device(std::string_view user_id,
                                                                  std::string_view token_hash,
                                                                  std::int64_t now) override;
  Result<std::vector<model::TrustedDevice>> trusted_devices(std::string_view user_id,
                                                            std::int64_t now) override;
  Result<void> remove_trusted_device(std::string_view user_id, std::string_view id) override;
  Result<std::int64_t> remove_trusted_devices(std::string_view user_id) override;
  Result<bool> mfa_skipped(std::string_view user_id) override;
  Result<void> set_mfa_skipped(std::string_view user_id, std::int64_t now) override;

 private:
  // NotFound("user not found") unless the user exists.
  Result<void> require_user(std::string_view user_id);

  Connection& conn_;
};

}  // namespace latch::storage::sql
