#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/application.hpp"

// What an import carries into Latch, read from another identity provider's export or database
// (docs/migrate.md) before anything is written: the readers (auth0.hpp, keycloak.hpp) turn a
// source's shapes into these, and the writer applies them. Plain data.
namespace latch::migrate {

// A password hash as Logto's POST /api/users takes it: passwordAlgorithm (Argon2i, Argon2id,
// Argon2d, Bcrypt, SHA1, SHA256, MD5, Legacy) and passwordDigest. Keycloak's PBKDF2 hashes are
// Logto's Legacy form ["pbkdf2", ["hex:<salt>", iterations, keylen, digest, "@"], hex].
struct ImportedPassword {
  std::string algorithm;
  std::string digest;
};

struct ImportedUser {
  std::string source_id;  // the user's id in the source (auth0|5dea..., a Keycloak UUID)
  std::string id;         // Latch's (derived_id when the source's does not fit)
  std::optional<std::string> username, email, phone, name, avatar;
  boost::json::object profile;      // OIDC standard claims in Logto's names (givenName, ...)
  boost::json::object custom_data;  // what the source kept for apps
  boost::json::object identities;   // Logto's {target: {userId, details}}
  bool suspended = false;
  std::int64_t created_at = 0;  // epoch milliseconds; 0: the time of the import
  std::optional<ImportedPassword> password;
  std::vector<std::string> roles;          // role names
  std::vector<std::string> organizations;  // ids (Latch's) of organizations in the plan
  // Roles held in an organization: (organization id, organization role name).
  std::vector<std::pair<std::string, std::string>> organization_roles;
};

struct ImportedScope {
  std::string id;  // Latch's (the source's when it fits, else derived_id)
  std::string name, description;
};

// An API resource and its permissions (scopes).
struct ImportedResource {
  std::string source_id;
  std::string id;  // Latch's
  std::string name, indicator;
  std::int64_t access_token_ttl = 3600;  // seconds
  std::vector<ImportedScope> scopes;
};

struct ImportedRole {
  std::string id;  // Latch's (the source's when it fits, else derived_id)
  std::string name, description;
  std::string type = "User";  // Logto's RoleType: User or MachineToMachine
  // The permissions it grants: (resource indicator, scope name).
  std::vector<std::pair<std::string, std::string>> scopes;
};

// A social connector with its configuration, under Logto's connector id ("github-universal").
struct ImportedConnector {
  std::string source_id;  // also Latch's id: it is in the callback URL the provider knows
  std::string connector_id;
  boost::json::object config;
};

struct ImportedApp {
  std::string source_id;  // the client's id in the source
  std::string id;         // Latch's (derived_id when the source's does not fit)
  std::string name, description;
  model::AppType type = model::AppType::Traditional;
  std::optional<std::string> secret;  // in clear, as the source holds it
  std::vector<std::string> redirect_uris, post_logout_redirect_uris, cors_allowed_origins;
  bool third_party = false;
  boost::json::object custom_data;
  std::vector<std::string> roles;  // machine-to-machine role names
};

struct ImportedOrganization {
  std::string source_id;
  std::string id;  // Latch's: the source's when it fits (organization ids are in tokens)
  std::string name, description;
  boost::json::object custom_data;
};

// The organization template: permissions and roles every organization has.
struct ImportedOrganizationScope {
  std::string id;  // Latch's (the source's when it fits)
  std::string name, description;
};
struct ImportedOrganizationRole {
  std::string id;  // Latch's (the source's when it fits)
  std::string name, description;
  std::string type = "User";        // User or MachineToMachine
  std::vector<std::string> scopes;  // organization scope names
};

// Everything one source gives, and what it could not (one readable line each: "client
// security-admin-console: a Keycloak built-in client, not imported").
struct ImportPlan {
  std::vector<ImportedUser> users;
  std::vector<ImportedResource> resources;
  std::vector<ImportedRole> roles;
  std::vector<ImportedApp> apps;
  std::vector<ImportedOrganization> organizations;
  std::vector<ImportedOrganizationScope> organization_scopes;
  std::vector<ImportedOrganizationRole> organization_roles;
  std::vector<ImportedConnector> connectors;
  // The sign-in experience in the shape of Logto's PATCH /api/sign-in-exp (color, branding,
  // signIn, signUp, ...), when the source has one.
  std::optional<boost::json::object> sign_in_experience;
  std::vector<std::string> not_imported;
};

// Latch's id for something whose id in `source` ("auth0", "keycloak") is `source_id`: 12 (a user)
// or 21 (an app) characters of [0-9a-z] from a hash of both, so that importing again finds the
// same record. `source_id` itself when it is already such an id.
std::string derived_id(std::string_view source, std::string_view source_id, std::size_t length);

// Epoch milliseconds of an ISO 8601 UTC time ("2019-12-06T18:36:12.412Z", fraction optional);
// nullopt when it does not read.
std::optional<std::int64_t> iso_millis(std::string_view text);

}  // namespace latch::migrate
