#pragma once

#include <exception>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "storage/sql/access_token_repository.hpp"
#include "storage/sql/account_repositories.hpp"
#include "storage/sql/application_repository.hpp"
#include "storage/sql/application_secret_repository.hpp"
#include "storage/sql/client_registration_repository.hpp"
#include "storage/sql/code_repository.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/consent_repositories.hpp"
#include "storage/sql/device_code_repository.hpp"
#include "storage/sql/dump_repository.hpp"
#include "storage/sql/experience_repositories.hpp"
#include "storage/sql/grant_repository.hpp"
#include "storage/sql/interaction_repository.hpp"
#include "storage/sql/jwt_customizer_repository.hpp"
#include "storage/sql/key_repository.hpp"
#include "storage/sql/logout_delivery_repository.hpp"
#include "storage/sql/maintenance_repository.hpp"
#include "storage/sql/mfa_repository.hpp"
#include "storage/sql/organization_invitation_repository.hpp"
#include "storage/sql/organization_repository.hpp"
#include "storage/sql/organization_role_repository.hpp"
#include "storage/sql/organization_scope_repository.hpp"
#include "storage/sql/personal_access_token_repository.hpp"
#include "storage/sql/pushed_request_repository.hpp"
#include "storage/sql/rate_limit_repository.hpp"
#include "storage/sql/refresh_token_repository.hpp"
#include "storage/sql/replay_repository.hpp"
#include "storage/sql/resource_repository.hpp"
#include "storage/sql/role_repository.hpp"
#include "storage/sql/saml_application_repository.hpp"
#include "storage/sql/saml_sso_repository.hpp"
#include "storage/sql/session_repository.hpp"
#include "storage/sql/sso_repositories.hpp"
#include "storage/sql/subject_token_repository.hpp"
#include "storage/sql/user_repository.hpp"
#include "storage/sql/webhook_repository.hpp"
#include "storage/store.hpp"

namespace latch::storage::sql {

// The repositories of one transaction, all bound to the connection that runs it. Made by
// the store after BEGIN and destroyed before COMMIT or ROLLBACK. One thread only.
class SqlTx final : public Tx {
 public:
  explicit SqlTx(Connection& conn);

  ApplicationRepository& applications() override { return applications_; }
  ApplicationSecretRepository& application_secrets() override { return application_secrets_; }
  ResourceRepository& resources() override { return resources_; }
  RoleRepository& roles() override { return roles_; }
  OrganizationRepository& organizations() override { return organizations_; }
  OrganizationRoleRepository& organization_roles() override { return organization_roles_; }
  OrganizationScopeRepository& organization_scopes() override { return organization_scopes_; }
  OrganizationInvitationRepository& organization_invitations() override {
    return organization_invitations_;
  }
  KeyRepository& keys() override { return keys_; }
  UserRepository& users() override { return users_; }
  MfaRepository& mfa() override { return mfa_; }
  SessionRepository& sessions() override { return sessions_; }
  InteractionRepository& interactions() override { return interactions_; }
  GrantRepository& grants() override { return grants_; }
  CodeRepository& codes() override { return codes_; }
  DeviceCodeRepository& device_codes() override { return device_codes_; }
  RefreshTokenRepository& refresh_tokens() override { return refresh_tokens_; }
  AccessTokenRepository& access_tokens() override { return access_tokens_; }
  SubjectTokenRepository& subject_tokens() override { return subject_tokens_; }
  PersonalAccessTokenRepository& personal_access_tokens() override {
    return personal_access_tokens_;
  }
  SignInExperienceRepository& sign_in_experience() override { return sign_in_experience_; }
  MessageConnectorRepository& message_connectors() override { return message_connectors_; }
  VerificationCodeRepository& verification_codes() override { return verification_codes_; }
  SignInFailureRepository& sign_in_failures() override { return sign_in_failures_; }
  ConnectorRepository& connectors() override { return connectors_; }
  SsoConnectorRepository& sso_connectors() override { return sso_connectors_; }
  UserSsoIdentityRepository& user_sso_identities() override { return user_sso_identities_; }
  SamlSsoRepository& saml_sso() override { return saml_sso_; }
  SamlApplicationRepository& saml_applications() override { return saml_applications_; }
  VerificationRecordRepository& verification_records() override { return verification_records_; }
  AccountCenterRepository& account_center() override { return account_center_; }
  LogRepository& logs() override { return logs_; }
  SetupTokenRepository& setup_tokens() override { return setup_tokens_; }
  MaintenanceRepository& maintenance() override { return maintenance_; }
  RateLimitRepository& rate_limits() override { return rate_limits_; }
  ReplayRepository& replays() override { return replays_; }
  PushedRequestRepository& pushed_requests() override { return pushed_requests_; }
  LogoutDeliveryRepository& logout_deliveries() override { return logout_deliveries_; }
  ClientRegistrationRepository& client_registrations() override { return client_registrations_; }
  JwtCustomizerRepository& jwt_customizers() override { return jwt_customizers_; }
  ConsentScopeRepository& consent_scopes() override { return consent_scopes_; }
  AppSignInExperienceRepository& app_sign_in_experiences() override {
    return app_sign_in_experiences_;
  }
  HookRepository& hooks() override { return hooks_; }
  HookDeliveryRepository& hook_deliveries() override { return hook_deliveries_; }
  DumpRepository& dump() override { return dump_; }
  Result<void> bump_epoch(std::string_view cache) override;
  Result<std::map<std::string, std::int64_t>> epochs() override;
  Result<void> lock(std::string_view name) override;
  void after_commit(std::function<void()> then) override {
    after_commit_.push_back(std::move(then));
  }
  // What after_commit() gathered, for the store to run once the transaction has committed.
  std::vector<std::function<void()>> take_after_commit() { return std::move(after_commit_); }

 private:
  Connection& conn_;
  std::vector<std::function<void()>> after_commit_;
  SqlApplicationRepository applications_;
  SqlApplicationSecretRepository application_secrets_;
  SqlResourceRepository resources_;
  SqlRoleRepository roles_;
  SqlOrganizationRepository organizations_;
  SqlOrganizationRoleRepository organization_roles_;
  SqlOrganizationScopeRepository organization_scopes_;
  SqlOrganizationInvitationRepository organization_invitations_;
  SqlKeyRepository keys_;
  SqlUserRepository users_;
  SqlMfaRepository mfa_;
  SqlSessionRepository sessions_;
  SqlInteractionRepository interactions_;
  SqlGrantRepository grants_;
  SqlCodeRepository codes_;
  SqlDeviceCodeRepository device_codes_;
  SqlRefreshTokenRepository refresh_tokens_;
  SqlAccessTokenRepository access_tokens_;
  SqlSubjectTokenRepository subject_tokens_;
  SqlPersonalAccessTokenRepository personal_access_tokens_;
  SqlSignInExperienceRepository sign_in_experience_;
  SqlMessageConnectorRepository message_connectors_;
  SqlVerificationCodeRepository verification_codes_;
  SqlSignInFailureRepository sign_in_failures_;
  SqlConnectorRepository connectors_;
  SqlSsoConnectorRepository sso_connectors_;
  SqlUserSsoIdentityRepository user_sso_identities_;
  SqlSamlSsoRepository saml_sso_;
  SqlSamlApplicationRepository saml_applications_;
  SqlVerificationRecordRepository verification_records_;
  SqlAccountCenterRepository account_center_;
  SqlLogRepository logs_;
  SqlSetupTokenRepository setup_tokens_;
  SqlMaintenanceRepository maintenance_;
  SqlRateLimitRepository rate_limits_;
  SqlReplayRepository replays_;
  SqlPushedRequestRepository pushed_requests_;
  SqlLogoutDeliveryRepository logout_deliveries_;
  SqlClientRegistrationRepository client_registrations_;
  SqlJwtCustomizerRepository jwt_customizers_;
  SqlConsentScopeRepository consent_scopes_;
  SqlAppSignInExperienceRepository app_sign_in_experiences_;
  SqlHookRepository hooks_;
  SqlHookDeliveryRepository hook_deliveries_;
  SqlDumpRepository dump_;
};

// What a committed transaction leaves for its store to do once the connection is free again: the
// callbacks it asked for with after_commit(), and the caches whose epochs it bumped.
struct Committed {
  std::vector<std::function<void()>> callbacks;
  std::vector<std::string> bumped;
  // Runs the callbacks, then `listener` (when set) once per bumped cache.
  void run(const EpochListener& listener);
};

// Runs `fn` on a SqlTx of `conn` in a transaction opened with `begin` (sql::run_transaction). When
// it commits, `committed` receives what is to be done next; the store runs it once it has
// released the connection (so that a callback may open a transaction of its own). What both
// stores' transactions are made of.
[[nodiscard]] Result<void> run_tx(Connection& conn, const std::string& begin, const TxFn& fn,
                                  Committed& committed);

// One caller's part of a group commit (run_batch): its function, and what became of it.
struct BatchJob {
  const TxFn* fn = nullptr;
  Result<void> result = ok();
  Committed committed;        // when `result` is success
  std::exception_ptr thrown;  // what `fn` threw, for its caller to rethrow
};

// Group commit: runs every job's function in one transaction opened with `begin`, each in a
// savepoint of its own, in order, so that the jobs behave as if run one after another. A job
// whose function fails (or throws) is rolled back to its savepoint alone and keeps its error;
// the others commit together, and share COMMIT's result. Each job's `committed` is filled for
// its caller to run once the connection is released. One job alone is run_tx().
void run_batch(Connection& conn, const std::string& begin, std::span<BatchJob* const> jobs);

}  // namespace latch::storage::sql
