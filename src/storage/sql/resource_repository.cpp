#include "storage/sql/resource_repository.hpp"

#include <map>
#include <string>
#include <utility>

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT id, name, indicator, access_token_ttl, is_default, created_at, custom_data FROM "
    "resources";
const std::string kFind = kSelect + " WHERE id = ?";
const std::string kFindByIndicator = kSelect + " WHERE indicator = ?";
const std::string kListAll = kSelect + " ORDER BY created_at DESC, id";
const std::string kSelectScopes =
    "SELECT id, resource_id, name, description, created_at FROM scopes";
const std::string kScopesOf = kSelectScopes + " WHERE resource_id = ? ORDER BY created_at, id";
const std::string kAllScopes = kSelectScopes + " ORDER BY created_at, id";

model::Resource read_resource(const Row& s) {
  model::Resource resource;
  resource.id = s.text(0);
  resource.name = s.text(1);
  resource.indicator = s.text(2);
  resource.access_token_ttl = s.int64(3);
  resource.is_default = s.boolean(4);
  resource.created_at = s.int64(5);
  resource.custom_data = s.text(6);
  return resource;
}

model::Scope read_scope(const Row& s) {
  return model::Scope{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4)};
}

}  // namespace

Result<void> SqlResourceRepository::bumped(Result<void> written) {
  return bump_after(conn_, std::move(written), kResourcesEpoch);
}

Result<void> SqlResourceRepository::insert(const model::Resource& resource) {
  if (resource.is_default) {
    if (auto cleared = run(conn_, "UPDATE resources SET is_default = 0 WHERE is_default = 1", {});
        !cleared) {
      return cleared;
    }
  }
  auto inserted = run(conn_,
                      "INSERT INTO resources (id, name, indicator, access_token_ttl, is_default, "
                      "created_at, custom_data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {resource.id, resource.name, resource.indicator, resource.access_token_ttl,
                       resource.is_default, resource.created_at, resource.custom_data});
  if (!inserted) {
    return inserted;
  }
  for (model::Scope scope : resource.scopes) {
    scope.resource_id = resource.id;
    if (auto written = write_scope(scope); !written) {
      return written;
    }
  }
  return bump_epoch(conn_, kResourcesEpoch);
}

Result<void> SqlResourceRepository::update(const model::Resource& resource) {
  return bumped(execute_one(conn_,
                            "UPDATE resources SET name = ?, indicator = ?, access_token_ttl = ?, "
                            "custom_data = ? WHERE id = ?",
                            {resource.name, resource.indicator, resource.access_token_ttl,
                             resource.custom_data, resource.id},
                            "resource"));
}

Result<void> SqlResourceRepository::set_default(std::string_view id, bool is_default) {
  auto found = query_int64(conn_, "SELECT COUNT(*) FROM resources WHERE id = ?", {id});
  if (!found) return found.error();
  if (*found == 0) return make_error(Errc::NotFound, "resource not found");
  if (is_default) {
    auto cleared =
        run(conn_, "UPDATE resources SET is_default = 0 WHERE is_default = 1 AND id <> ?", {id});
    if (!cleared) return cleared;
  }
  return bumped(run(conn_, "UPDATE resources SET is_default = ? WHERE id = ?", {is_default, id}));
}

Result<std::optional<model::Resource>> SqlResourceRepository::find(std::string_view id) {
  return with_scopes(query_one<model::Resource>(conn_, kFind, {id}, read_resource));
}

Result<std::optional<model::Resource>> SqlResourceRepository::find_by_indicator(
    std::string_view indicator) {
  return with_scopes(
      query_one<model::Resource>(conn_, kFindByIndicator, {indicator}, read_resource));
}

Result<std::optional<model::Resource>> SqlResourceRepository::with_scopes(
    Result<std::optional<model::Resource>> found) {
  if (!found || !*found) {
    return found;
  }
  auto scopes = query_all<model::Scope>(conn_, kScopesOf, {(*found)->id}, read_scope);
  if (!scopes) {
    return scopes.error();
  }
  (*found)->scopes = std::move(*scopes);
  return found;
}

Result<std::vector<model::Resource>> SqlResourceRepository::list_all() {
  auto resources = query_all<model::Resource>(conn_, kListAll, {}, read_resource);
  if (!resources) {
    return resources;
  }
  auto scopes = query_all<model::Scope>(conn_, kAllScopes, {}, read_scope);
  if (!scopes) {
    return scopes.error();
  }
  std::map<std::string, model::Resource*, std::less<>> by_id;
  for (auto& resource : *resources) {
    by_id.emplace(resource.id, &resource);
  }
  for (auto& scope : *scopes) {
    if (auto owner = by_id.find(scope.resource_id); owner != by_id.end()) {
      owner->second->scopes.push_back(std::move(scope));
    }
  }
  return resources;
}

Result<void> SqlResourceRepository::remove(std::string_view id) {
  auto removed = bumped(execute_one(conn_, "DELETE FROM resources WHERE id = ?", {id}, "resource"));
  if (!removed) {
    return removed;
  }
  return bump_epoch(conn_, kApplicationsEpoch);
}

Result<void> SqlResourceRepository::insert_scope(const model::Scope& scope) {
  return bumped(write_scope(scope));
}

Result<void> SqlResourceRepository::write_scope(const model::Scope& scope) {
  return run(conn_,
             "INSERT INTO scopes (id, resource_id, name, description, created_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {scope.id, scope.resource_id, scope.name, scope.description, scope.created_at});
}

Result<void> SqlResourceRepository::remove_scope(std::string_view scope_id) {
  return bumped(execute_one(conn_, "DELETE FROM scopes WHERE id = ?", {scope_id}, "scope"));
}

Result<void> SqlResourceRepository::update_scope(const model::Scope& scope) {
  return bumped(execute_one(conn_, "UPDATE scopes SET name = ?, description = ? WHERE id = ?",
                            {scope.name, scope.description, scope.id}, "scope"));
}

Result<std::optional<model::Scope>> SqlResourceRepository::find_scope(std::string_view id) {
  return query_one<model::Scope>(conn_, kSelectScopes + " WHERE id = ?", {id}, read_scope);
}

Result<std::vector<model::Scope>> SqlResourceRepository::find_scopes(
    const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<model::Scope>();
  auto values = text_values(ids);
  return query_all_of<model::Scope>(
      conn_,
      kSelectScopes + " WHERE id IN (" + placeholders(ids.size()) + ") ORDER BY created_at, id",
      values, read_scope);
}

}  // namespace latch::storage::sql
