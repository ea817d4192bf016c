#include "storage/sql/subject_token_repository.hpp"

#include <string>

#include "storage/sql/consume.hpp"

namespace latch::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "token_hash, user_id, creator_id, context, created_at, expires_at, consumed_at";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM subject_tokens";
const std::string kByHash = kSelect + " WHERE token_hash = ?1";

const ConsumeSql kConsume{
    "UPDATE subject_tokens SET consumed_at = ?1 WHERE token_hash = ?2 AND consumed_at = 0",
    kByHash,
};

model::SubjectToken read_subject_token(const Row& s) {
  model::SubjectToken t;
  t.token_hash = s.text(0);
  t.user_id = s.text(1);
  t.creator_id = s.text(2);
  t.context_json = s.text(3);
  t.created_at = s.int64(4);
  t.expires_at = s.int64(5);
  t.consumed_at = s.int64(6);
  return t;
}

}  // namespace

Result<void> SqlSubjectTokenRepository::insert(const model::SubjectToken& t) {
  return run(
      conn_,
      "INSERT INTO subject_tokens (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
      {t.token_hash, t.user_id, t.creator_id, t.context_json, t.created_at, t.expires_at,
       t.consumed_at});
}

Result<std::optional<model::SubjectToken>> SqlSubjectTokenRepository::find(
    std::string_view token_hash) {
  return query_one<model::SubjectToken>(conn_, kByHash, {token_hash}, read_subject_token);
}

Result<model::Consumed<model::SubjectToken>> SqlSubjectTokenRepository::consume(
    std::string_view token_hash, std::int64_t now) {
  return consume_once<model::SubjectToken>(conn_, kConsume, token_hash, now, read_subject_token);
}

}  // namespace latch::storage::sql
