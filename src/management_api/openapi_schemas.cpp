#include "management_api/openapi_schemas.hpp"

#include <array>
#include <boost/json/parse.hpp>

namespace latch::management_api {
namespace {

struct Row {
  std::string_view method, path;
  OperationSchema schema;
};

// The schemas in short (schema_of).
constexpr std::array kRows{
    Row{"get", "/api/roles", {"", 200, "[RoleListItem]", "400"}},
    Row{"post", "/api/roles", {"NewRole", 200, "Role", "400 404 422"}},
    Row{"get", "/api/roles/:id", {"", 200, "Role", "404"}},
    Row{"patch", "/api/roles/:id", {"RolePatch", 200, "Role", "400 403 404 422"}},
    Row{"delete", "/api/roles/:id", {"", 204, "", "403 404"}},
    Row{"get", "/api/roles/:id/scopes", {"", 200, "[ScopeWithResource]", "404"}},
    Row{"post", "/api/roles/:id/scopes", {"ids:scopeIds", 201, "[Scope]", "400 403 404 422"}},
    Row{"delete", "/api/roles/:id/scopes/:scopeId", {"", 204, "", "403 404"}},
    Row{"get", "/api/roles/:id/users", {"", 200, "[User]", "404"}},
    Row{"post", "/api/roles/:id/users", {"ids:userIds", 201, "", "400 404 422"}},
    Row{"delete", "/api/roles/:id/users/:userId", {"", 204, "", "404"}},
    Row{"get", "/api/roles/:id/applications", {"", 200, "[Application]", "404"}},
    Row{"post", "/api/roles/:id/applications", {"ids:applicationIds", 201, "", "400 404 422"}},
    Row{"delete", "/api/roles/:id/applications/:applicationId", {"", 204, "", "404"}},
    // Users (Logto's routes/admin-user/basics.ts).
    Row{"post", "/api/users", {"NewUser", 200, "User", "400 422"}},
    Row{"get", "/api/users/:userId/roles", {"", 200, "[Role]", "404"}},
    Row{"post", "/api/users/:userId/roles", {"ids0:roleIds", 201, "AddedRoles", "400 404 422"}},
    Row{"put", "/api/users/:userId/roles", {"ids0:roleIds", 200, "RoleIds", "400 404 422"}},
    Row{"delete", "/api/users/:userId/roles/:roleId", {"", 204, "", "404"}},
    Row{"get", "/api/users/:userId/scopes", {"", 200, "[Permission]", "404"}},
    // A user's MFA factors and trusted devices (Logto's mfa-verification.openapi.json,
    // trusted-device.openapi.json).
    Row{"get", "/api/users/:userId/mfa-verifications", {"", 200, "[MfaVerification]", "404"}},
    Row{"post",
        "/api/users/:userId/mfa-verifications",
        {"NewMfaVerification", 200, "CreatedMfaVerification", "400 404 422"}},
    Row{"delete", "/api/users/:userId/mfa-verifications", {"", 204, "", "404"}},
    Row{"delete", "/api/users/:userId/mfa-verifications/:verificationId", {"", 204, "", "404"}},
    Row{"get", "/api/users/:userId/trusted-devices", {"", 200, "[TrustedDevice]", "400 404"}},
    Row{"delete", "/api/users/:userId/trusted-devices/:trustedDeviceId", {"", 204, "", "404"}},
    Row{"patch",
        "/api/users/:userId/password/expiration",
        {R"({"type":"object","required":["isExpired"],"additionalProperties":false,)"
         R"("properties":{"isExpired":{"type":"boolean"}}})",
         200, "User", "400 404"}},
    // A user's personal access tokens (Logto's personal-access-token.openapi.json).
    Row{"get",
        "/api/users/:userId/personal-access-tokens",
        {"", 200, "[PersonalAccessToken]", "404"}},
    Row{"post",
        "/api/users/:userId/personal-access-tokens",
        {"NewApplicationSecret", 201, "PersonalAccessToken", "400 404 422"}},
    Row{"patch",
        "/api/users/:userId/personal-access-tokens",
        {"PersonalAccessTokenRename", 200, "PersonalAccessToken", "400 404 422"}},
    Row{"post",
        "/api/users/:userId/personal-access-tokens/delete",
        {"ApplicationSecretName", 204, "", "400 404"}},
    Row{"patch",
        "/api/users/:userId/personal-access-tokens/:name",
        {"ApplicationSecretName", 200, "PersonalAccessToken", "400 404 422"}},
    Row{"delete", "/api/users/:userId/personal-access-tokens/:name", {"", 204, "", "404"}},
    Row{"get", "/api/applications/:id/roles", {"", 200, "[Role]", "404 422"}},
    Row{"post", "/api/applications/:id/roles", {"ids0:roleIds", 201, "AddedRoles", "400 404 422"}},
    Row{"put", "/api/applications/:id/roles", {"ids0:roleIds", 200, "RoleIds", "400 404 422"}},
    Row{"delete", "/api/applications/:id/roles/:roleId", {"", 204, "", "404 422"}},
    // An application's secrets (Logto's application-secret.openapi.json).
    Row{"get", "/api/applications/:id/secrets", {"", 200, "[ApplicationSecret]", "404"}},
    Row{"post",
        "/api/applications/:id/secrets",
        {"NewApplicationSecret", 201, "ApplicationSecret", "400 404 422"}},
    Row{"patch",
        "/api/applications/:id/secrets/:name",
        {"ApplicationSecretName", 200, "ApplicationSecret", "400 404 422"}},
    Row{"delete", "/api/applications/:id/secrets/:name", {"", 204, "", "404"}},
    Row{"post", "/api/applications/:id/secret/rotate", {"", 200, "ApplicationSecret", "400 404"}},
    // A third-party app's user consent scopes (Logto's
    // application-user-consent-scope.openapi.json).
    Row{"post",
        "/api/applications/:id/user-consent-scopes",
        {"UserConsentScopeIds", 201, "", "400 404 422"}},
    Row{"get", "/api/applications/:id/user-consent-scopes", {"", 200, "UserConsentScopes", "404"}},
    Row{"delete",
        "/api/applications/:id/user-consent-scopes/:scopeType/:scopeId",
        {"", 204, "", "400 404"}},
    // An app's own sign-in experience (Logto's application-sign-in-experience.openapi.json).
    Row{"put",
        "/api/applications/:id/sign-in-experience",
        {"AppSignInExperienceChange", 200, "AppSignInExperience", "400 404"}},
    Row{"get", "/api/applications/:id/sign-in-experience", {"", 200, "AppSignInExperience", "404"}},
    Row{"patch",
        "/api/resources/:resourceId/is-default",
        {R"({"type":"object","required":["isDefault"],"additionalProperties":false,)"
         R"("properties":{"isDefault":{"type":"boolean"}}})",
         200, "Resource", "400 404"}},
    Row{"patch",
        "/api/resources/:resourceId/scopes/:scopeId",
        {"ScopePatch", 200, "Scope", "400 404 422"}},
    Row{"get", "/api/resources/:resourceId/scope-roles", {"", 200, "[ScopeRoles]", "404"}},
    // Organizations (Logto's organization*/index.openapi.json).
    Row{"get", "/api/organizations", {"", 200, "[OrganizationListItem]", "400"}},
    Row{"post", "/api/organizations", {"OrganizationFields", 201, "Organization", "400"}},
    Row{"get", "/api/organizations/:id", {"", 200, "Organization", "404"}},
    Row{"patch", "/api/organizations/:id", {"OrganizationFields", 200, "Organization", "400 404"}},
    Row{"delete", "/api/organizations/:id", {"", 204, "", "404"}},
    Row{"get", "/api/organizations/:id/users", {"", 200, "[OrganizationUser]", "400 404"}},
    Row{"post", "/api/organizations/:id/users", {"ids:userIds", 201, "UserIds", "400 422"}},
    Row{"put", "/api/organizations/:id/users", {"ids0:userIds", 204, "", "400 422"}},
    Row{"delete", "/api/organizations/:id/users/:userId", {"", 204, "", "404"}},
    Row{"post", "/api/organizations/:id/users/roles", {"MembersRoles", 201, "", "400 422"}},
    Row{"get",
        "/api/organizations/:id/users/:userId/roles",
        {"", 200, "[OrganizationRole]", "422"}},
    Row{"post",
        "/api/organizations/:id/users/:userId/roles",
        {"RoleChoice", 201, "OrganizationRoleIds", "400 422"}},
    Row{"put", "/api/organizations/:id/users/:userId/roles", {"RoleChoice", 204, "", "400 422"}},
    Row{"delete",
        "/api/organizations/:id/users/:userId/roles/:organizationRoleId",
        {"", 204, "", "404 422"}},
    Row{"get",
        "/api/organizations/:id/users/:userId/scopes",
        {"", 200, "[OrganizationScope]", "422"}},
    Row{"get",
        "/api/organizations/:id/applications",
        {"", 200, "[OrganizationApplication]", "400 404"}},
    Row{"post", "/api/organizations/:id/applications", {"ids:applicationIds", 201, "", "400 422"}},
    Row{"put", "/api/organizations/:id/applications", {"ids0:applicationIds", 204, "", "400 422"}},
    Row{"get", "/api/organizations/:id/jit/email-domains", {"", 200, "[JitEmailDomain]", "404"}},
    Row{"post",
        "/api/organizations/:id/jit/email-domains",
        {R"({"type":"object","required":["emailDomain"],"additionalProperties":false,)"
         R"("properties":{"emailDomain":{"type":"string","minLength":1,"maxLength":128}}})",
         201, "JitEmailDomain", "400 422"}},
    Row{"get", "/api/organizations/:id/jit/roles", {"", 200, "[OrganizationRole]", "404"}},
    Row{"post",
        "/api/organizations/:id/jit/roles",
        {"ids:organizationRoleIds", 201, "", "400 422"}},
    Row{"get", "/api/users/:userId/organizations", {"", 200, "[OrganizationWithRoles]", "404"}},
    Row{"get", "/api/applications/:id/organizations", {"", 200, "[OrganizationWithRoles]", "404"}},
    Row{"get", "/api/organization-scopes", {"", 200, "[OrganizationScope]", "400"}},
    Row{"post", "/api/organization-scopes", {"TemplateItem", 201, "OrganizationScope", "400 422"}},
    Row{"get", "/api/organization-scopes/:id", {"", 200, "OrganizationScope", "404"}},
    Row{"get", "/api/organization-roles", {"", 200, "[OrganizationRoleListItem]", "400"}},
    Row{"post",
        "/api/organization-roles",
        {"NewOrganizationRole", 201, "OrganizationRole", "400 422"}},
    Row{"get", "/api/organization-roles/:id", {"", 200, "OrganizationRole", "404"}},
    Row{"patch",
        "/api/organization-roles/:id",
        {"TemplateItem", 200, "OrganizationRole", "400 404 422"}},
    Row{"post",
        "/api/organization-roles/:id/scopes",
        {"ids:organizationScopeIds", 201, "", "400 422"}},
    Row{"post",
        "/api/organization-roles/:id/resource-scopes",
        {"ids:scopeIds", 201, "", "400 422"}},
    // Enterprise SSO (sso_connectors_routes.cpp).
    Row{"get", "/api/sso-connector-providers", {"", 200, "[SsoConnectorProvider]", ""}},
    Row{"post", "/api/sso-connectors", {"NewSsoConnector", 200, "SsoConnector", "400 409 422"}},
    Row{"get", "/api/sso-connectors", {"", 200, "[SsoConnectorDetails]", "400"}},
    Row{"get", "/api/sso-connectors/:id", {"", 200, "SsoConnectorDetails", "404"}},
    Row{"patch",
        "/api/sso-connectors/:id",
        {"SsoConnectorPatch", 200, "SsoConnectorDetails", "400 404 409 422"}},
    Row{"delete", "/api/sso-connectors/:id", {"", 204, "", "404"}},
    Row{"post", "/api/sso-connectors/:id/test-sessions", {"", 201, "", "400 404"}},
    // SAML SSO connectors (issue 19, part D).
    Row{"get", "/api/sso-connectors/:id/signing-keys", {"", 200, "", "404"}},
    Row{"post", "/api/sso-connectors/:id/signing-keys", {"", 201, "", "400 404"}},
    Row{"patch", "/api/sso-connectors/:id/signing-keys/:keyId", {"", 200, "", "400 404"}},
    Row{"delete", "/api/sso-connectors/:id/signing-keys/:keyId", {"", 204, "", "400 404"}},
    Row{"put", "/api/sso-connectors/:id/idp-initiated-auth-config", {"", 200, "", "400 404"}},
    Row{"get", "/api/sso-connectors/:id/idp-initiated-auth-config", {"", 200, "", "404"}},
    Row{"delete", "/api/sso-connectors/:id/idp-initiated-auth-config", {"", 204, "", "404"}},
    Row{"get", "/api/organizations/:id/jit/sso-connectors", {"", 200, "[SsoConnector]", "404"}},
    Row{"post",
        "/api/organizations/:id/jit/sso-connectors",
        {"ids:ssoConnectorIds", 201, "", "400 404 422"}},
    Row{"put",
        "/api/organizations/:id/jit/sso-connectors",
        {"ids0:ssoConnectorIds", 204, "", "400 404 422"}},
    Row{"delete",
        "/api/organizations/:id/jit/sso-connectors/:ssoConnectorId",
        {"", 204, "", "404"}},
    Row{"get",
        "/api/users/:userId/sso-identities/:ssoConnectorId",
        {"", 200,
         "{\"type\": \"object\", \"properties\": {\"ssoIdentity\": {\"$ref\": "
         "\"#/components/schemas/UserSsoIdentity\"}}}",
         "404"}},
    // Custom data and custom JWT claims (jwt_customizer_routes.cpp).
    Row{"patch",
        "/api/applications/:id/custom-data",
        {R"({"type":"object","description":"An arbitrary JSON object."})", 200,
         R"({"type":"object","description":"The updated custom data."})", "400 404"}},
    Row{"get", "/api/configs/jwt-customizer", {"", 200, "[JwtCustomizerEntry]", ""}},
    Row{"put",
        "/api/configs/jwt-customizer/:tokenTypePath",
        {"JwtCustomizer", 200, "JwtCustomizer", "400"}},
    Row{"patch",
        "/api/configs/jwt-customizer/:tokenTypePath",
        {"JwtCustomizer", 200, "JwtCustomizer", "400 404"}},
    Row{"get", "/api/configs/jwt-customizer/:tokenTypePath", {"", 200, "JwtCustomizer", "400 404"}},
    Row{"delete", "/api/configs/jwt-customizer/:tokenTypePath", {"", 204, "", "400 404"}},
    Row{"post",
        "/api/configs/jwt-customizer/test",
        {R"({"type":"object","required":["tokenType","script","token","context"],)"
         R"("properties":{"tokenType":{"type":"string","enum":["access-token",)"
         R"("client-credentials"]},"script":{"type":"string"},)"
         R"("environmentVariables":{"type":"object"},"token":{"type":"object"},)"
         R"("context":{"type":"object"}}})",
         200, R"({"type":"object","description":"What the script returned."})", "400 403 422"}},
    // Token exchange, RFC 8693 (Logto's subject-token.openapi.json).
    Row{"post",
        "/api/subject-tokens",
        {R"({"type":"object","required":["userId"],"additionalProperties":false,)"
         R"("properties":{"userId":{"type":"string","minLength":1,)"
         R"("description":"The ID of the user to impersonate."},)"
         R"("context":{"type":"object","description":"Kept with the token for the operator."}}})",
         201,
         R"({"type":"object","required":["subjectToken","expiresIn"],"properties":{)"
         R"("subjectToken":{"type":"string","description":"single use, sub_..."},)"
         R"("expiresIn":{"type":"integer","description":"seconds, 600"}}})",
         "400 404"}},
    // Webhooks (Logto's hooks.openapi.json).
    Row{"get", "/api/hooks", {"", 200, "[Hook]", "400"}},
    Row{"post", "/api/hooks", {"HookInput", 201, "Hook", "400"}},
    Row{"get", "/api/hooks/:id", {"", 200, "Hook", "404"}},
    Row{"patch", "/api/hooks/:id", {"HookInput", 200, "Hook", "400 404"}},
    Row{"delete", "/api/hooks/:id", {"", 204, "", "404"}},
    Row{"patch", "/api/hooks/:id/signing-key", {"", 200, "Hook", "404"}},
    Row{"get", "/api/hooks/:id/recent-logs", {"", 200, "[HookLog]", "400"}},
    Row{"post",
        "/api/hooks/:id/test",
        {R"({"type":"object","required":["events","config"],"additionalProperties":false,)"
         R"("properties":{"events":{"type":"array","minItems":1,"items":{"type":"string"}},)"
         R"("config":{"$ref":"#/components/schemas/HookConfig"}}})",
         204, "", "400 404 422"}},
    // Logto's sign-in-experience/index.ts: the password policy applied to one password.
    Row{"post",
        "/api/sign-in-exp/default/check-password",
        {R"({"type":"object","required":["password"],"additionalProperties":false,)"
         R"("properties":{"password":{"type":"string"},"userId":{"type":"string"}}})",
         200, R"({"type":"object","properties":{"result":{"type":"boolean"}}})", "400 404"}},
};

// clang-format off
constexpr std::string_view kComponents = R"json({
  "JwtCustomizer": {"type": "object", "required": ["script"], "additionalProperties": false,
    "properties": {"script": {"type": "string"},
      "environmentVariables": {"type": "object", "additionalProperties": {"type": "string"}},
      "contextSample": {"type": "object"}, "tokenSample": {"type": "object"},
      "blockIssuanceOnError": {"type": "boolean"}}},
  "JwtCustomizerEntry": {"type": "object", "required": ["key", "value"], "properties": {
    "key": {"type": "string", "enum": ["jwt.accessToken", "jwt.clientCredentials"]},
    "value": {"$ref": "#/components/schemas/JwtCustomizer"}}},
  "HookConfig": {"type": "object", "required": ["url"], "additionalProperties": false,
    "properties": {"url": {"type": "string", "description": "http or https"},
    "headers": {"type": "object", "additionalProperties": {"type": "string"}},
    "retries": {"type": "integer", "minimum": 0, "maximum": 3,
      "description": "retries after a failed first attempt (default 3)"}}},
  "Hook": {"type": "object",
    "required": ["id", "name", "event", "events", "config", "signingKey", "enabled", "createdAt"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "event": {"type": "string", "nullable": true, "description": "legacy single event"},
    "events": {"type": "array", "items": {"type": "string"}},
    "config": {"$ref": "#/components/schemas/HookConfig"}, "signingKey": {"type": "string"},
    "enabled": {"type": "boolean"}, "createdAt": {"type": "integer"},
    "executionStats": {"type": "object", "description": "with includeExecutionStats",
      "properties": {"requestCount": {"type": "integer"}, "successCount": {"type": "integer"}}}}},
  "HookInput": {"type": "object", "additionalProperties": false,
    "properties": {"name": {"type": "string"},
    "event": {"type": "string", "nullable": true}, "events": {"type": "array", "minItems": 1,
      "items": {"type": "string"}}, "config": {"$ref": "#/components/schemas/HookConfig"},
    "enabled": {"type": "boolean"}}},
  "HookLog": {"type": "object", "required": ["id", "key", "payload", "createdAt"],
    "properties": {"id": {"type": "string"}, "key": {"type": "string",
      "description": "TriggerHook.<event>"}, "payload": {"type": "object",
      "description": "{key, result, hookId, deliveryId, attempt, hookRequest: {body}, response?: {statusCode, body}, error?}"},
    "createdAt": {"type": "integer"}}},
  "Error": {"type": "object", "required": ["code", "message"], "properties": {
    "code": {"type": "string", "description": "stable, Logto's code"},
    "message": {"type": "string"}, "field": {"type": "string"}}},
  "Role": {"type": "object", "required": ["id", "name", "description", "type", "isDefault"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
      "description": {"type": "string"},
      "type": {"type": "string", "enum": ["User", "MachineToMachine"]},
      "isDefault": {"type": "boolean"}}},
  "RoleListItem": {"allOf": [{"$ref": "#/components/schemas/Role"}, {"type": "object",
    "properties": {"usersCount": {"type": "integer"}, "applicationsCount": {"type": "integer"},
      "featuredUsers": {"type": "array", "maxItems": 3, "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "avatar": {"type": "string", "nullable": true},
        "name": {"type": "string", "nullable": true}}}},
      "featuredApplications": {"type": "array", "maxItems": 3, "items": {"type": "object",
        "properties": {"id": {"type": "string"}, "name": {"type": "string"},
          "type": {"type": "string"}}}}}}]},
  "NewRole": {"type": "object", "required": ["name", "description"],
    "additionalProperties": false, "properties": {
      "name": {"type": "string", "minLength": 1, "maxLength": 128},
      "description": {"type": "string", "minLength": 1, "maxLength": 128},
      "type": {"type": "string", "enum": ["User", "MachineToMachine"], "default": "User"},
      "isDefault": {"type": "boolean", "description": "User roles only"},
      "scopeIds": {"type": "array", "items": {"type": "string", "minLength": 1}}}},
  "RolePatch": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 128},
    "description": {"type": "string", "minLength": 1, "maxLength": 128},
    "isDefault": {"type": "boolean"}}},
  "ScopePatch": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string", "pattern": "^\\S+$"}, "description": {"type": "string"}}},
  "Scope": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "description": {"type": "string"},
    "resourceId": {"type": "string"}, "createdAt": {"type": "integer"}}},
  "ScopeWithResource": {"allOf": [{"$ref": "#/components/schemas/Scope"}, {"type": "object",
    "properties": {"resource": {"type": "object", "properties": {"id": {"type": "string"},
      "name": {"type": "string"}, "indicator": {"type": "string"},
      "isDefault": {"type": "boolean"}, "accessTokenTtl": {"type": "integer"}}}}}]},
  "Resource": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "indicator": {"type": "string"},
    "accessTokenTtl": {"type": "integer"}, "isDefault": {"type": "boolean"},
    "scopes": {"type": "array", "items": {"$ref": "#/components/schemas/Scope"}},
    "createdAt": {"type": "integer"}}},
  "User": {"type": "object", "description": "Logto's user profile, as GET /api/users/:userId",
    "properties": {"id": {"type": "string"}, "username": {"type": "string", "nullable": true},
      "primaryEmail": {"type": "string", "nullable": true},
      "primaryPhone": {"type": "string", "nullable": true},
      "name": {"type": "string", "nullable": true},
      "avatar": {"type": "string", "nullable": true}, "isSuspended": {"type": "boolean"}}},
  "NewUser": {"type": "object", "additionalProperties": false,
    "description": "At least one of username, primaryEmail, primaryPhone. A password, or a digest made elsewhere (passwordDigest with passwordAlgorithm), not both: the digest is stored as it is and replaced with Argon2id at the user's first sign-in",
    "properties": {"username": {"type": "string"}, "primaryEmail": {"type": "string"},
      "primaryPhone": {"type": "string"}, "name": {"type": "string"},
      "avatar": {"type": "string", "nullable": true}, "password": {"type": "string", "minLength": 1},
      "passwordDigest": {"type": "string", "maxLength": 256,
        "description": "as passwordAlgorithm makes it: a PHC string (Argon2*), a $2a$/$2b$/$2y$ string (Bcrypt), lower- or upper-case hex (SHA1, SHA256, MD5), or a Legacy JSON tuple [algorithm, [args with \"@\" for the password], digest] (see docs/management-api.md)"},
      "passwordAlgorithm": {"type": "string",
        "enum": ["Argon2i", "Argon2id", "Argon2d", "Bcrypt", "SHA1", "SHA256", "MD5", "Legacy"],
        "description": "required with passwordDigest"},
      "customData": {"type": "object"}, "profile": {"type": "object"}}},
  "Application": {"type": "object", "description": "as GET /api/applications/:id, no secret",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
      "description": {"type": "string"}, "type": {"type": "string"},
      "isThirdParty": {"type": "boolean"}, "createdAt": {"type": "integer"}}},
  "ApplicationSecret": {"type": "object",
    "description": "one of an application's client secrets: every unexpired one authenticates the app",
    "properties": {"applicationId": {"type": "string"}, "name": {"type": "string"},
      "value": {"type": "string"}, "createdAt": {"type": "integer"},
      "expiresAt": {"type": "integer", "nullable": true}}},
  "NewApplicationSecret": {"type": "object", "required": ["name"], "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 256},
      "expiresAt": {"type": "integer", "nullable": true,
        "description": "epoch milliseconds, in the future; absent or null: never expires"}}},
  "AppSignInExperienceChange": {"type": "object", "additionalProperties": false,
    "description": "the members named are set (201 when the app had none); \"\" or null clears a text member",
    "properties": {"branding": {"$ref": "#/components/schemas/AppBranding"},
      "color": {"$ref": "#/components/schemas/AppColor"},
      "customCss": {"type": "string", "nullable": true},
      "termsOfUseUrl": {"type": "string", "nullable": true, "maxLength": 2048},
      "privacyPolicyUrl": {"type": "string", "nullable": true, "maxLength": 2048},
      "displayName": {"type": "string", "nullable": true}}},
  "AppSignInExperience": {"type": "object", "properties": {
      "tenantId": {"type": "string"}, "applicationId": {"type": "string"},
      "branding": {"$ref": "#/components/schemas/AppBranding"},
      "color": {"$ref": "#/components/schemas/AppColor"},
      "customCss": {"type": "string", "nullable": true},
      "termsOfUseUrl": {"type": "string", "nullable": true},
      "privacyPolicyUrl": {"type": "string", "nullable": true},
      "displayName": {"type": "string", "nullable": true}}},
  "AppBranding": {"type": "object", "additionalProperties": false, "properties": {
      "logoUrl": {"type": "string"}, "darkLogoUrl": {"type": "string"},
      "favicon": {"type": "string"}, "darkFavicon": {"type": "string"}}},
  "AppColor": {"type": "object", "additionalProperties": false, "properties": {
      "primaryColor": {"type": "string"}, "darkPrimaryColor": {"type": "string"},
      "isDarkModeEnabled": {"type": "boolean"}}},
  "UserConsentScopeIds": {"type": "object", "additionalProperties": false,
    "description": "added to what the third-party app may ask users to consent to; ids it holds already are kept",
    "properties": {"organizationScopes": {"type": "array", "items": {"type": "string"}},
      "resourceScopes": {"type": "array", "items": {"type": "string"}},
      "organizationResourceScopes": {"type": "array", "items": {"type": "string"}},
      "userScopes": {"type": "array", "items": {"type": "string"},
        "description": "Logto's user scopes: profile, email, phone, address, custom_data, identities, roles, urn:logto:scope:organizations, urn:logto:scope:organization_roles, urn:logto:scope:sessions, urn:logto:scope:trusted_devices"}}},
  "UserConsentScopes": {"type": "object", "properties": {
    "organizationScopes": {"type": "array", "items": {"type": "object", "properties": {
      "id": {"type": "string"}, "name": {"type": "string"},
      "description": {"type": "string", "nullable": true}}}},
    "resourceScopes": {"type": "array", "items": {"$ref": "#/components/schemas/ResourceScopes"}},
    "organizationResourceScopes": {"type": "array",
      "items": {"$ref": "#/components/schemas/ResourceScopes"}},
    "userScopes": {"type": "array", "items": {"type": "string"}}}},
  "ResourceScopes": {"type": "object", "properties": {
    "resource": {"type": "object", "properties": {"id": {"type": "string"},
      "name": {"type": "string"}, "indicator": {"type": "string"}}},
    "scopes": {"type": "array", "items": {"type": "object", "properties": {
      "id": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"}}}}}},
  "PersonalAccessToken": {"type": "object",
    "description": "a user's personal access token, exchanged at /oidc/token for the user's access token",
    "properties": {"userId": {"type": "string"}, "name": {"type": "string"},
      "value": {"type": "string", "description": "pat_ and 32 characters"},
      "createdAt": {"type": "integer"}, "expiresAt": {"type": "integer", "nullable": true}}},
  "PersonalAccessTokenRename": {"type": "object", "required": ["name"],
    "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 256},
      "currentName": {"type": "string", "description": "the token to rename; absent: name"}}},
  "ApplicationSecretName": {"type": "object", "required": ["name"], "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 256}}},
  "AddedRoles": {"type": "object", "properties": {
    "roleIds": {"type": "array", "items": {"type": "string"}},
    "addedRoleIds": {"type": "array", "items": {"type": "string"},
      "description": "the roles given now; roles held already are left alone"}}},
  "RoleIds": {"type": "object", "properties": {"roleIds": {"type": "array",
    "items": {"type": "string"}}}},
  "Permission": {"type": "object", "description": "A scope the user's roles grant (Latch)",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
      "description": {"type": "string"}, "resourceId": {"type": "string"},
      "resource": {"type": "object", "properties": {"id": {"type": "string"},
        "name": {"type": "string"}, "indicator": {"type": "string"}}},
      "roles": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}}}}}},
  "ScopeRoles": {"type": "object", "description": "The roles holding one scope (Latch)",
    "properties": {"scopeId": {"type": "string"}, "roles": {"type": "array", "items": {
      "type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
        "type": {"type": "string", "enum": ["User", "MachineToMachine"]}}}}}},
  "Organization": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "description": {"type": "string", "nullable": true},
    "customData": {"type": "object"}, "isMfaRequired": {"type": "boolean"},
    "color": {"type": "object"}, "branding": {"type": "object"},
    "customCss": {"type": "string", "nullable": true}, "createdAt": {"type": "integer"}}},
  "OrganizationFields": {"type": "object", "additionalProperties": false,
    "description": "name is required on create", "properties": {
      "name": {"type": "string", "minLength": 1, "maxLength": 128},
      "description": {"type": "string", "maxLength": 256, "nullable": true},
      "customData": {"type": "object"}, "isMfaRequired": {"type": "boolean"},
      "color": {"type": "object", "additionalProperties": false, "properties": {
        "primaryColor": {"type": "string"}, "isDarkModeEnabled": {"type": "boolean"},
        "darkPrimaryColor": {"type": "string"}}},
      "branding": {"type": "object", "additionalProperties": false, "properties": {
        "logoUrl": {"type": "string"}, "darkLogoUrl": {"type": "string"},
        "favicon": {"type": "string"}, "darkFavicon": {"type": "string"}}},
      "customCss": {"type": "string", "nullable": true}}},
  "OrganizationListItem": {"allOf": [{"$ref": "#/components/schemas/Organization"},
    {"type": "object", "description": "usersCount and featuredUsers with showFeatured=true",
      "properties": {"usersCount": {"type": "integer"}, "featuredUsers": {"type": "array",
        "maxItems": 3, "items": {"type": "object", "properties": {"id": {"type": "string"},
          "avatar": {"type": "string", "nullable": true},
          "name": {"type": "string", "nullable": true}}}}}}]},
  "RoleBriefs": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}}}},
  "OrganizationWithRoles": {"allOf": [{"$ref": "#/components/schemas/Organization"},
    {"type": "object", "properties": {
      "organizationRoles": {"$ref": "#/components/schemas/RoleBriefs"}}}]},
  "OrganizationUser": {"allOf": [{"$ref": "#/components/schemas/User"}, {"type": "object",
    "properties": {"organizationRoles": {"$ref": "#/components/schemas/RoleBriefs"}}}]},
  "OrganizationApplication": {"allOf": [{"$ref": "#/components/schemas/Application"},
    {"type": "object", "properties": {
      "organizationRoles": {"$ref": "#/components/schemas/RoleBriefs"}}}]},
  "OrganizationScope": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "description": {"type": "string", "nullable": true}}},
  "OrganizationRole": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "description": {"type": "string", "nullable": true},
    "type": {"type": "string", "enum": ["User", "MachineToMachine"]}}},
  "OrganizationRoleListItem": {"allOf": [{"$ref": "#/components/schemas/OrganizationRole"},
    {"type": "object", "properties": {
      "scopes": {"$ref": "#/components/schemas/RoleBriefs"},
      "resourceScopes": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "resource": {"type": "object",
          "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}}}]},
  "TemplateItem": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 128},
    "description": {"type": "string", "maxLength": 256, "nullable": true}}},
  "NewOrganizationRole": {"type": "object", "required": ["name"],
    "additionalProperties": false, "properties": {
      "name": {"type": "string", "minLength": 1, "maxLength": 128},
      "description": {"type": "string", "maxLength": 256, "nullable": true},
      "type": {"type": "string", "enum": ["User", "MachineToMachine"], "default": "User"},
      "organizationScopeIds": {"type": "array", "items": {"type": "string"}},
      "resourceScopeIds": {"type": "array", "items": {"type": "string"}}}},
  "MembersRoles": {"type": "object", "additionalProperties": false,
    "description": "userIds (or applicationIds) and organizationRoleIds, one id at least each",
    "properties": {"userIds": {"type": "array", "items": {"type": "string"}},
      "organizationRoleIds": {"type": "array", "items": {"type": "string"}}}},
  "RoleChoice": {"type": "object", "additionalProperties": false, "properties": {
    "organizationRoleIds": {"type": "array", "items": {"type": "string"}},
    "organizationRoleNames": {"type": "array", "items": {"type": "string"}}}},
  "OrganizationRoleIds": {"type": "object", "properties": {
    "organizationRoleIds": {"type": "array", "items": {"type": "string"}}}},
  "UserIds": {"type": "object", "properties": {
    "userIds": {"type": "array", "items": {"type": "string"}}}},
  "JitEmailDomain": {"type": "object", "properties": {"organizationId": {"type": "string"},
    "emailDomain": {"type": "string"}}},
  "MfaVerification": {"type": "object", "required": ["id", "createdAt", "type"], "properties": {
    "id": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"},
    "lastUsedAt": {"type": "string", "format": "date-time"},
    "type": {"type": "string", "enum": ["Totp", "WebAuthn", "BackupCode"]},
    "agent": {"type": "string", "description": "WebAuthn: the browser that registered it"},
    "name": {"type": "string", "description": "WebAuthn: the name the user gave it"},
    "remainCodes": {"type": "integer", "description": "BackupCode: unused codes left"}}},
  "NewMfaVerification": {"oneOf": [
    {"type": "object", "required": ["type"], "additionalProperties": false, "properties": {
      "type": {"type": "string", "enum": ["Totp"]},
      "secret": {"type": "string", "description":
        "16 to 32 base32 characters (migration); a new secret when absent"}}},
    {"type": "object", "required": ["type"], "additionalProperties": false, "properties": {
      "type": {"type": "string", "enum": ["BackupCode"]},
      "codes": {"type": "array", "items": {"type": "string"}, "description":
        "ten codes of ten hex digits (migration); ten new codes when absent"}}}]},
  "CreatedMfaVerification": {"oneOf": [
    {"type": "object", "required": ["type", "secret", "secretQrCode"], "properties": {
      "type": {"type": "string", "enum": ["Totp"]}, "secret": {"type": "string"},
      "secretQrCode": {"type": "string",
        "description": "the otpauth:// URI as a QR code, data:image/svg+xml;base64,..."}}},
    {"type": "object", "required": ["type", "codes"], "properties": {
      "type": {"type": "string", "enum": ["BackupCode"]},
      "codes": {"type": "array", "items": {"type": "string"},
        "description": "shown this once: only their hashes are stored"}}}]},
  "TrustedDevice": {"type": "object", "properties": {"id": {"type": "string"},
    "userAgent": {"type": "string", "nullable": true},
    "country": {"type": "string", "nullable": true}, "city": {"type": "string", "nullable": true},
    "createdAt": {"type": "integer"},
    "lastUsedAt": {"type": "integer", "description": "Latch: when it was trusted"},
    "expiresAt": {"type": "integer"}}},
  "SsoConnectorProvider": {"type": "object", "properties": {
    "providerName": {"type": "string",
      "enum": ["OIDC", "SAML", "AzureAD", "AzureAdOidc", "GoogleWorkspace", "Okta"]},
    "providerType": {"type": "string", "enum": ["oidc", "saml"]},
    "logo": {"type": "string"}, "logoDark": {"type": "string"},
    "description": {"type": "string"}, "name": {"type": "string"}}},
  "SsoBranding": {"type": "object", "properties": {"displayName": {"type": "string"},
    "logo": {"type": "string"}, "darkLogo": {"type": "string"}}},
  "NewSsoConnector": {"type": "object", "required": ["providerName", "connectorName"],
    "additionalProperties": false, "properties": {
      "providerName": {"type": "string"}, "connectorName": {"type": "string", "minLength": 1},
      "config": {"type": "object", "description": "per provider: OIDC issuer, clientId, clientSecret, scope, trustUnverifiedEmail; SAML metadataUrl, metadata, or entityId, signInEndpoint and x509Certificate"},
      "domains": {"type": "array", "items": {"type": "string"}},
      "branding": {"$ref": "#/components/schemas/SsoBranding"},
      "syncProfile": {"type": "boolean"}, "enableTokenStorage": {"type": "boolean"}}},
  "SsoConnectorPatch": {"type": "object", "additionalProperties": false, "properties": {
      "connectorName": {"type": "string", "minLength": 1}, "config": {"type": "object"},
      "domains": {"type": "array", "items": {"type": "string"}},
      "branding": {"$ref": "#/components/schemas/SsoBranding"},
      "syncProfile": {"type": "boolean"}, "enableTokenStorage": {"type": "boolean"}}},
  "SsoConnector": {"type": "object", "properties": {"id": {"type": "string"},
    "providerName": {"type": "string"}, "connectorName": {"type": "string"},
    "config": {"type": "object"}, "domains": {"type": "array", "items": {"type": "string"}},
    "branding": {"$ref": "#/components/schemas/SsoBranding"},
    "syncProfile": {"type": "boolean"}, "enableTokenStorage": {"type": "boolean"},
    "createdAt": {"type": "integer"},
    "redirectUri": {"type": "string", "description": "Latch: the redirect URI to register at the IdP"}}},
  "SsoConnectorDetails": {"allOf": [{"$ref": "#/components/schemas/SsoConnector"}, {"type": "object",
    "properties": {"name": {"type": "string"}, "providerType": {"type": "string"},
      "providerLogo": {"type": "string"}, "providerLogoDark": {"type": "string"},
      "providerConfig": {"type": "object", "description": "what the IdP publishes (OIDC discovery)"}}}]},
  "UserSsoIdentity": {"type": "object", "properties": {"id": {"type": "string"},
    "userId": {"type": "string"}, "issuer": {"type": "string"}, "identityId": {"type": "string"},
    "detail": {"type": "object"}, "ssoConnectorId": {"type": "string"},
    "createdAt": {"type": "integer"}, "updatedAt": {"type": "integer"}}}
})json";

// clang-format on

}  // namespace

boost::json::value schema_of(std::string_view spec) {
  namespace json = boost::json;
  if (spec.starts_with("{")) return json::parse(spec);
  if (spec.starts_with("[")) {
    return json::object{{"type", "array"}, {"items", schema_of(spec.substr(1, spec.size() - 2))}};
  }
  if (spec.starts_with("ids")) {
    std::string key(spec.substr(spec.find(':') + 1));
    json::object items{{"type", "string"}, {"minLength", 1}};
    json::object array{{"type", "array"}, {"items", items}, {"minItems", spec[3] == '0' ? 0 : 1}};
    return json::object{{"type", "object"},
                        {"required", json::array{json::value(key)}},
                        {"additionalProperties", false},
                        {"properties", json::object{{key, array}}}};
  }
  return json::object{{"$ref", "#/components/schemas/" + std::string(spec)}};
}

std::optional<OperationSchema> operation_schema(std::string_view method, std::string_view path) {
  for (const auto& row : kRows) {
    if (row.method == method && row.path == path) return row.schema;
  }
  return std::nullopt;
}

boost::json::object schema_components() { return boost::json::parse(kComponents).as_object(); }

}  // namespace latch::management_api
