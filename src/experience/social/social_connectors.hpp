#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/social/social_connector.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "storage/store.hpp"

namespace latch::experience {

// One stored social connector with its configuration opened.
struct SocialConnectorInfo {
  storage::ConnectorRecord record;
  const connectors::ConnectorFactory* factory = nullptr;
  boost::json::object config;  // validated, defaults filled, secrets in clear
};

// What an admin sets when adding or editing a connector.
struct ConnectorChange {
  boost::json::object config;  // on update: the fields to change
  std::optional<bool> sync_profile;
};

// The social connectors stored in the database: add, edit, remove, list, and build the
// connector a sign-in uses. The whole configuration is sealed with the master key (bound to the
// connector's id). Reads go to the database every time, so every node sees a change at once.
// Blocking; thread-safe.
class SocialConnectors {
 public:
  // `clock` dates the records and is the clock of every connector build() makes; `timeout`
  // bounds each of their requests to a provider.
  SocialConnectors(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock,
                   std::chrono::milliseconds timeout)
      : store_(store), secrets_(secrets), clock_(clock), timeout_(timeout) {}

  // NotFound "connector.social_not_found" for an unknown factory; InvalidRequest naming the field
  // for bad configuration; Conflict "connector.target_in_use" when a connector already signs in to
  // the same target (an identity belongs to one connector).
  [[nodiscard]] Result<SocialConnectorInfo> create(std::string_view factory_id,
                                                   const ConnectorChange& change);
  // The same under a given id (an imported connector keeps the id in its callback URL); Conflict
  // when the id is taken.
  [[nodiscard]] Result<SocialConnectorInfo> create(std::string_view factory_id,
                                                   const ConnectorChange& change, std::string id);
  // Merges `change.config` into the stored configuration and validates the result.
  [[nodiscard]] Result<SocialConnectorInfo> update(std::string_view id,
                                                   const ConnectorChange& change);
  // Also takes the connector's target out of the sign-in experience.
  [[nodiscard]] Result<void> remove(std::string_view id);
  // NotFound "connector.social_not_found".
  [[nodiscard]] Result<SocialConnectorInfo> find(std::string_view id);
  [[nodiscard]] Result<std::vector<SocialConnectorInfo>> list();
  // The connectors for `targets` (the sign-in experience's list), in that order; targets
  // without a connector are skipped.
  [[nodiscard]] Result<std::vector<SocialConnectorInfo>> for_targets(
      const std::vector<std::string>& targets);
  // Adds the connector's target to, or removes it from, the sign-in experience's social list.
  [[nodiscard]] Result<void> set_enabled(std::string_view id, bool enabled);

  std::unique_ptr<connectors::SocialConnector> build(const SocialConnectorInfo& info) const;

 private:
  Result<SocialConnectorInfo> open(storage::ConnectorRecord record) const;
  std::string seal(const std::string& id, const boost::json::object& config) const;

  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
  std::chrono::milliseconds timeout_;
};

// `${endpoint}/callback/${id}`: the URL to register at the provider.
std::string callback_uri(std::string_view endpoint, std::string_view connector_id);

// The provider's name for "Continue with …": the admin's displayName, else the factory's.
std::string display_name(const SocialConnectorInfo& info);

// Logto's connector shape (id, connectorId, target, name, logo, platform, isStandard, type,
// syncProfile, config, formItems, readme) plus Latch's callbackUri. Secret fields are masked
// unless `reveal` is set.
boost::json::object connector_json(const SocialConnectorInfo& info, std::string_view endpoint,
                                   bool reveal = false);

}  // namespace latch::experience
