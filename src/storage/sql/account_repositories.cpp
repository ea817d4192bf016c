#include "storage/sql/account_repositories.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

VerificationRecord read_record(const Row& r) {
  return VerificationRecord{.id = r.text(0),
                            .user_id = r.text(1),
                            .type = r.text(2),
                            .identifier = r.text(3),
                            .data_json = r.text(4),
                            .verified = r.boolean(5),
                            .attempts = static_cast<int>(r.int64(6)),
                            .created_at = r.int64(7),
                            .expires_at = r.int64(8)};
}

}  // namespace

Result<void> SqlVerificationRecordRepository::insert(const VerificationRecord& v) {
  auto user = query_int64(conn_, "SELECT COUNT(*) FROM users WHERE id = ?", {v.user_id});
  if (!user) return user.error();
  if (*user == 0) return make_error(Errc::NotFound, "user not found");
  return run(conn_,
             "INSERT INTO verification_records (id, user_id, type, identifier, data, verified, "
             "attempts, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {v.id, v.user_id, v.type, v.identifier, v.data_json, v.verified,
              static_cast<std::int64_t>(v.attempts), v.created_at, v.expires_at});
}

Result<std::optional<VerificationRecord>> SqlVerificationRecordRepository::find(
    std::string_view id) {
  return query_one<VerificationRecord>(
      conn_,
      "SELECT id, user_id, type, identifier, data, verified, attempts, created_at, expires_at "
      "FROM verification_records WHERE id = ?",
      {id}, read_record);
}

Result<void> SqlVerificationRecordRepository::update(const VerificationRecord& v) {
  return execute_one(conn_, "UPDATE verification_records SET data = ?, verified = ? WHERE id = ?",
                     {v.data_json, v.verified, v.id}, "verification record");
}

Result<int> SqlVerificationRecordRepository::add_attempt(std::string_view id) {
  auto added =
      execute_one(conn_, "UPDATE verification_records SET attempts = attempts + 1 WHERE id = ?",
                  {id}, "verification record");
  if (!added) return added.error();
  auto count = query_int64(conn_, "SELECT attempts FROM verification_records WHERE id = ?", {id});
  if (!count) return count.error();
  return static_cast<int>(*count);
}

Result<std::int64_t> SqlVerificationRecordRepository::count_since(std::string_view type,
                                                                  std::string_view identifier,
                                                                  std::int64_t since) {
  return query_int64(conn_,
                     "SELECT COUNT(*) FROM verification_records WHERE identifier = ? AND "
                     "created_at >= ? AND type = ?",
                     {identifier, since, type});
}

Result<std::optional<std::string>> SqlAccountCenterRepository::find() {
  return query_one<std::string>(conn_, "SELECT document FROM account_centers WHERE id = 'default'",
                                {}, [](const Row& row) { return row.text(0); });
}

Result<void> SqlAccountCenterRepository::put(std::string_view json, std::int64_t now_ms) {
  return run(conn_,
             "INSERT INTO account_centers (id, document, updated_at) VALUES ('default', ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET document = excluded.document, "
             "updated_at = excluded.updated_at",
             {json, now_ms});
}

}  // namespace latch::storage::sql
