#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Applications and their client-credentials grants. Every write bumps the "applications" epoch.
// remove() relies on ON DELETE CASCADE for grants, interactions, codes and tokens.
class SqlApplicationRepository final : public ApplicationRepository {
 public:
  explicit SqlApplicationRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::Application& app) override;
  Result<void> update(const model::Application& app) override;  // NotFound when absent
  Result<std::optional<model::Application>> find(std::string_view id) override;
  Result<std::vector<model::Application>> list(Page page) override;
  Result<std::vector<model::Application>> list_all() override;
  Result<std::int64_t> count() override;
  Result<void> remove(std::string_view id) override;

  // Inserts or replaces the scopes granted for (application, resource). NotFound when either
  // does not exist.
  Result<void> put_grant(const model::ApplicationGrant& grant) override;
  Result<std::vector<model::ApplicationGrant>> grants(std::string_view application_id) override;
  Result<std::vector<model::ApplicationGrant>> all_grants() override;

 private:
  Result<void> bumped(Result<void> written);

  Connection& conn_;
};

}  // namespace latch::storage::sql
