#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Browser sessions, keyed by the hash of the session cookie.
class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the user does not exist.
  Result<void> insert(const model::BrowserSession& s) override;
  // Replaces user_id, auth_time and expires_at. NotFound when absent.
  Result<void> update(const model::BrowserSession& s) override;
  Result<std::optional<model::BrowserSession>> find(std::string_view id_hash) override;
  // Succeeds when absent (signing out twice is fine).
  Result<void> remove(std::string_view id_hash) override;
  Result<std::vector<model::BrowserSession>> list_for_user(std::string_view user_id,
                                                           std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
