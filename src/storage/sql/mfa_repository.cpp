#include "storage/sql/mfa_repository.hpp"

#include <string>

#include "storage/sql/json_list.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

// A BackupCode row counts its codes with two subqueries; the other types read 0 for both.
const std::string kSelect =
    "SELECT m.id, m.user_id, m.type, m.created_at, m.last_used_at, m.totp_secret, "
    "m.last_used_step, m.credential_id, m.public_key, m.algorithm, m.counter, m.transports, "
    "m.rp_id, m.agent, m.name, "
    "(SELECT COUNT(*) FROM mfa_backup_codes c WHERE c.verification_id = m.id), "
    "(SELECT COUNT(*) FROM mfa_backup_codes c WHERE c.verification_id = m.id AND c.used_at = 0) "
    "FROM mfa_verifications m";

model::MfaVerification read_verification(const Row& row) {
  model::MfaVerification v;
  v.id = row.text(0);
  v.user_id = row.text(1);
  v.type = model::parse_mfa_factor(row.text(2)).value_or(model::MfaFactor::Totp);
  v.created_at = row.int64(3);
  v.last_used_at = row.int64(4);
  v.totp_secret = row.optional_text(5).value_or("");
  v.last_used_step = row.int64(6);
  v.credential_id = row.optional_text(7).value_or("");
  v.public_key = row.optional_text(8).value_or("");
  v.algorithm = static_cast<int>(row.int64(9));
  v.counter = row.int64(10);
  v.transports = from_json_array(row.text(11));
  v.rp_id = row.text(12);
  v.agent = row.text(13);
  v.name = row.text(14);
  v.codes_total = static_cast<int>(row.int64(15));
  v.codes_left = static_cast<int>(row.int64(16));
  return v;
}

const std::string kDeviceSelect =
    "SELECT id, user_id, token_hash, agent, created_at, expires_at FROM mfa_trusted_devices";

model::TrustedDevice read_device(const Row& row) {
  return model::TrustedDevice{row.text(0), row.text(1),  row.text(2),
                              row.text(3), row.int64(4), row.int64(5)};
}

}  // namespace

Result<void> SqlMfaRepository::require_user(std::string_view user_id) {
  return require_row(conn_, "users", user_id, "user");
}

Result<std::vector<model::MfaVerification>> SqlMfaRepository::list(std::string_view user_id) {
  return query_all<model::MfaVerification>(
      conn_, kSelect + " WHERE m.user_id = ? ORDER BY m.created_at, m.id", {user_id},
      read_verification);
}

Result<std::optional<model::MfaVerification>> SqlMfaRepository::find(std::string_view id) {
  return query_one<model::MfaVerification>(conn_, kSelect + " WHERE m.id = ?", {id},
                                           read_verification);
}

Result<std::optional<model::MfaVerification>> SqlMfaRepository::find_by_credential_id(
    std::string_view credential_id) {
  return query_one<model::MfaVerification>(conn_, kSelect + " WHERE m.credential_id = ?",
                                           {credential_id}, read_verification);
}

Result<void> SqlMfaRepository::insert_totp(const model::MfaVerification& totp) {
  if (auto user = require_user(totp.user_id); !user) return user;
  return run(conn_,
             "INSERT INTO mfa_verifications (id, user_id, type, created_at, totp_secret) "
             "VALUES (?, ?, 'Totp', ?, ?)",
             {totp.id, totp.user_id, totp.created_at, totp.totp_secret});
}

Result<void> SqlMfaRepository::insert_webauthn(const model::MfaVerification& webauthn) {
  if (auto user = require_user(webauthn.user_id); !user) return user;
  std::string transports = to_json_array(webauthn.transports);
  return run(conn_,
             "INSERT INTO mfa_verifications (id, user_id, type, created_at, credential_id, "
             "public_key, algorithm, counter, transports, rp_id, agent, name) "
             "VALUES (?, ?, 'WebAuthn', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {webauthn.id, webauthn.user_id, webauthn.created_at, webauthn.credential_id,
              webauthn.public_key, std::int64_t{webauthn.algorithm}, webauthn.counter, transports,
              webauthn.rp_id, webauthn.agent, webauthn.name});
}

Result<void> SqlMfaRepository::replace_backup_codes(const model::MfaVerification& backup,
                                                    const std::vector<std::string>& code_hashes) {
  if (auto user = require_user(backup.user_id); !user) return user;
  auto cleared =
      run(conn_, "DELETE FROM mfa_verifications WHERE user_id = ? AND type = 'BackupCode'",
          {backup.user_id});
  if (!cleared) return cleared;
  auto added = run(conn_,
                   "INSERT INTO mfa_verifications (id, user_id, type, created_at) "
                   "VALUES (?, ?, 'BackupCode', ?)",
                   {backup.id, backup.user_id, backup.created_at});
  if (!added) return added;
  for (const auto& hash : code_hashes) {
    auto code = run(conn_,
                    "INSERT INTO mfa_backup_codes (verification_id, code_hash) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING",
                    {backup.id, hash});
    if (!code) return code;
  }
  return ok();
}

Result<void> SqlMfaRepository::rename_webauthn(std::string_view id, std::string_view name) {
  return execute_one(conn_,
                     "UPDATE mfa_verifications SET name = ? WHERE id = ? AND type = 'WebAuthn'",
                     {name, id}, "WebAuthn factor");
}

Result<void> SqlMfaRepository::remove(std::string_view id) {
  auto found = find(id);
  if (!found) return found.error();
  if (!*found) return make_error(Errc::NotFound, "MFA factor not found");
  auto removed =
      execute_one(conn_, "DELETE FROM mfa_verifications WHERE id = ?", {id}, "MFA factor");
  if (!removed) return removed;
  // Backup codes alone are no second factor: they go with the last factor they backed up.
  return run(conn_,
             "DELETE FROM mfa_verifications WHERE user_id = ? AND type = 'BackupCode' "
             "AND NOT EXISTS (SELECT 1 FROM mfa_verifications o WHERE o.user_id = ? "
             "AND o.type <> 'BackupCode')",
             {(*found)->user_id, (*found)->user_id});
}

Result<std::int64_t> SqlMfaRepository::remove_all(std::string_view user_id) {
  if (auto devices = remove_trusted_devices(user_id); !devices) return devices.error();
  return execute(conn_, "DELETE FROM mfa_verifications WHERE user_id = ?", {user_id});
}

Result<bool> SqlMfaRepository::use_totp_step(std::string_view id, std::int64_t step,
                                             std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE mfa_verifications SET last_used_step = ?, last_used_at = ? "
                         "WHERE id = ? AND type = 'Totp' AND last_used_step < ?",
                         {step, now, id, step});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<bool> SqlMfaRepository::use_webauthn(std::string_view id, std::int64_t expected,
                                            std::int64_t counter, std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE mfa_verifications SET counter = ?, last_used_at = ? "
                         "WHERE id = ? AND type = 'WebAuthn' AND counter = ?",
                         {counter, now, id, expected});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<bool> SqlMfaRepository::use_backup_code(std::string_view user_id, std::string_view code_hash,
                                               std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE mfa_backup_codes SET used_at = ? WHERE code_hash = ? "
                         "AND used_at = 0 AND verification_id IN (SELECT id FROM "
                         "mfa_verifications WHERE user_id = ? AND type = 'BackupCode')",
                         {now, code_hash, user_id});
  if (!changed) return changed.error();
  if (*changed != 1) return false;
  auto touched = run(conn_,
                     "UPDATE mfa_verifications SET last_used_at = ? WHERE user_id = ? "
                     "AND type = 'BackupCode'",
                     {now, user_id});
  if (!touched) return touched.error();
  return true;
}

Result<void> SqlMfaRepository::insert_trusted_device(const model::TrustedDevice& device) {
  if (auto user = require_user(device.user_id); !user) return user;
  return run(conn_,
             "INSERT INTO mfa_trusted_devices (id, user_id, token_hash, agent, created_at, "
             "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
             {device.id, device.user_id, device.token_hash, device.agent, device.created_at,
              device.expires_at});
}

Result<std::optional<model::TrustedDevice>> SqlMfaRepository::find_trusted_device(
    std::string_view user_id, std::string_view token_hash, std::int64_t now) {
  return query_one<model::TrustedDevice>(
      conn_, kDeviceSelect + " WHERE token_hash = ? AND user_id = ? AND expires_at > ?",
      {token_hash, user_id, now}, read_device);
}

Result<std::vector<model::TrustedDevice>> SqlMfaRepository::trusted_devices(
    std::string_view user_id, std::int64_t now) {
  return query_all<model::TrustedDevice>(
      conn_, kDeviceSelect + " WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id",
      {user_id, now}, read_device);
}

Result<void> SqlMfaRepository::remove_trusted_device(std::string_view user_id,
                                                     std::string_view id) {
  return execute_one(conn_, "DELETE FROM mfa_trusted_devices WHERE id = ? AND user_id = ?",
                     {id, user_id}, "trusted device");
}

Result<std::int64_t> SqlMfaRepository::remove_trusted_devices(std::string_view user_id) {
  return execute(conn_, "DELETE FROM mfa_trusted_devices WHERE user_id = ?", {user_id});
}

Result<bool> SqlMfaRepository::mfa_skipped(std::string_view user_id) {
  auto found = query_one<std::int64_t>(conn_, "SELECT skipped_at FROM mfa_skips WHERE user_id = ?",
                                       {user_id}, [](const Row& row) { return row.int64(0); });
  if (!found) return found.error();
  return found->has_value();
}

Result<void> SqlMfaRepository::set_mfa_skipped(std::string_view user_id, std::int64_t now) {
  if (auto user = require_user(user_id); !user) return user;
  return run(conn_,
             "INSERT INTO mfa_skips (user_id, skipped_at) VALUES (?, ?) "
             "ON CONFLICT (user_id) DO NOTHING",
             {user_id, now});
}

}  // namespace latch::storage::sql
