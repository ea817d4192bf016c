#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Resources (APIs) and their scopes. Every write bumps the "resources" epoch; remove() also bumps
// "applications" (the catalog holds both). Role scopes cascade with their scope.
class SqlResourceRepository final : public ResourceRepository {
 public:
  explicit SqlResourceRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::Resource& resource) override;
  Result<void> update(const model::Resource& resource) override;  // NotFound when absent
  Result<std::optional<model::Resource>> find(std::string_view id) override;
  Result<std::optional<model::Resource>> find_by_indicator(std::string_view indicator) override;
  // Scopes within a resource are ordered by created_at, then id.
  Result<std::vector<model::Resource>> list_all() override;
  Result<void> remove(std::string_view id) override;  // NotFound when absent
  // NotFound when the resource does not exist.
  Result<void> insert_scope(const model::Scope& scope) override;
  Result<void> remove_scope(std::string_view scope_id) override;  // NotFound when absent
  Result<void> set_default(std::string_view id, bool is_default) override;
  Result<void> update_scope(const model::Scope& scope) override;
  Result<std::optional<model::Scope>> find_scope(std::string_view id) override;
  Result<std::vector<model::Scope>> find_scopes(const std::vector<std::string>& ids) override;

 private:
  Result<std::optional<model::Resource>> with_scopes(Result<std::optional<model::Resource>> found);
  Result<void> write_scope(const model::Scope& scope);
  Result<void> bumped(Result<void> written);

  Connection& conn_;
};

}  // namespace latch::storage::sql
