#include "management/resource_service.hpp"

#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>

#include "crypto/random.hpp"

namespace latch::management {
namespace {

bool valid_scope_name(const std::string& name) {
  if (name.empty() || name.size() > 256) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x22 || c == 0x5C || c >= 0x7F) return false;  // RFC 6749 §3.3
  }
  return true;
}

Result<void> validate(const NewResource& request) {
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

}  // namespace

Result<model::Resource> ResourceService::create(const NewResource& request) {
  if (auto r = validate(request); !r) return r.error();
  model::Resource resource;
  resource.id = crypto::random_id(21);
  resource.name = request.name;
  resource.indicator = request.indicator;
  resource.access_token_ttl = request.access_token_ttl;
  resource.is_default = request.is_default;
  resource.access = request.access;
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
          {"access", resource.access == model::ResourceAccess::AllApps ? "all-apps" : "granted"},
          {"scopes", std::move(scopes)},
          {"createdAt", resource.created_at}};
}

}  // namespace latch::management
