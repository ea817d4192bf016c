#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"

// The unique keys whose clash deserves a better name than the key's columns, for both backends.
namespace latch::storage::sql {

// A unique key as SQLite names it ("users.email_lower", the message's table.columns) and as
// PostgreSQL does (the constraint), with Logto's error code where Logto has one ("" otherwise:
// callers and the APIs go by it) and a description for people.
struct KnownConflict {
  std::string_view sqlite_columns, postgres_constraint, key, description;
};

inline constexpr std::array<KnownConflict, 25> kKnownConflicts{{
    {"users.username_lower", "users_username_lower_key", "user.username_already_in_use",
     "username is already in use"},
    {"users.email_lower", "users_email_lower_key", "user.email_already_in_use",
     "email is already in use"},
    {"users.primary_phone", "users_primary_phone_key", "user.phone_already_in_use",
     "phone is already in use"},
    {"resources.indicator", "resources_indicator_key", "resource.resource_identifier_in_use",
     "indicator is already in use"},
    {"scopes.resource_id, scopes.name", "scopes_resource_id_name_key", "scope.name_exists",
     "the API has a scope of that name"},
    {"signing_keys.alg", "signing_keys_current_alg", "", "alg already has a current signing key"},
    {"user_identities.target, user_identities.identity_id", "user_identities_pkey",
     "user.identity_already_in_use", "the identity belongs to another user"},
    {"user_identities.user_id, user_identities.target", "user_identities_user_id_target_key", "",
     "user already has an identity there"},
    {"roles.name", "roles_name_key", "role.name_in_use", "the role name is already in use"},
    {"roles_scopes.role_id, roles_scopes.scope_id", "roles_scopes_pkey", "role.scope_exists",
     "the role already has that scope"},
    {"users_roles.user_id, users_roles.role_id", "users_roles_pkey", "role.user_exists",
     "the user already has that role"},
    {"applications_roles.application_id, applications_roles.role_id", "applications_roles_pkey",
     "role.application_exists", "the application already has that role"},
    // v10's unique index applications (id, type), which SQLite may report before the primary key.
    {"applications.id, applications.type", "applications_id_type", "", "id is already in use"},
    {"organization_scopes.name", "organization_scopes_name_key",
     "entity.unique_integrity_violation", "the organization scope name is already in use"},
    {"organization_roles.name", "organization_roles_name_key", "entity.unique_integrity_violation",
     "the organization role name is already in use"},
    {"organization_jit_email_domains.organization_id, organization_jit_email_domains.email_domain",
     "organization_jit_email_domains_pkey", "entity.unique_integrity_violation",
     "the organization already has that email domain"},
    {"organization_invitations.invitee, organization_invitations.organization_id",
     "organization_invitations_one_pending", "entity.unique_integrity_violation",
     "the invitee already has a pending invitation to the organization"},
    // v11's partial unique index (one Totp factor per user), which SQLite names by its column.
    {"mfa_verifications.user_id", "mfa_verifications_one_totp", "user.totp_already_in_use",
     "the user already has a TOTP factor"},
    {"mfa_verifications.credential_id", "mfa_verifications_credential_id_key",
     "entity.unique_integrity_violation", "the WebAuthn credential is registered already"},
    {"sso_connectors.connector_name", "sso_connectors_connector_name_key",
     "single_sign_on.duplicate_connector_name", "an SSO connector of that name exists"},
    {"user_sso_identities.issuer, user_sso_identities.identity_id",
     "user_sso_identities_issuer_identity_id_key", "user.identity_already_in_use",
     "the SSO identity belongs to another user"},
    {"organization_jit_sso_connectors.organization_id, "
     "organization_jit_sso_connectors.sso_connector_id",
     "organization_jit_sso_connectors_pkey", "entity.unique_integrity_violation",
     "the organization already has that SSO connector"},
    {"saml_application_sessions.application_id, saml_application_sessions.saml_request_id",
     "saml_application_sessions_request_key", "application.saml.request_replayed",
     "the AuthnRequest was received before"},
    {"application_secrets.application_id, application_secrets.name", "application_secrets_pkey",
     "application.secret_name_exists", "the application has a secret of that name"},
    {"personal_access_tokens.user_id, personal_access_tokens.name", "personal_access_tokens_pkey",
     "user.personal_access_token_name_exists", "the user has a personal access token of that name"},
}};

// The Conflict for a clash of `known` (keyed when it has a key), `detail` for the log.
inline Error known_conflict(const KnownConflict& known, std::string detail) {
  return with_key(make_error(Errc::Conflict, std::string(known.description), std::move(detail)),
                  known.key);
}

// The Conflict for a clash of an unnamed key on `field` ("id is already in use").
inline Error field_conflict(std::string_view field, std::string detail) {
  return make_error(Errc::Conflict, std::string(field) + " is already in use", std::move(detail));
}

}  // namespace latch::storage::sql
