#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "crypto/aead.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/social/social_connectors.hpp"
#include "experience/sso/sso_connectors.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "management/mfa_service.hpp"
#include "management_api/api_kit.hpp"
#include "oidc/audit_log.hpp"
#include "oidc/custom_claims.hpp"
#include "oidc/interaction_ui.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"

namespace latch::management_api {

struct ManagementApiDeps {
  const Config& config;
  storage::Store& store;
  const crypto::SecretBox& secrets;
  const oidc::KeyStore& keys;
  experience::SocialConnectors& social;
  experience::SsoConnectors& sso;
  const experience::SettingsStore& settings;
  const Clock& clock;
  const http::Pools& pools;
  const management::MfaService& mfa;
  // Explains an error to a person, on the routes a browser follows (SAML apps' SSO service).
  const oidc::InteractionUi& ui;
  // Runs custom JWT claims scripts for POST /api/configs/jwt-customizer/test; none: that route
  // answers 503.
  const oidc::ClaimsCustomizer* claims = nullptr;
  // The protocol endpoints' audit events, written in batches: the log routes write what is
  // queued before they read, so a read sees every event recorded before it. None: read as is.
  oidc::AuditQueue* audit = nullptr;
};

// Logto's Management API under /api: applications, users (and their MFA factors and trusted
// devices), connectors and connector factories, resources and their scopes, roles,
// organizations and their template, audit logs. Every change made through it is itself logged.
// Every route takes a management access token (oidc::authorize_management); handlers run on the
// database pool, or the pool their route names (Routes::on). (The sign-in experience routes live
// with the experience module.)
class ManagementApi {
 public:
  explicit ManagementApi(ManagementApiDeps deps) : deps_(std::move(deps)) {}
  // Mounts every route and GET /api/swagger.json, the OpenAPI document made from them.
  void mount(http::Router& router);

  // One documented route.
  struct RouteDoc {
    std::string method;  // get, post, patch, put, delete
    std::string path;    // /api/users/:userId
    std::string summary;
  };

  // A handler of a route table: the deps it may use and the authorized call.
  using RouteFn = Result<http::Response> (*)(const ManagementApiDeps& deps, const Call& call);

  // One row of a route table: method, path under /api, what it does (for the OpenAPI
  // document), the named handler, and the pool it runs on: Lane::Hashing for a handler that
  // hashes or checks a password, Lane::Outbound for one that calls a provider.
  struct Route {
    http::bhttp::verb method;
    std::string_view path;
    std::string_view summary;
    RouteFn handler;
    http::Lane lane = http::Lane::Database;
  };

  // Registers a surface's route table under /api, each route behind the management token
  // check, and remembers the routes for the OpenAPI document.
  class Routes {
   public:
    Routes(ManagementApi& api, http::Router::Group& group) : api_(api), group_(group) {}
    void add(std::initializer_list<Route> table);

   private:
    ManagementApi& api_;
    http::Router::Group& group_;
  };

  const std::vector<RouteDoc>& routes() const { return docs_; }

 private:
  http::asio::awaitable<http::Response> run(http::Request& req, const Handler& handler,
                                            http::Lane lane, std::string_view route);
  void mount_applications(Routes& r);
  void mount_application_secrets(Routes& r);
  void mount_application_consent_scopes(Routes& r);
  void mount_application_sign_in_experience(Routes& r);
  void mount_users(Routes& r);
  void mount_personal_access_tokens(Routes& r);
  // A user's MFA factors and trusted devices (user_mfa_routes.cpp).
  void mount_user_mfa(Routes& r);
  void mount_connectors(Routes& r);
  // Enterprise SSO connectors, their JIT organizations, users' SSO identities
  // (sso_connectors_routes.cpp).
  void mount_sso_connectors(Routes& r);
  // ---- SAML applications (branch sso-saml-apps): /api/saml-applications
  // (saml_applications_routes.cpp) and the anonymous metadata and sign-in routes
  // (saml_sign_in_routes.cpp).
  void mount_saml_applications(Routes& r);
  void mount_saml_sign_in(http::Router::Group& g);
  void mount_resources(Routes& r);
  // /api/roles (roles_routes.cpp); the roles of a user or an app (role_holders_routes.cpp).
  void mount_roles(Routes& r);
  void mount_role_holders(Routes& r);
  // Organizations (organizations_routes.cpp), their members (organization_members_routes.cpp),
  // JIT rules (organization_jit_routes.cpp) and the template (organization_template_routes.cpp).
  void mount_organizations(Routes& r);
  void mount_organization_members(Routes& r);
  void mount_organization_jit(Routes& r);
  void mount_organization_template(Routes& r);
  void mount_logs(Routes& r);
  // /api/organization-invitations (organization_invitations_routes.cpp).
  void mount_organization_invitations(Routes& r);
  // /api/account-center (account_center_routes.cpp).
  void mount_account_center(Routes& r);
  // /api/subject-tokens, for token exchange (subject_tokens_routes.cpp).
  void mount_subject_tokens(Routes& r);
  // /api/initial-access-tokens for dynamic client registration, RFC 7591 §3
  // (initial_access_tokens_routes.cpp).
  void mount_initial_access_tokens(Routes& r);
  // Custom JWT claims scripts (jwt_customizer_routes.cpp).
  void mount_jwt_customizer(Routes& r);
  // /api/hooks: webhooks (hooks_routes.cpp).
  void mount_hooks(Routes& r);

  ManagementApiDeps deps_;
  std::vector<RouteDoc> docs_;
};

// The OpenAPI 3.0 document of `routes` (plus the sign-in experience routes the experience
// module serves), as served at /api/swagger.json.
boost::json::object openapi_document(const std::vector<ManagementApi::RouteDoc>& routes,
                                     std::string_view endpoint);

}  // namespace latch::management_api
