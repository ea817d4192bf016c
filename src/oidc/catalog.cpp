#include "oidc/catalog.hpp"

#include <boost/url/parse.hpp>
#include <cctype>

#include "crypto/hash.hpp"

namespace latch::oidc {

const ClientEntry* CatalogSnapshot::client(std::string_view id) const {
  auto it = clients.find(std::string(id));
  return it == clients.end() ? nullptr : &it->second;
}

std::string_view ClientEntry::hmac_key(std::int64_t now_ms) const {
  const ClientSecret* picked = nullptr;
  for (const auto& secret : secrets) {
    if (secret.value.empty() || secret.expired(now_ms)) continue;
    if (secret.name == model::kDefaultSecretName) return secret.value;
    if (!picked) picked = &secret;
  }
  return picked ? std::string_view(picked->value) : std::string_view();
}

const model::Resource* CatalogSnapshot::resource(std::string_view indicator) const {
  auto it = resources.find(std::string(indicator));
  return it == resources.end() ? nullptr : &it->second;
}

const std::vector<std::string>& CatalogSnapshot::granted_scopes(
    std::string_view application_id, std::string_view resource_id) const {
  static const std::vector<std::string> none;
  auto app = application_scopes.find(std::string(application_id));
  if (app == application_scopes.end()) return none;
  auto scopes = app->second.find(std::string(resource_id));
  return scopes == app->second.end() ? none : scopes->second;
}

Result<void> read_issuance_rules(storage::Tx& tx, CatalogSnapshot& into) {
  into.application_scopes.clear();
  into.customized_tokens.clear();
  auto granted = tx.roles().all_application_scopes();
  if (!granted) return granted.error();
  for (auto& grant : *granted) {  // ordered by name already
    into.application_scopes[grant.application_id][grant.resource_id].push_back(
        std::move(grant.scope));
  }
  auto customizers = tx.jwt_customizers().list();
  if (!customizers) return customizers.error();
  for (const auto& customizer : *customizers) into.customized_tokens.insert(customizer.token_type);
  return ok();
}

bool is_catalog_cache(std::string_view cache) {
  return cache == "applications" || cache == "resources" || cache == "roles" ||
         cache == "jwt_customizers";
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

namespace {

std::int64_t epoch_of(const std::map<std::string, std::int64_t>& epochs, const char* name) {
  auto it = epochs.find(name);
  return it == epochs.end() ? 0 : it->second;
}

bool same_epochs(const CatalogSnapshot& snapshot,
                 const std::map<std::string, std::int64_t>& epochs) {
  return snapshot.applications_epoch == epoch_of(epochs, "applications") &&
         snapshot.resources_epoch == epoch_of(epochs, "resources") &&
         snapshot.roles_epoch == epoch_of(epochs, "roles") &&
         snapshot.jwt_customizers_epoch == epoch_of(epochs, "jwt_customizers");
}

}  // namespace

bool stale_catalog_may_explain(const Error& error) {
  switch (error.code) {
    case Errc::InvalidClient:
    case Errc::UnauthorizedClient:
    case Errc::InvalidScope:
    case Errc::InvalidTarget:
      return true;
    default:
      return false;
  }
}

Result<void> Catalog::reload(storage::Store& store) {
  std::lock_guard lock(reload_mutex_);
  return reload_locked(store);
}

Result<std::shared_ptr<const CatalogSnapshot>> Catalog::newer_than(storage::Store& store,
                                                                   const CatalogSnapshot& seen) {
  auto epochs = store.epochs();
  if (!epochs) return epochs.error();
  if (same_epochs(seen, *epochs)) return std::shared_ptr<const CatalogSnapshot>();
  std::lock_guard lock(reload_mutex_);
  auto current = snapshot();
  // Another caller may have reloaded while this one waited for the lock.
  if (current.get() == &seen || !same_epochs(*current, *epochs)) {
    if (auto loaded = reload_locked(store); !loaded) return loaded.error();
    current = snapshot();
  }
  return current.get() == &seen ? nullptr : current;
}

std::shared_ptr<const CatalogSnapshot> Catalog::known_current(storage::Store& store) const {
  if (store.announces_commits()) return snapshot();
  auto count = store.commit_count();
  if (!count || *count != checked_count_.load(std::memory_order_acquire)) return nullptr;
  return snapshot();
}

Result<std::shared_ptr<const CatalogSnapshot>> Catalog::checked(storage::Store& store) {
  // Counted before the epochs are read: a commit after this moves the count again, so the
  // count stored below never vouches for a commit the snapshot may lack.
  auto count = store.commit_count();
  auto current = snapshot();
  auto newer = newer_than(store, *current);
  if (!newer) return newer.error();
  if (count) checked_count_.store(*count, std::memory_order_release);
  return *newer ? *newer : current;
}

Result<ClientSecret> Catalog::client_secret(const model::ApplicationSecret& secret,
                                            const model::Application& app) const {
  auto value = secrets_.open(secret.sealed_value, secret.application_id);
  if (!value) {
    return make_error(Errc::Forbidden, "cannot decrypt a secret of application " + app.id +
                                           ": the master key does not match this database");
  }
  ClientSecret out{secret.name, crypto::sha256(*value), secret.expires_at, {}};
  if (app.token_endpoint_auth_method == model::kAuthSecretJwt) {
    out.value = std::move(*value);  // a candidate key of its assertions' MAC
  }
  return out;
}

Result<void> Catalog::reload_locked(storage::Store& store) {
  auto next = std::make_shared<CatalogSnapshot>();
  auto loaded = store.read([&](storage::Tx& tx) -> Result<void> {
    auto epochs = tx.epochs();
    if (!epochs) return epochs.error();
    next->applications_epoch = epoch_of(*epochs, "applications");
    next->resources_epoch = epoch_of(*epochs, "resources");
    next->roles_epoch = epoch_of(*epochs, "roles");
    next->jwt_customizers_epoch = epoch_of(*epochs, "jwt_customizers");
    auto apps = tx.applications().list_all();
    if (!apps) return apps.error();
    for (auto& app : *apps) {
      std::string id = app.id;
      next->clients.emplace(std::move(id), ClientEntry{std::move(app), {}});
    }
    auto secrets = tx.application_secrets().list_all();
    if (!secrets) return secrets.error();
    for (const auto& secret : *secrets) {
      auto it = next->clients.find(secret.application_id);
      if (it == next->clients.end()) continue;
      auto added = client_secret(secret, it->second.app);
      if (!added) return added.error();
      it->second.secrets.push_back(std::move(*added));
    }
    auto resources = tx.resources().list_all();
    if (!resources) return resources.error();
    for (auto& resource : *resources) {
      std::string indicator = resource.indicator;
      next->resources.emplace(std::move(indicator), std::move(resource));
    }
    return read_issuance_rules(tx, *next);
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
