#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/account_repositories.hpp"
#include "storage/app_sign_in_experience_repository.hpp"
#include "storage/client_registration_repository.hpp"
#include "storage/consent_repositories.hpp"
#include "storage/device_code_repository.hpp"
#include "storage/experience_repositories.hpp"
#include "storage/jwt_customizer_repository.hpp"
#include "storage/logout_delivery_repository.hpp"
#include "storage/maintenance_repository.hpp"
#include "storage/mfa_repository.hpp"
#include "storage/organization_repositories.hpp"
#include "storage/personal_access_token_repository.hpp"
#include "storage/pushed_request_repository.hpp"
#include "storage/rate_limit_repository.hpp"
#include "storage/replay_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/saml_application_repository.hpp"
#include "storage/saml_sso_repository.hpp"
#include "storage/sso_repositories.hpp"
#include "storage/subject_token_repository.hpp"
#include "storage/webhook_repository.hpp"

namespace latch::storage {

// One unit of work. Every read and write goes through the repositories a Tx hands out, so a write
// outside a transaction does not compile. Belongs to one thread for its lifetime.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual ApplicationRepository& applications() = 0;
  virtual ApplicationSecretRepository& application_secrets() = 0;
  virtual ResourceRepository& resources() = 0;
  virtual RoleRepository& roles() = 0;
  // Organizations (storage/organization_repositories.hpp).
  virtual OrganizationRepository& organizations() = 0;
  virtual OrganizationRoleRepository& organization_roles() = 0;
  virtual OrganizationScopeRepository& organization_scopes() = 0;
  virtual OrganizationInvitationRepository& organization_invitations() = 0;
  virtual KeyRepository& keys() = 0;
  virtual UserRepository& users() = 0;
  // Users' second factors and trusted devices (storage/mfa_repository.hpp).
  virtual MfaRepository& mfa() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual InteractionRepository& interactions() = 0;
  virtual GrantRepository& grants() = 0;
  virtual CodeRepository& codes() = 0;
  // The device authorization grant, RFC 8628 (storage/device_code_repository.hpp).
  virtual DeviceCodeRepository& device_codes() = 0;
  virtual RefreshTokenRepository& refresh_tokens() = 0;
  virtual AccessTokenRepository& access_tokens() = 0;
  // Subject tokens for token exchange, RFC 8693 (storage/subject_token_repository.hpp).
  virtual SubjectTokenRepository& subject_tokens() = 0;
  // Users' personal access tokens (storage/personal_access_token_repository.hpp).
  virtual PersonalAccessTokenRepository& personal_access_tokens() = 0;
  // The hosted sign-in experience (storage/experience_repositories.hpp).
  virtual SignInExperienceRepository& sign_in_experience() = 0;
  virtual MessageConnectorRepository& message_connectors() = 0;
  virtual VerificationCodeRepository& verification_codes() = 0;
  virtual SignInFailureRepository& sign_in_failures() = 0;
  virtual ConnectorRepository& connectors() = 0;
  // Enterprise SSO (storage/sso_repositories.hpp).
  virtual SsoConnectorRepository& sso_connectors() = 0;
  virtual UserSsoIdentityRepository& user_sso_identities() = 0;
  // SAML SSO connectors (storage/saml_sso_repository.hpp).
  virtual SamlSsoRepository& saml_sso() = 0;
  // SAML applications (storage/saml_application_repository.hpp).
  virtual SamlApplicationRepository& saml_applications() = 0;
  // The account center (storage/account_repositories.hpp).
  virtual VerificationRecordRepository& verification_records() = 0;
  virtual AccountCenterRepository& account_center() = 0;
  virtual LogRepository& logs() = 0;
  virtual SetupTokenRepository& setup_tokens() = 0;
  virtual MaintenanceRepository& maintenance() = 0;
  // Rate-limit counts shared by nodes (storage/rate_limit_repository.hpp).
  virtual RateLimitRepository& rate_limits() = 0;
  // One-time values (jti) shared by nodes (storage/replay_repository.hpp).
  virtual ReplayRepository& replays() = 0;
  // Pushed authorization requests, RFC 9126 (storage/pushed_request_repository.hpp).
  virtual PushedRequestRepository& pushed_requests() = 0;
  // Back-channel logout notices waiting to be sent (storage/logout_delivery_repository.hpp).
  virtual LogoutDeliveryRepository& logout_deliveries() = 0;
  // Dynamic client registration, RFC 7591/7592 (storage/client_registration_repository.hpp).
  virtual ClientRegistrationRepository& client_registrations() = 0;
  // Custom JWT claims scripts (storage/jwt_customizer_repository.hpp).
  virtual JwtCustomizerRepository& jwt_customizers() = 0;
  // What third-party apps may ask users to consent to (storage/consent_repositories.hpp).
  virtual ConsentScopeRepository& consent_scopes() = 0;
  // Per-application sign-in experience (storage/app_sign_in_experience_repository.hpp).
  virtual AppSignInExperienceRepository& app_sign_in_experiences() = 0;
  // Webhooks, their outbox and delivery log (storage/webhook_repository.hpp).
  virtual HookRepository& hooks() = 0;
  virtual HookDeliveryRepository& hook_deliveries() = 0;
  // Whole tables, for latch db export / import.
  virtual DumpRepository& dump() = 0;
  // Records that cached data named `cache` ("applications", "resources", "keys", ...) changed,
  // so every node reloads it. Committed with the transaction.
  [[nodiscard]] virtual Result<void> bump_epoch(std::string_view cache) = 0;
  // The current version of each cache epoch, as this transaction sees it: read with the data in
  // one snapshot, so a cache knows which version it holds.
  [[nodiscard]] virtual Result<std::map<std::string, std::int64_t>> epochs() = 0;
  // Makes this read-write transaction wait for, then exclude, every other transaction on any
  // node that locks the same `name`, until it ends. For check-then-insert steps that several
  // nodes may run at once (first start, first operator). What was read before the call may be
  // stale: read after it. (PostgreSQL: an advisory transaction lock; SQLite runs one writer at a
  // time anyway.)
  [[nodiscard]] virtual Result<void> lock(std::string_view name) = 0;
  // Runs `then` on this thread once the transaction has committed, never when it rolls back: to
  // wake a worker for what the transaction queued. `then` must not throw or touch the
  // transaction.
  virtual void after_commit(std::function<void()> then) = 0;
};

using TxFn = std::function<Result<void>(Tx&)>;

// Announcements, from the database, that another node or process committed an epoch bump
// (PostgreSQL LISTEN/NOTIFY). Used by one thread, which waits; any thread may interrupt it.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Blocks until a change is announced, `timeout` passes or interrupt() is called. When the
  // database connection is lost it reconnects on a later call; announcements made meanwhile are
  // lost, which is why callers also re-check the epochs periodically.
  virtual void wait(std::chrono::milliseconds timeout) = 0;
  // Makes the current or the next wait() return at once. Thread-safe.
  virtual void interrupt() = 0;
};

// Told the name of a cache whose epoch a committed transaction bumped (Store::on_epoch_bump).
using EpochListener = std::function<void(const std::string& cache)>;

// A database. Implementations: SqliteStore (embedded default), PostgresStore (storage/postgres).
// Thread-safe. Every call blocks on I/O: call it from the blocking pool, never an I/O thread.
class Store {
 public:
  virtual ~Store() = default;
  // Calls `listener` after each transaction of this process that bumped an epoch has committed,
  // on the committing thread, once per cache, with the connection already released. So this
  // process's caches hold a change before the call that made it returns; other processes learn
  // of it through epochs() and changes(). Set once, before the store is shared between threads.
  void on_epoch_bump(EpochListener listener) { epoch_listener_ = std::move(listener); }
  // Runs `fn` in a read-write transaction: commits when it returns success, rolls back when it
  // returns an error (which is passed through). Unavailable when the database stays busy.
  [[nodiscard]] virtual Result<void> transact(const TxFn& fn) = 0;
  // Runs `fn` in a read-only transaction (a consistent snapshot). Writes inside fail.
  [[nodiscard]] virtual Result<void> read(const TxFn& fn) = 0;
  // Applies pending migrations in order, dating each with `clock`. Idempotent.
  [[nodiscard]] virtual Result<void> migrate(const Clock& clock) = 0;
  // Highest applied migration version (0 for an empty database).
  [[nodiscard]] virtual Result<int> schema_version() = 0;
  // The current version of each cache epoch (see Tx::bump_epoch). Cheap: one small query.
  [[nodiscard]] virtual Result<std::map<std::string, std::int64_t>> epochs() = 0;
  // A feed of committed epoch bumps, or nullptr when the database has none (SQLite: callers
  // poll epochs()).
  virtual std::unique_ptr<ChangeFeed> changes() { return nullptr; }
  // True when other processes' commits reach this one only through changes(): there is no
  // commit_count() to check, and a cache is as current as the feed keeps it (PostgreSQL).
  virtual bool announces_commits() const { return false; }
  // A number that changes whenever any connection or process commits to the database, read
  // without waiting for I/O, so that a cache may be checked cheaply, even on an I/O thread
  // (oidc::Catalog::known_current). SQLite: PRAGMA data_version on a connection kept for it.
  [[nodiscard]] virtual Result<std::int64_t> commit_count() {
    return make_error(Errc::Internal, "this store does not count commits");
  }
  // True when several nodes may serve from this database (PostgreSQL), so that what they must
  // agree on live (rate-limit counts) has to be kept here rather than in a node's memory.
  virtual bool shared_by_nodes() const { return false; }

 protected:
  const EpochListener& epoch_listener() const { return epoch_listener_; }

 private:
  EpochListener epoch_listener_;
};

// How open_store() sizes a PostgreSQL store (SQLite ignores it).
struct StoreOptions {
  std::size_t pool_size = 10;                    // connections per node
  std::chrono::milliseconds pool_timeout{5000};  // wait for a free connection, then Unavailable
};

// Opens the database named by `url`: a file path (SQLite) or postgres://... (PostgreSQL).
// Does not migrate.
[[nodiscard]] Result<std::unique_ptr<Store>> open_store(const std::string& url,
                                                        const StoreOptions& options = {});

}  // namespace latch::storage
