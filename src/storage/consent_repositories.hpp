#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::storage {

// The kinds of scope a third-party app may ask a user to consent to (Logto's
// ApplicationUserConsentScopeType): organization scopes, API resource scopes, API resource
// scopes in an organization's context, and user (OIDC) scopes such as "profile".
enum class ConsentScopeType {
  OrganizationScopes,
  ResourceScopes,
  OrganizationResourceScopes,
  UserScopes
};

// Logto's wire names: "organization-scopes", "resource-scopes", "organization-resource-scopes",
// "user-scopes".
std::string_view consent_scope_type_name(ConsentScopeType type);

// The scopes a third-party app may ask users to consent to (table
// application_user_consent_scopes). The ids are organization scope ids, resource scope ids, or
// user scope names, by type; the caller checks them. Same rules as repositories.hpp: obtained
// from a Tx, valid inside it, one thread.
class ConsentScopeRepository {
 public:
  virtual ~ConsentScopeRepository() = default;
  // Adds `ids` of `type` for the app at `at` (epoch ms); ids it holds already stay as they are.
  [[nodiscard]] virtual Result<void> add(std::string_view app_id, ConsentScopeType type,
                                         const std::vector<std::string>& ids, std::int64_t at) = 0;
  // The app's ids of `type`, in the order they were added.
  [[nodiscard]] virtual Result<std::vector<std::string>> list(std::string_view app_id,
                                                              ConsentScopeType type) = 0;
  // NotFound when the app does not hold it.
  [[nodiscard]] virtual Result<void> remove(std::string_view app_id, ConsentScopeType type,
                                            std::string_view id) = 0;
};

}  // namespace latch::storage
