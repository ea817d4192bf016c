#pragma once

#include "storage/sql/connection.hpp"
#include "storage/subject_token_repository.hpp"

namespace latch::storage::sql {

// Subject tokens (RFC 8693 token exchange), stored by hash.
class SqlSubjectTokenRepository final : public SubjectTokenRepository {
 public:
  explicit SqlSubjectTokenRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::SubjectToken& token) override;
  Result<std::optional<model::SubjectToken>> find(std::string_view token_hash) override;
  // See consume_once() in storage/sql/consume.hpp.
  Result<model::Consumed<model::SubjectToken>> consume(std::string_view token_hash,
                                                       std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
