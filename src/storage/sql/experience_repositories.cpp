#include "storage/sql/experience_repositories.hpp"

#include <limits>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

VerificationCode read_code(const Row& s) {
  VerificationCode c;
  c.id = s.text(0);
  c.interaction_uid = s.text(1);
  c.purpose = s.text(2);
  c.identifier_type = s.text(3);
  c.identifier = s.text(4);
  c.code_hash = s.text(5);
  c.attempts = static_cast<int>(s.int64(6));
  c.created_at = s.int64(7);
  c.expires_at = s.int64(8);
  c.consumed_at = s.int64(9);
  return c;
}

const std::string kConnectorColumns =
    "SELECT id, connector_id, target, sealed_config, metadata, sync_profile, created_at, "
    "updated_at FROM connectors";

ConnectorRecord read_connector(const Row& s) {
  return ConnectorRecord{s.text(0), s.text(1),       s.text(2),  s.text(3),
                         s.text(4), s.int64(5) != 0, s.int64(6), s.int64(7)};
}

}  // namespace

Result<std::optional<VersionedDocument>> SqlSignInExperienceRepository::find() {
  return query_one<VersionedDocument>(
      conn_, "SELECT config, version, updated_at FROM sign_in_experiences WHERE id = 'default'", {},
      [](const Row& s) {
        return VersionedDocument{s.text(0), s.int64(1), s.int64(2)};
      });
}

Result<std::int64_t> SqlSignInExperienceRepository::put(std::string_view json,
                                                        std::int64_t expected_version,
                                                        std::int64_t now_ms) {
  Result<std::int64_t> changed = std::int64_t{0};
  if (expected_version == 0) {
    changed = execute(conn_,
                      "INSERT INTO sign_in_experiences (id, config, version, updated_at) "
                      "VALUES ('default', ?, 1, ?) ON CONFLICT (id) DO NOTHING",
                      {json, now_ms});
  } else {
    changed = execute(conn_,
                      "UPDATE sign_in_experiences SET config = ?, version = version + 1, "
                      "updated_at = ? WHERE id = 'default' AND version = ?",
                      {json, now_ms, expected_version});
  }
  if (!changed) return changed.error();
  if (*changed == 0) {
    return make_error(Errc::Conflict, "the sign-in experience was changed by another writer");
  }
  return expected_version + 1;
}

Result<std::optional<MessageConnectorRecord>> SqlMessageConnectorRepository::find(
    std::string_view kind) {
  return query_one<MessageConnectorRecord>(
      conn_,
      "SELECT kind, config, sealed_secret, updated_at FROM message_connectors WHERE kind = ?",
      {kind}, [](const Row& s) {
        return MessageConnectorRecord{s.text(0), s.text(1), s.text(2), s.int64(3)};
      });
}

Result<void> SqlMessageConnectorRepository::put(const MessageConnectorRecord& r) {
  return run(conn_,
             "INSERT INTO message_connectors (kind, config, sealed_secret, updated_at) "
             "VALUES (?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET config = excluded.config, "
             "sealed_secret = excluded.sealed_secret, updated_at = excluded.updated_at",
             {r.kind, r.config_json, r.sealed_secret, r.updated_at});
}

Result<void> SqlMessageConnectorRepository::remove(std::string_view kind) {
  return run(conn_, "DELETE FROM message_connectors WHERE kind = ?", {kind});
}

Result<void> SqlVerificationCodeRepository::insert(const VerificationCode& c) {
  return run(conn_,
             "INSERT INTO verification_codes (id, interaction_uid, purpose, identifier_type, "
             "identifier, code_hash, attempts, created_at, expires_at, consumed_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {c.id, c.interaction_uid, c.purpose, c.identifier_type, c.identifier, c.code_hash,
              std::int64_t{c.attempts}, c.created_at, c.expires_at, c.consumed_at});
}

Result<std::optional<VerificationCode>> SqlVerificationCodeRepository::find(std::string_view id) {
  return query_one<VerificationCode>(
      conn_,
      "SELECT id, interaction_uid, purpose, identifier_type, identifier, code_hash, attempts, "
      "created_at, expires_at, consumed_at FROM verification_codes WHERE id = ?",
      {id}, read_code);
}

Result<void> SqlVerificationCodeRepository::add_attempt(std::string_view id) {
  return run(conn_, "UPDATE verification_codes SET attempts = attempts + 1 WHERE id = ?", {id});
}

Result<bool> SqlVerificationCodeRepository::consume(std::string_view id, std::int64_t now) {
  auto changed = execute(
      conn_, "UPDATE verification_codes SET consumed_at = ? WHERE id = ? AND consumed_at = 0",
      {now, id});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<std::int64_t> SqlVerificationCodeRepository::count_sent(std::string_view identifier,
                                                               std::int64_t since) {
  return query_int64(conn_,
                     "SELECT COUNT(*) FROM verification_codes WHERE identifier = ? AND "
                     "created_at >= ?",
                     {identifier, since});
}

Result<void> SqlSignInFailureRepository::record(std::string_view subject, std::int64_t at) {
  return run(conn_, "INSERT INTO sign_in_failures (subject, at) VALUES (?, ?)", {subject, at});
}

Result<std::int64_t> SqlSignInFailureRepository::count_since(std::string_view subject,
                                                             std::int64_t since) {
  return query_int64(conn_, "SELECT COUNT(*) FROM sign_in_failures WHERE subject = ? AND at >= ?",
                     {subject, since});
}

Result<std::int64_t> SqlSignInFailureRepository::latest(std::string_view subject) {
  return query_int64(conn_, "SELECT MAX(at) FROM sign_in_failures WHERE subject = ?", {subject});
}

Result<void> SqlSignInFailureRepository::clear(std::string_view subject) {
  return run(conn_, "DELETE FROM sign_in_failures WHERE subject = ?", {subject});
}

Result<void> SqlSignInFailureRepository::purge_before(std::int64_t at) {
  return run(conn_, "DELETE FROM sign_in_failures WHERE at < ?", {at});
}

namespace {

const std::string kLogColumns =
    "SELECT id, key, result, user_id, application_id, ip, payload, created_at FROM logs";
const std::string kLogMatches =
    " WHERE (?1 = '' OR key = ?1) AND (?2 = '' OR user_id = ?2) AND (?3 = '' OR application_id = "
    "?3) AND (?4 = '' OR result = ?4) AND created_at >= ?5 AND created_at <= ?6";

// The window's ends as bounds both databases compare with: absent ends are the extremes.
std::int64_t from_of(const LogFilter& f) {
  return f.from.value_or(std::numeric_limits<std::int64_t>::min());
}
std::int64_t to_of(const LogFilter& f) {
  return f.to.value_or(std::numeric_limits<std::int64_t>::max());
}

AuditLog read_log(const Row& s) {
  return AuditLog{s.text(0), s.text(1), s.text(2), s.text(3),
                  s.text(4), s.text(5), s.text(6), s.int64(7)};
}

}  // namespace

Result<void> SqlLogRepository::insert(const AuditLog& l) {
  return run(
      conn_,
      "INSERT INTO logs (id, key, result, user_id, application_id, ip, payload, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {l.id, l.key, l.result, l.user_id, l.application_id, l.ip, l.payload_json, l.created_at});
}

Result<std::optional<AuditLog>> SqlLogRepository::find(std::string_view id) {
  return query_one<AuditLog>(conn_, kLogColumns + " WHERE id = ?", {id}, read_log);
}

Result<std::vector<AuditLog>> SqlLogRepository::list(const LogFilter& f, Page page) {
  Window w = window(page.page, page.page_size);
  return query_all<AuditLog>(
      conn_, kLogColumns + kLogMatches + " ORDER BY created_at DESC, id DESC LIMIT ?7 OFFSET ?8",
      {f.key, f.user_id, f.application_id, f.result, from_of(f), to_of(f), w.limit, w.offset},
      read_log);
}

Result<std::int64_t> SqlLogRepository::count(const LogFilter& f) {
  return query_int64(conn_, "SELECT COUNT(*) FROM logs" + kLogMatches,
                     {f.key, f.user_id, f.application_id, f.result, from_of(f), to_of(f)});
}

Result<std::int64_t> SqlLogRepository::count_capped(const LogFilter& f, std::int64_t cap) {
  return query_int64(conn_,
                     "SELECT COUNT(*) FROM (SELECT 1 FROM logs" + kLogMatches + " LIMIT ?7) capped",
                     {f.key, f.user_id, f.application_id, f.result, from_of(f), to_of(f), cap + 1});
}

Result<std::int64_t> SqlLogRepository::purge_before(std::int64_t created_before,
                                                    std::int64_t batch) {
  return execute(conn_,
                 "DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE created_at < ? "
                 "ORDER BY created_at LIMIT ?)",
                 {created_before, batch});
}

Result<void> SqlConnectorRepository::insert(const ConnectorRecord& r) {
  return run(conn_,
             "INSERT INTO connectors (id, connector_id, target, sealed_config, metadata, "
             "sync_profile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {r.id, r.factory_id, r.target, r.sealed_config, r.metadata_json, r.sync_profile,
              r.created_at, r.updated_at});
}

Result<void> SqlConnectorRepository::update(const ConnectorRecord& r) {
  return execute_one(
      conn_,
      "UPDATE connectors SET target = ?, sealed_config = ?, metadata = ?, "
      "sync_profile = ?, updated_at = ? WHERE id = ?",
      {r.target, r.sealed_config, r.metadata_json, r.sync_profile, r.updated_at, r.id},
      "connector");
}

Result<std::optional<ConnectorRecord>> SqlConnectorRepository::find(std::string_view id) {
  return query_one<ConnectorRecord>(conn_, kConnectorColumns + " WHERE id = ?", {id},
                                    read_connector);
}

Result<std::vector<ConnectorRecord>> SqlConnectorRepository::list_all() {
  return query_all<ConnectorRecord>(conn_, kConnectorColumns + " ORDER BY created_at, id", {},
                                    read_connector);
}

Result<void> SqlConnectorRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM connectors WHERE id = ?", {id}, "connector");
}

}  // namespace latch::storage::sql
