#include "storage/sql/resource_repository.hpp"

#include <map>
#include <string>
#include <utility>

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT id, name, indicator, access_token_ttl, is_default, access, created_at "
    "FROM resources";
const std::string kFind = kSelect + " WHERE id = ?";
const std::string kFindByIndicator = kSelect + " WHERE indicator = ?";
const std::string kListAll = kSelect + " ORDER BY created_at DESC, id";
const std::string kSelectScopes =
    "SELECT id, resource_id, name, description, created_at FROM scopes";
const std::string kScopesOf = kSelectScopes + " WHERE resource_id = ? ORDER BY created_at, id";
const std::string kAllScopes = kSelectScopes + " ORDER BY created_at, id";

std::string_view access_name(model::ResourceAccess access) {
  return access == model::ResourceAccess::Granted ? "Granted" : "AllApps";
}

model::ResourceAccess parse_access(std::string_view text) {
  return text == "Granted" ? model::ResourceAccess::Granted : model::ResourceAccess::AllApps;
}

model::Resource read_resource(const Row& s) {
  model::Resource resource;
  resource.id = s.text(0);
  resource.name = s.text(1);
  resource.indicator = s.text(2);
  resource.access_token_ttl = s.int64(3);
  resource.is_default = s.boolean(4);
  resource.access = parse_access(s.text(5));
  resource.created_at = s.int64(6);
  return resource;
}

model::Scope read_scope(const Row& s) {
  return model::Scope{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4)};
}

}  // namespace

Result<void> SqlResourceRepository::bumped(Result<void> written) {
  if (!written) {
    return written;
  }
  return bump_epoch(conn_, kResourcesEpoch);
}

Result<void> SqlResourceRepository::insert(const model::Resource& resource) {
  auto inserted = run(conn_,
                      "INSERT INTO resources (id, name, indicator, access_token_ttl, is_default, "
                      "access, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {resource.id, resource.name, resource.indicator, resource.access_token_ttl,
                       resource.is_default, access_name(resource.access), resource.created_at});
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
                            "is_default = ?, access = ? WHERE id = ?",
                            {resource.name, resource.indicator, resource.access_token_ttl,
                             resource.is_default, access_name(resource.access), resource.id},
                            "resource"));
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

}  // namespace latch::storage::sql
