#include "oidc/catalog.hpp"

#include <boost/url/parse.hpp>
#include <cctype>

#include "crypto/hash.hpp"

namespace latch::oidc {

const ClientEntry* CatalogSnapshot::client(std::string_view id) const {
  auto it = clients.find(std::string(id));
  return it == clients.end() ? nullptr : &it->second;
}

const model::Resource* CatalogSnapshot::resource(std::string_view indicator) const {
  auto it = resources.find(std::string(indicator));
  return it == resources.end() ? nullptr : &it->second;
}

std::string origin_of(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return {};
  std::string out(parsed->scheme());
  out += "://";
  std::string host(parsed->encoded_host());
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  out += host;
  if (parsed->has_port()) out += ":" + std::string(parsed->port());
  return out;
}

Result<void> Catalog::reload(storage::Store& store) {
  auto next = std::make_shared<CatalogSnapshot>();
  auto loaded = store.read([&](storage::Tx& tx) -> Result<void> {
    auto apps = tx.applications().list_all();
    if (!apps) return apps.error();
    for (auto& app : *apps) {
      ClientEntry entry;
      if (!app.sealed_secret.empty()) {
        auto secret = secrets_.open(app.sealed_secret, app.id);
        if (!secret) {
          return make_error(Errc::Forbidden, "cannot decrypt the secret of application " + app.id +
                                                 ": the master key does not match this database");
        }
        entry.secret_sha256 = crypto::sha256(*secret);
      }
      std::string id = app.id;
      entry.app = std::move(app);
      next->clients.emplace(std::move(id), std::move(entry));
    }
    auto grants = tx.applications().all_grants();
    if (!grants) return grants.error();
    for (auto& grant : *grants) {
      if (auto it = next->clients.find(grant.application_id); it != next->clients.end()) {
        it->second.grants[grant.resource_id] = std::move(grant.scope_names);
      }
    }
    auto resources = tx.resources().list_all();
    if (!resources) return resources.error();
    for (auto& resource : *resources) {
      std::string indicator = resource.indicator;
      next->resources.emplace(std::move(indicator), std::move(resource));
    }
    return ok();
  });
  if (!loaded) return loaded.error();
  for (const auto& [id, entry] : next->clients) {
    for (const auto& uri : entry.app.redirect_uris) next->cors_origins.insert(origin_of(uri));
    for (const auto& uri : entry.app.cors_allowed_origins)
      next->cors_origins.insert(origin_of(uri));
  }
  next->cors_origins.erase("");
  for (const auto& [indicator, resource] : next->resources) {
    if (resource.is_default) next->default_resource = &resource;
  }
  current_.store(std::move(next), std::memory_order_release);
  return ok();
}

}  // namespace latch::oidc
