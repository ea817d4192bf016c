#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/webhook_payload.hpp"
#include "model/resource.hpp"
#include "storage/store.hpp"

namespace latch::management {

struct NewResource {
  std::string name;
  std::string indicator;
  std::vector<std::string> scopes;
  std::int64_t access_token_ttl = 3600;
  bool is_default = false;
  std::string custom_data = "{}";  // a JSON object, as text
};

// A partial update; absent members keep their value.
struct ResourcePatch {
  std::optional<std::string> name;
  std::optional<std::int64_t> access_token_ttl;
  std::optional<bool> is_default;
  std::optional<std::string> custom_data;  // a JSON object, as text: replaces the stored one
};

// A partial update of a scope; absent members keep their value.
struct ScopePatch {
  std::optional<std::string> name, description;
};

// create()'s checks of a name, indicator, TTL and scope names. InvalidRequest.
[[nodiscard]] Result<void> check_new_resource(const NewResource& request);

// API resources and their scopes. Shared by the CLI and the management API. Blocks on the
// database; thread-safe.
class ResourceService {
 public:
  // `origin`: the request behind the changes, for their webhook events (Scope.Created,
  // Scope.Data.Updated, Scope.Deleted), queued in each change's transaction; null for the CLI.
  // Not owned; must outlive the service.
  ResourceService(storage::Store& store, const Clock& clock, const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  // InvalidRequest for an empty name, an indicator that is not an absolute URI, a bad TTL or a
  // scope name with spaces; Conflict when the indicator exists.
  [[nodiscard]] Result<model::Resource> create(const NewResource& request);
  [[nodiscard]] Result<std::vector<model::Resource>> list();
  // By id or by indicator. NotFound when absent.
  [[nodiscard]] Result<model::Resource> find(const std::string& id_or_indicator);
  // The indicator never changes (tokens carry it as aud). NotFound "entity.not_found";
  // InvalidRequest "resource.cannot_modify_management_api" for the management API's name or
  // isDefault (its accessTokenTtl may change).
  [[nodiscard]] Result<model::Resource> update(const std::string& id, const ResourcePatch& patch);
  // Also its scopes, which leave every role. InvalidRequest
  // "resource.cannot_delete_management_api" for the management API itself.
  [[nodiscard]] Result<void> remove(const std::string& id);
  // Conflict when the resource has a scope of that name. add_scope and remove_scope refuse the
  // management API (InvalidRequest "resource.cannot_modify_management_api").
  [[nodiscard]] Result<model::Scope> add_scope(const std::string& resource_id,
                                               const std::string& name,
                                               const std::string& description);
  [[nodiscard]] Result<void> remove_scope(const std::string& resource_id,
                                          const std::string& scope_id);
  // Makes the resource the default one (a token request naming no resource gets it; setting one
  // clears the others) or not. NotFound "entity.not_found"; InvalidRequest
  // "resource.cannot_modify_management_api" for the management API.
  [[nodiscard]] Result<model::Resource> set_default(const std::string& id, bool is_default);
  // Renames or redescribes a scope of the resource. NotFound "entity.not_found" when the
  // resource has no such scope; InvalidRequest "scope.name_with_space" for a bad name or
  // "resource.cannot_modify_management_api"; Conflict "scope.name_exists".
  [[nodiscard]] Result<model::Scope> update_scope(const std::string& resource_id,
                                                  const std::string& scope_id,
                                                  const ScopePatch& patch);

 private:
  // Queues webhook event `event` about `scope` in `tx`.
  Result<void> raise(storage::Tx& tx, std::string_view event, const model::Scope& scope) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

// Logto's shape: id, name, indicator, accessTokenTtl, isDefault, scopes [{id, name,
// description, resourceId, createdAt}], and Latch's customData (a JSON object).
boost::json::object to_json(const model::Resource& resource);

}  // namespace latch::management
