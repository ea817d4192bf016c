#include "storage/migrations/migration.hpp"

#include <array>

#include "storage/migrations/v10_organizations.hpp"
#include "storage/migrations/v11_mfa.hpp"
#include "storage/migrations/v12_account.hpp"
#include "storage/migrations/v13_sso_connectors.hpp"
#include "storage/migrations/v14_saml_sso.hpp"
#include "storage/migrations/v15_saml_applications.hpp"
#include "storage/migrations/v16_client_auth.hpp"
#include "storage/migrations/v17_device_flow.hpp"
#include "storage/migrations/v18_pushed_requests.hpp"
#include "storage/migrations/v19_token_exchange.hpp"
#include "storage/migrations/v1_initial_schema.hpp"
#include "storage/migrations/v20_backchannel_logout.hpp"
#include "storage/migrations/v21_client_registration.hpp"
#include "storage/migrations/v22_dpop_code_binding.hpp"
#include "storage/migrations/v23_custom_claims.hpp"
#include "storage/migrations/v24_webhooks.hpp"
#include "storage/migrations/v25_password_algorithm.hpp"
#include "storage/migrations/v26_application_secrets.hpp"
#include "storage/migrations/v27_application_model.hpp"
#include "storage/migrations/v28_personal_access_tokens.hpp"
#include "storage/migrations/v2_sign_in_experience.hpp"
#include "storage/migrations/v3_social_connectors.hpp"
#include "storage/migrations/v4_management_api.hpp"
#include "storage/migrations/v5_admins.hpp"
#include "storage/migrations/v6_user_search.hpp"
#include "storage/migrations/v7_hardening.hpp"
#include "storage/migrations/v8_rate_limits.hpp"
#include "storage/migrations/v9_roles.hpp"

namespace latch::storage::migrations {
namespace {

// Append new migrations here; never edit or reorder one that has shipped.
const std::array kMigrations{
    Migration{1, "initial schema", kV1InitialSchema},
    Migration{2, "sign-in experience", kV2SignInExperience},
    Migration{3, "social connectors", kV3SocialConnectors},
    Migration{4, "audit log and management API resources", kV4ManagementApi},
    Migration{5, "operators", kV5Admins},
    Migration{6, "user search by prefix", kV6UserSearch, kV6UserSearchPostgres},
    Migration{7, "hardening", kV7Hardening},
    Migration{8, "rate limits shared by nodes", kV8RateLimits},
    Migration{9, "roles", kV9Roles},
    Migration{10, "organizations", kV10Organizations},
    Migration{11, "multi-factor authentication", kV11Mfa},
    Migration{12, "account center", kV12Account},
    Migration{13, "enterprise SSO connectors", kV13SsoConnectors},
    Migration{14, "SAML SSO connectors", kV14SamlSso},
    Migration{15, "SAML applications", kV15SamlApplications},
    Migration{16, "client assertions: replay guard, client auth methods and keys", kV16ClientAuth},
    Migration{17, "device authorization grant", kV17DeviceFlow},
    Migration{18, "pushed authorization requests", kV18PushedRequests},
    Migration{19, "token exchange: subject tokens, allowTokenExchange", kV19TokenExchange},
    Migration{20, "back-channel logout", kV20BackchannelLogout},
    Migration{21, "dynamic client registration", kV21ClientRegistration},
    Migration{22, "authorization codes bound to a DPoP key", kV22DpopCodeBinding},
    Migration{23, "custom data on resources, custom JWT claims", kV23CustomClaims},
    Migration{24, "webhooks", kV24Webhooks},
    Migration{25, "password algorithm: digests brought from elsewhere", kV25PasswordAlgorithm},
    Migration{26, "application secrets: several per app, named, with an expiry",
              kV26ApplicationSecrets},
    Migration{27, "applications: Logto's customClientMetadata token settings",
              kV27ApplicationModel},
    Migration{28, "personal access tokens", kV28PersonalAccessTokens},
};

}  // namespace

std::span<const Migration> all() { return kMigrations; }

int latest_version() { return kMigrations.back().version; }

}  // namespace latch::storage::migrations
