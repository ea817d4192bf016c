#include "experience/social/social_connectors.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "experience/config/settings_store.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;

constexpr std::string_view kMask = "********";

Error not_found() { return keyed_error(Errc::NotFound, keys::kSocialNotFound); }

std::string aad(std::string_view id) { return "connector:" + std::string(id); }

// The identity key of a connector: the factory's, or the `target` field of a standard
// (generic protocol) connector.
Result<std::string> target_of(const connectors::ConnectorFactory& factory,
                              const json::object& config) {
  if (!factory.metadata().is_standard) return factory.metadata().target;
  std::string target = json_text(config, "target");
  bool good = !target.empty() && target.size() <= 32 &&
              std::isalnum(static_cast<unsigned char>(target[0])) &&
              std::all_of(target.begin(), target.end(), [](unsigned char c) {
                return (std::isalnum(c) && !std::isupper(c)) || c == '-' || c == '_';
              });
  if (!good) {
    return make_error(Errc::InvalidRequest,
                      "target must be 1 to 32 lower-case letters, digits, - or _");
  }
  return target;
}

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

std::string callback_uri(std::string_view endpoint, std::string_view connector_id) {
  return std::string(endpoint) + "/callback/" + std::string(connector_id);
}

std::string SocialConnectors::seal(const std::string& id, const json::object& config) const {
  return secrets_.seal(json::serialize(config), aad(id));
}

Result<SocialConnectorInfo> SocialConnectors::open(storage::ConnectorRecord record) const {
  const auto* factory = connectors::find_factory(record.factory_id);
  if (!factory) {
    return keyed_error(Errc::Unavailable, keys::kSocialNotFound,
                       "connector " + record.id + " uses unknown factory " + record.factory_id);
  }
  auto text = secrets_.open(record.sealed_config, aad(record.id));
  if (!text) {
    return keyed_error(Errc::Unavailable, keys::kInvalidConnectorConfig,
                       "cannot open the configuration of connector " + record.id + ": " +
                           text.error().description);
  }
  boost::system::error_code ec;
  auto value = json::parse(*text, ec);
  if (ec || !value.is_object()) {
    return keyed_error(Errc::Unavailable, keys::kInvalidConnectorConfig,
                       "connector " + record.id + " holds a configuration that is not JSON");
  }
  // Fills defaults of fields added since the connector was stored.
  auto config = factory->validate(value.as_object());
  if (!config) {
    return keyed_error(Errc::Unavailable, keys::kInvalidConnectorConfig,
                       "connector " + record.id + ": " + config.error().description);
  }
  return SocialConnectorInfo{std::move(record), factory, std::move(*config)};
}

Result<SocialConnectorInfo> SocialConnectors::create(std::string_view factory_id,
                                                     const ConnectorChange& change) {
  return create(factory_id, change, crypto::random_id(12));
}

Result<SocialConnectorInfo> SocialConnectors::create(std::string_view factory_id,
                                                     const ConnectorChange& change,
                                                     std::string id) {
  const auto* factory = connectors::find_factory(factory_id);
  if (!factory) return keyed_error(Errc::NotFound, keys::kSocialNotFound);
  auto config = factory->validate(change.config);
  if (!config) return config.error();
  auto checked = target_of(*factory, *config);
  if (!checked) return checked.error();
  std::string target = *checked;
  storage::ConnectorRecord record;
  record.id = std::move(id);
  record.factory_id = factory->metadata().factory_id;
  record.target = target;
  record.sealed_config = seal(record.id, *config);
  record.sync_profile = change.sync_profile.value_or(false);
  record.created_at = record.updated_at = clock_.now_millis();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.connectors().list_all();
    if (!all) return all.error();
    for (const auto& other : *all) {
      if (other.target == target) {
        return keyed_error(Errc::Conflict, "connector.target_in_use",
                           "connector " + other.id + " already signs in with " + target);
      }
    }
    return tx.connectors().insert(record);
  });
  if (!done) return done.error();
  return SocialConnectorInfo{std::move(record), factory, std::move(*config)};
}

Result<SocialConnectorInfo> SocialConnectors::update(std::string_view id,
                                                     const ConnectorChange& change) {
  std::optional<SocialConnectorInfo> updated;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.connectors().find(id);
    if (!found) return found.error();
    if (!*found) return not_found();
    auto info = open(std::move(**found));
    if (!info) return info.error();
    json::object merged = info->config;
    for (const auto& [key, value] : change.config) {
      // A masked secret sent back unchanged (as a form round-trip does) keeps the stored one.
      if (value.is_string() && value.as_string() == kMask) continue;
      merged[key] = value;
    }
    auto config = info->factory->validate(merged);
    if (!config) return config.error();
    auto checked = target_of(*info->factory, *config);
    if (!checked) return checked.error();
    std::string target = *checked;
    if (target != info->record.target) {
      auto all = tx.connectors().list_all();
      if (!all) return all.error();
      for (const auto& other : *all) {
        if (other.id != info->record.id && other.target == target) {
          return keyed_error(Errc::Conflict, "connector.target_in_use",
                             "connector " + other.id + " already signs in with " + target);
        }
      }
    }
    info->config = std::move(*config);
    info->record.target = target;
    info->record.sealed_config = seal(info->record.id, info->config);
    if (change.sync_profile) info->record.sync_profile = *change.sync_profile;
    info->record.updated_at = clock_.now_millis();
    if (auto saved = tx.connectors().update(info->record); !saved) return saved;
    updated = std::move(*info);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*updated);
}

Result<void> SocialConnectors::remove(std::string_view id) {
  auto found = find(id);
  if (!found) return found.error();
  std::string target = found->record.target;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.connectors().remove(id);
    if (!removed && removed.error().code == Errc::NotFound) return not_found();
    return removed;
  });
  if (!done) return done;
  auto settings = update_settings(
      store_,
      [&](const SignInExperience& current) -> Result<json::object> {
        std::vector<std::string> targets = current.social_targets;
        std::erase(targets, target);
        return json::object{{"socialSignInConnectorTargets", strings(targets)}};
      },
      clock_);
  if (!settings) return settings.error();
  return ok();
}

Result<SocialConnectorInfo> SocialConnectors::find(std::string_view id) {
  std::optional<storage::ConnectorRecord> record;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.connectors().find(id);
    if (!found) return found.error();
    record = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!record) return not_found();
  return open(std::move(*record));
}

Result<std::vector<SocialConnectorInfo>> SocialConnectors::list() {
  std::vector<storage::ConnectorRecord> records;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.connectors().list_all();
    if (!all) return all.error();
    records = std::move(*all);
    return ok();
  });
  if (!done) return done.error();
  std::vector<SocialConnectorInfo> out;
  for (auto& record : records) {
    auto info = open(std::move(record));
    if (!info) return info.error();
    out.push_back(std::move(*info));
  }
  return out;
}

Result<std::vector<SocialConnectorInfo>> SocialConnectors::for_targets(
    const std::vector<std::string>& targets) {
  std::vector<SocialConnectorInfo> out;
  if (targets.empty()) return out;
  auto all = list();
  if (!all) return all.error();
  for (const auto& target : targets) {
    auto it = std::find_if(all->begin(), all->end(),
                           [&](const auto& info) { return info.record.target == target; });
    if (it != all->end()) out.push_back(*it);
  }
  return out;
}

Result<void> SocialConnectors::set_enabled(std::string_view id, bool enabled) {
  auto info = find(id);
  if (!info) return info.error();
  std::string target = info->record.target;
  auto settings = update_settings(
      store_,
      [&](const SignInExperience& current) -> Result<json::object> {
        std::vector<std::string> targets = current.social_targets;
        bool present = std::find(targets.begin(), targets.end(), target) != targets.end();
        if (enabled && !present) targets.push_back(target);
        if (!enabled) std::erase(targets, target);
        return json::object{{"socialSignInConnectorTargets", strings(targets)}};
      },
      clock_);
  if (!settings) return settings.error();
  return ok();
}

std::unique_ptr<connectors::SocialConnector> SocialConnectors::build(
    const SocialConnectorInfo& info) const {
  return info.factory->create(info.config, {clock_, timeout_});
}

std::string display_name(const SocialConnectorInfo& info) {
  std::string name = json_text(info.config, "displayName");
  return name.empty() ? info.factory->metadata().name : name;
}

json::object connector_json(const SocialConnectorInfo& info, std::string_view endpoint,
                            bool reveal) {
  const auto& meta = info.factory->metadata();
  json::object config;
  json::array form_items;
  for (const auto& field : info.factory->fields()) {
    const auto* value = info.config.if_contains(field.key);
    bool masked =
        field.secret && !reveal && value && value->is_string() && !value->as_string().empty();
    config[field.key] = masked ? json::value(kMask) : (value ? *value : json::value(nullptr));
    json::object item{{"key", field.key},         {"label", field.label},
                      {"type", field.type},       {"required", field.required},
                      {"isSecret", field.secret}, {"description", field.description}};
    if (!field.default_value.empty()) item["defaultValue"] = field.default_value;
    if (!field.choices.empty()) item["selectItems"] = strings(field.choices);
    form_items.push_back(std::move(item));
  }
  boost::system::error_code ec;
  auto metadata = json::parse(info.record.metadata_json, ec);
  if (ec || !metadata.is_object()) metadata = json::object{};
  return {{"id", info.record.id},
          {"connectorId", meta.factory_id},
          {"type", "Social"},
          {"target", info.record.target},
          {"name", {{"en", display_name(info)}}},
          {"platform", meta.platform},
          {"isStandard", meta.is_standard},
          {"logo", "data:image/svg+xml;base64," + crypto::base64_encode(meta.logo_svg)},
          {"syncProfile", info.record.sync_profile},
          {"config", std::move(config)},
          {"metadata", std::move(metadata)},
          {"formItems", std::move(form_items)},
          {"readme", meta.readme},
          {"callbackUri", callback_uri(endpoint, info.record.id)},
          {"createdAt", info.record.created_at},
          {"updatedAt", info.record.updated_at}};
}

}  // namespace latch::experience
