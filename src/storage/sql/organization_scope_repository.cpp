#include "storage/sql/organization_scope_repository.hpp"

#include <string>

#include "storage/sql/listing.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT " + std::string(kOrganizationScopeColumns) + " FROM organization_scopes os";

model::OrganizationScope read(const Row& row) { return read_organization_scope(row); }

Where scope_filter(std::string_view search) {
  Where where;
  where.add_search(search, {"lower(os.id)", "lower(os.name)", "lower(os.description)"});
  where.finish();
  return where;
}

}  // namespace

Result<void> SqlOrganizationScopeRepository::insert(const model::OrganizationScope& scope) {
  return run(conn_,
             "INSERT INTO organization_scopes (id, name, description, created_at) "
             "VALUES (?, ?, ?, ?)",
             {scope.id, scope.name, nullable(scope.description), scope.created_at});
}

Result<void> SqlOrganizationScopeRepository::update(const model::OrganizationScope& scope) {
  return execute_one(conn_, "UPDATE organization_scopes SET name = ?, description = ? WHERE id = ?",
                     {scope.name, nullable(scope.description), scope.id}, "organization scope");
}

Result<std::optional<model::OrganizationScope>> SqlOrganizationScopeRepository::find(
    std::string_view id) {
  return query_one<model::OrganizationScope>(conn_, kSelect + " WHERE os.id = ?", {id}, read);
}

Result<std::vector<model::OrganizationScope>> SqlOrganizationScopeRepository::find_many(
    const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<model::OrganizationScope>();
  auto values = text_values(ids);
  return query_all_of<model::OrganizationScope>(
      conn_, kSelect + " WHERE os.id IN (" + placeholders(ids.size()) + ") ORDER BY os.name, os.id",
      values, read);
}

Result<std::vector<model::OrganizationScope>> SqlOrganizationScopeRepository::list(
    std::string_view search, Page page) {
  if (auto checked = check_search(search); !checked) return checked.error();
  Where where = scope_filter(search);
  std::string sql = kSelect + where.sql + " ORDER BY os.created_at, os.id";
  sql += limit_clause(where.values, page);
  return query_all_of<model::OrganizationScope>(conn_, sql, where.values, read);
}

Result<std::int64_t> SqlOrganizationScopeRepository::count(std::string_view search) {
  if (auto checked = check_search(search); !checked) return checked.error();
  Where where = scope_filter(search);
  return count_rows(conn_, "SELECT COUNT(*) FROM organization_scopes os" + where.sql, where.values);
}

Result<void> SqlOrganizationScopeRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM organization_scopes WHERE id = ?", {id},
                     "organization scope");
}

}  // namespace latch::storage::sql
