#include "management/resource_service.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>

#include "core/json.hpp"
#include "crypto/random.hpp"
#include "management/role_service.hpp"
#include "management/webhook_events.hpp"

namespace latch::management {
namespace {

bool valid_scope_name(const std::string& name) {
  if (name.empty() || name.size() > 256) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x22 || c == 0x5C || c >= 0x7F) return false;  // RFC 6749 §3.3
  }
  return true;
}

}  // namespace

Result<void> check_new_resource(const NewResource& request) {
  if (request.name.empty() || request.name.size() > 256) {
    return make_error(Errc::InvalidRequest, "name must be 1 to 256 characters");
  }
  auto url = boost::urls::parse_absolute_uri(request.indicator);
  if (!url || request.indicator.find('#') != std::string::npos) {
    return make_error(Errc::InvalidRequest, "indicator must be an absolute URI without a fragment");
  }
  if (request.access_token_ttl < 60 || request.access_token_ttl > 86400 * 30) {
    return make_error(Errc::InvalidRequest, "access token TTL must be 60 to 2592000 seconds");
  }
  for (const auto& scope : request.scopes) {
    if (!valid_scope_name(scope)) {
      return make_error(Errc::InvalidRequest, "scope '" + scope + "' is not a valid scope name");
    }
  }
  return ok();
}

Result<model::Resource> ResourceService::create(const NewResource& request) {
  if (auto r = check_new_resource(request); !r) return r.error();
  model::Resource resource;
  resource.id = crypto::random_id(21);
  resource.name = request.name;
  resource.indicator = request.indicator;
  resource.access_token_ttl = request.access_token_ttl;
  resource.is_default = request.is_default;
  resource.custom_data = request.custom_data;
  resource.created_at = clock_.now_millis();
  for (const auto& name : request.scopes) {
    bool seen = false;
    for (const auto& s : resource.scopes) seen |= s.name == name;
    if (seen) continue;
    resource.scopes.push_back({crypto::random_id(21), resource.id, name, "", resource.created_at});
  }
  auto done = store_.transact([&](storage::Tx& tx) { return tx.resources().insert(resource); });
  if (!done) return done.error();
  return resource;
}

Result<std::vector<model::Resource>> ResourceService::list() {
  std::vector<model::Resource> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.resources().list_all();
    if (!all) return all.error();
    out = std::move(*all);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::Resource> ResourceService::find(const std::string& key) {
  std::optional<model::Resource> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto by_id = tx.resources().find(key);
    if (!by_id) return by_id.error();
    if (*by_id) {
      found = std::move(*by_id);
      return ok();
    }
    auto by_indicator = tx.resources().find_by_indicator(key);
    if (!by_indicator) return by_indicator.error();
    found = std::move(*by_indicator);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return make_error(Errc::NotFound, "resource " + key + " does not exist");
  return std::move(*found);
}

namespace {

bool is_management(const std::string& id) {
  return id == "management-api" || id == "logto-management-api";
}

Error no_resource(const std::string& id) {
  return keyed_error(Errc::NotFound, "entity.not_found", "no resource " + id);
}

// Logto's answer to a change of the management API's resource or scopes (400).
Error management_untouchable(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "resource.cannot_modify_management_api",
                     std::move(detail));
}

}  // namespace

Result<model::Resource> ResourceService::update(const std::string& id, const ResourcePatch& patch) {
  // Built in: only its token lifetime is the operator's to choose (a default management API
  // would put every user's token in its audience).
  if (is_management(id) && (patch.name || patch.is_default)) {
    return management_untouchable("the management API is built in: only accessTokenTtl can change");
  }
  std::optional<model::Resource> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.resources().find(id);
    if (!found) return found.error();
    if (!*found) return no_resource(id);
    model::Resource r = std::move(**found);
    NewResource check{patch.name.value_or(r.name),
                      r.indicator,
                      {},
                      patch.access_token_ttl.value_or(r.access_token_ttl),
                      patch.is_default.value_or(r.is_default)};
    if (auto valid = check_new_resource(check); !valid) return valid;
    r.name = check.name;
    r.access_token_ttl = check.access_token_ttl;
    if (patch.custom_data) r.custom_data = *patch.custom_data;
    if (auto saved = tx.resources().update(r); !saved) return saved;
    if (patch.is_default && *patch.is_default != r.is_default) {
      if (auto set = tx.resources().set_default(r.id, *patch.is_default); !set) return set;
    }
    r.is_default = check.is_default;
    out = std::move(r);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> ResourceService::remove(const std::string& id) {
  if (is_management(id)) {
    return keyed_error(Errc::InvalidRequest, "resource.cannot_delete_management_api",
                       "the management API cannot be deleted");
  }
  auto done = store_.transact([&](storage::Tx& tx) { return tx.resources().remove(id); });
  if (!done && done.error().code == Errc::NotFound) return no_resource(id);
  return done;
}

Result<void> ResourceService::raise(storage::Tx& tx, std::string_view event,
                                    const model::Scope& scope) const {
  return queue_data_hook(tx, event, origin_, to_json(scope), clock_.now_millis());
}

Result<model::Scope> ResourceService::add_scope(const std::string& resource_id,
                                                const std::string& name,
                                                const std::string& description) {
  if (!valid_scope_name(name)) {
    return make_error(Errc::InvalidRequest, "scope '" + name + "' is not a valid scope name");
  }
  if (description.size() > 1024) {
    return make_error(Errc::InvalidRequest, "description must be at most 1024 characters");
  }
  if (is_management(resource_id)) {
    return management_untouchable("the management API has scope all only");
  }
  model::Scope scope{crypto::random_id(21), resource_id, name, description, clock_.now_millis()};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.resources().find(resource_id);
    if (!found) return found.error();
    if (!*found) return no_resource(resource_id);
    if (auto inserted = tx.resources().insert_scope(scope); !inserted) return inserted;
    return raise(tx, "Scope.Created", scope);
  });
  if (!done) return done.error();
  return scope;
}

Result<void> ResourceService::remove_scope(const std::string& resource_id,
                                           const std::string& scope_id) {
  if (is_management(resource_id)) {
    return management_untouchable("the management API keeps scope all");
  }
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.resources().find(resource_id);
    if (!found) return found.error();
    const model::Scope* owned = nullptr;
    if (*found) {
      for (const auto& s : (*found)->scopes) {
        if (s.id == scope_id) owned = &s;
      }
    }
    if (!owned) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no scope " + scope_id);
    }
    if (auto raised = raise(tx, "Scope.Deleted", *owned); !raised) return raised;
    return tx.resources().remove_scope(scope_id);
  });
}

Result<model::Resource> ResourceService::set_default(const std::string& id, bool is_default) {
  if (is_management(id)) return management_untouchable("the management API is never the default");
  std::optional<model::Resource> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto set = tx.resources().set_default(id, is_default); !set) return set;
    auto found = tx.resources().find(id);
    if (!found) return found.error();
    out = std::move(*found);
    return ok();
  });
  if (!done && done.error().code == Errc::NotFound) return no_resource(id);
  if (!done) return done.error();
  if (!out) return no_resource(id);
  return std::move(*out);
}

Result<model::Scope> ResourceService::update_scope(const std::string& resource_id,
                                                   const std::string& scope_id,
                                                   const ScopePatch& patch) {
  if (patch.name && !valid_scope_name(*patch.name)) {
    return with_field(keyed_error(Errc::InvalidRequest, "scope.name_with_space",
                                  "scope '" + *patch.name + "' is not a valid scope name"),
                      "name");
  }
  if (patch.description && patch.description->size() > 1024) {
    return with_field(
        make_error(Errc::InvalidRequest, "description must be at most 1024 characters"),
        "description");
  }
  if (is_management(resource_id))
    return management_untouchable("the management API keeps scope all");
  std::optional<model::Scope> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.resources().find_scope(scope_id);
    if (!found) return found.error();
    if (!*found || (*found)->resource_id != resource_id) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no scope " + scope_id);
    }
    model::Scope scope = std::move(**found);
    scope.name = patch.name.value_or(scope.name);
    scope.description = patch.description.value_or(scope.description);
    if (auto saved = tx.resources().update_scope(scope); !saved) return saved;
    if (auto raised = raise(tx, "Scope.Data.Updated", scope); !raised) return raised;
    out = std::move(scope);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

boost::json::object to_json(const model::Resource& resource) {
  boost::json::array scopes;
  for (const auto& s : resource.scopes) {
    scopes.push_back({{"id", s.id},
                      {"name", s.name},
                      {"description", s.description},
                      {"resourceId", s.resource_id},
                      {"createdAt", s.created_at}});
  }
  return {{"id", resource.id},
          {"name", resource.name},
          {"indicator", resource.indicator},
          {"accessTokenTtl", resource.access_token_ttl},
          {"isDefault", resource.is_default},
          {"scopes", std::move(scopes)},
          {"customData", json_object_or_empty(resource.custom_data)},
          {"createdAt", resource.created_at}};
}

}  // namespace latch::management
