#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// Repositories of enterprise SSO (Logto's sso_connectors, user_sso_identities,
// organization_jit_sso_connectors). Same rules as repositories.hpp: obtained from a Tx, valid
// inside it, one thread. Nothing here is cached, so no write bumps an epoch.
namespace latch::storage {

// One enterprise SSO connector. The configuration (secrets included) is sealed by the caller.
struct SsoConnectorRecord {
  std::string id;
  std::string provider_name;   // Logto's: OIDC, SAML, AzureAD, AzureAdOidc, GoogleWorkspace, Okta
  std::string connector_name;  // unique
  std::string sealed_config;
  std::string domains_json = "[]";   // lower-case email domains
  std::string branding_json = "{}";  // {displayName, logo, darkLogo}
  bool sync_profile = false;         // update name and avatar on every sign-in
  bool enable_token_storage = false;
  std::int64_t created_at = 0;  // epoch milliseconds
};

class SsoConnectorRepository {
 public:
  virtual ~SsoConnectorRepository() = default;
  // Conflict when the id is taken; Conflict keyed single_sign_on.duplicate_connector_name when
  // the name is.
  [[nodiscard]] virtual Result<void> insert(const SsoConnectorRecord& record) = 0;
  // Replaces everything but id, provider_name and created_at. NotFound when absent; Conflict as
  // insert for the name.
  [[nodiscard]] virtual Result<void> update(const SsoConnectorRecord& record) = 0;
  [[nodiscard]] virtual Result<std::optional<SsoConnectorRecord>> find(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<SsoConnectorRecord>> find_by_name(
      std::string_view connector_name) = 0;
  // Oldest first.
  [[nodiscard]] virtual Result<std::vector<SsoConnectorRecord>> list_all() = 0;
  // Also removes its SSO identities and JIT links. NotFound when absent.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // ---- just-in-time provisioning: people who sign in through a connector for the first time
  // join its organizations.
  // The connector ids linked to the organization, oldest connector first.
  [[nodiscard]] virtual Result<std::vector<std::string>> jit_connector_ids(
      std::string_view organization_id) = 0;
  // The organization ids linked to the connector, ordered by id.
  [[nodiscard]] virtual Result<std::vector<std::string>> jit_organization_ids(
      std::string_view connector_id) = 0;
  // Adds the links not there yet. NotFound when the organization or a connector is absent.
  [[nodiscard]] virtual Result<void> add_jit(std::string_view organization_id,
                                             const std::vector<std::string>& connector_ids) = 0;
  // Makes `connector_ids` the organization's whole set. NotFound as add_jit.
  [[nodiscard]] virtual Result<void> replace_jit(std::string_view organization_id,
                                                 const std::vector<std::string>& connector_ids) = 0;
  // NotFound when the link is absent.
  [[nodiscard]] virtual Result<void> remove_jit(std::string_view organization_id,
                                                std::string_view connector_id) = 0;
};

// A user's identity at an enterprise IdP.
struct UserSsoIdentity {
  std::string id;
  std::string user_id;
  std::string issuer;              // OIDC issuer, SAML entity ID
  std::string identity_id;         // the subject there
  std::string detail_json = "{}";  // the user info the IdP returned
  std::string sso_connector_id;
  std::int64_t created_at = 0;  // epoch milliseconds
  std::int64_t updated_at = 0;
};

class UserSsoIdentityRepository {
 public:
  virtual ~UserSsoIdentityRepository() = default;
  // Conflict keyed user.identity_already_in_use when (issuer, identity_id) is taken; NotFound
  // when the user or the connector is absent.
  [[nodiscard]] virtual Result<void> insert(const UserSsoIdentity& identity) = 0;
  [[nodiscard]] virtual Result<std::optional<UserSsoIdentity>> find(
      std::string_view issuer, std::string_view identity_id) = 0;
  // Oldest first.
  [[nodiscard]] virtual Result<std::vector<UserSsoIdentity>> list_for_user(
      std::string_view user_id) = 0;
  // Sets detail and updated_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update_detail(std::string_view id,
                                                   std::string_view detail_json,
                                                   std::int64_t updated_at) = 0;
  // Removes the user's identities from the connector. NotFound when there is none.
  [[nodiscard]] virtual Result<void> remove(std::string_view user_id,
                                            std::string_view connector_id) = 0;
};

}  // namespace latch::storage
