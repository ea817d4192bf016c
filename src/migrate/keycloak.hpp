#pragma once

#include <string_view>

#include "core/result.hpp"
#include "migrate/plan.hpp"

// A Keycloak realm export (`kc.sh export --realm R`, or the admin console's partial export with
// users), read into an ImportPlan as docs/migrate.md describes. Pure; thread-safe.
namespace latch::migrate {

// - users: username, email, first and last name (name, givenName, familyName), the phoneNumber
//   attribute, the other attributes as custom data, disabled users suspended, federated
//   identities as Logto's identities;
// - passwords: PBKDF2 (pbkdf2, pbkdf2-sha256, pbkdf2-sha512) as Logto's Legacy pbkdf2 form,
//   Argon2 as its PHC string;
// - realm roles (but Keycloak's default-roles-*, offline_access and uma_authorization) as
//   roles, client roles as roles named "<clientId>/<role>", held by their users directly or
//   through a group;
// - top-level groups as organizations whose members are the users in the group or below it;
// - clients but Keycloak's own (account, admin-cli, ...): confidential ones with their secret,
//   public ones as SPAs (native apps when a redirect URI is not http(s)), service-account-only
//   ones as machine-to-machine apps. Latch's ids are derived from the clientId (derived_id).
// What cannot come along (a wildcard redirect URI, a bearer-only client, an unknown hash) is
// listed in not_imported. InvalidRequest when `realm` is not a JSON object.
[[nodiscard]] Result<ImportPlan> read_keycloak(std::string_view realm);

}  // namespace latch::migrate
