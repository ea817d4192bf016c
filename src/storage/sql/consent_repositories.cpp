#include "storage/sql/consent_repositories.hpp"

#include <optional>
#include <string>

#include "storage/sql/query.hpp"

namespace latch::storage {

std::string_view consent_scope_type_name(ConsentScopeType type) {
  switch (type) {
    case ConsentScopeType::OrganizationScopes:
      return "organization-scopes";
    case ConsentScopeType::ResourceScopes:
      return "resource-scopes";
    case ConsentScopeType::OrganizationResourceScopes:
      return "organization-resource-scopes";
    case ConsentScopeType::UserScopes:
      return "user-scopes";
  }
  return "user-scopes";
}

namespace sql {

Result<void> SqlConsentScopeRepository::add(std::string_view app_id, ConsentScopeType type,
                                            const std::vector<std::string>& ids, std::int64_t at) {
  std::string_view name = consent_scope_type_name(type);
  for (const auto& id : ids) {
    auto r = run(conn_,
                 "INSERT INTO application_user_consent_scopes "
                 "(application_id, scope_type, scope_id, created_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (application_id, scope_type, scope_id) DO NOTHING",
                 {app_id, name, id, at});
    if (!r) return r;
  }
  return ok();
}

Result<std::vector<std::string>> SqlConsentScopeRepository::list(std::string_view app_id,
                                                                 ConsentScopeType type) {
  return query_all<std::string>(conn_,
                                "SELECT scope_id FROM application_user_consent_scopes "
                                "WHERE application_id = ? AND scope_type = ? "
                                "ORDER BY created_at, scope_id",
                                {app_id, consent_scope_type_name(type)},
                                [](const Row& row) { return row.text(0); });
}

Result<void> SqlConsentScopeRepository::remove(std::string_view app_id, ConsentScopeType type,
                                               std::string_view id) {
  return execute_one(conn_,
                     "DELETE FROM application_user_consent_scopes "
                     "WHERE application_id = ? AND scope_type = ? AND scope_id = ?",
                     {app_id, consent_scope_type_name(type), id}, "consent scope");
}

Result<std::optional<std::string>> SqlAppSignInExperienceRepository::find(std::string_view app_id) {
  return query_one<std::string>(
      conn_, "SELECT document FROM application_sign_in_experiences WHERE application_id = ?",
      {app_id}, [](const Row& row) { return row.text(0); });
}

Result<bool> SqlAppSignInExperienceRepository::put(std::string_view app_id,
                                                   const std::string& document) {
  auto found = find(app_id);
  if (!found) return found.error();
  if (*found) {
    auto updated = execute_one(
        conn_, "UPDATE application_sign_in_experiences SET document = ? WHERE application_id = ?",
        {document, app_id}, "application sign-in experience");
    if (!updated) return updated.error();
    return false;
  }
  auto inserted = run(
      conn_, "INSERT INTO application_sign_in_experiences (application_id, document) VALUES (?, ?)",
      {app_id, document});
  if (!inserted) return inserted.error();
  return true;
}

}  // namespace sql
}  // namespace latch::storage
