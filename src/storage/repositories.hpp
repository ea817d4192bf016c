#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "model/application.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/resource.hpp"
#include "model/role.hpp"
#include "model/signing_key.hpp"
#include "model/user.hpp"
#include "storage/user_search.hpp"

// One small interface per aggregate. Instances are obtained from a storage::Tx and are valid only
// inside the transaction that produced them. Not thread-safe (a Tx belongs to one thread).
// Errors: NotFound for a missing row where one is required, Conflict for a unique-key clash
// (keyed with Logto's code where it has one, see Error::key; the description names the field),
// Unavailable when the database is busy, Internal otherwise.
// Inserts and puts that reference a missing parent row (a grant's user or client, a scope's
// resource) fail with NotFound. After an error, return it from the transaction's fn rather than
// carrying on: on PostgreSQL a failed statement aborts the whole transaction.
// The behaviour below is pinned by the storage suite in tests/storage, run against every backend.
namespace latch::storage {

struct Page {
  int page = 1;  // 1-based
  int page_size = 20;
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::Application& app) = 0;
  // Replaces every field but id and created_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const model::Application& app) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Application>> find(std::string_view id) = 0;
  // Ordered by created_at descending, then id.
  [[nodiscard]] virtual Result<std::vector<model::Application>> list(Page page) = 0;
  [[nodiscard]] virtual Result<std::vector<model::Application>> list_all() = 0;
  [[nodiscard]] virtual Result<std::int64_t> count() = 0;
  // NotFound when absent. Removes the app's grants, codes and tokens too (and its role
  // assignments and interactions).
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // The apps among `ids` (any order; unknown ids are skipped).
  [[nodiscard]] virtual Result<std::vector<model::Application>> find_many(
      const std::vector<std::string>& ids) = 0;
};

// Applications' client secrets (model::ApplicationSecret). Every write bumps the "applications"
// epoch, so the token endpoint's catalog sees it.
class ApplicationSecretRepository {
 public:
  virtual ~ApplicationSecretRepository() = default;
  // Conflict "application.secret_name_exists" when the app has a secret of that name; NotFound
  // when the app is absent.
  [[nodiscard]] virtual Result<void> insert(const model::ApplicationSecret& secret) = 0;
  // The app's secrets, oldest first (then by name).
  [[nodiscard]] virtual Result<std::vector<model::ApplicationSecret>> list(
      std::string_view application_id) = 0;
  // Every app's secrets, by application_id, then as list() orders them.
  [[nodiscard]] virtual Result<std::vector<model::ApplicationSecret>> list_all() = 0;
  // NotFound when the app has no secret `name`; Conflict as insert() when `new_name` is taken.
  [[nodiscard]] virtual Result<void> rename(std::string_view application_id, std::string_view name,
                                            std::string_view new_name) = 0;
  // NotFound when the app has no secret `name`.
  [[nodiscard]] virtual Result<void> remove(std::string_view application_id,
                                            std::string_view name) = 0;
};

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;
  // Inserts the resource and its scopes. Conflict when the indicator exists.
  [[nodiscard]] virtual Result<void> insert(const model::Resource& resource) = 0;
  // Replaces every field but id, created_at, is_default and scopes. NotFound when absent;
  // Conflict when the indicator is taken.
  [[nodiscard]] virtual Result<void> update(const model::Resource& resource) = 0;  // not scopes
  // Makes `id` the default resource (the one a token request naming no resource gets) or not.
  // At most one resource is the default: setting one clears the others. NotFound when absent.
  [[nodiscard]] virtual Result<void> set_default(std::string_view id, bool is_default) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Resource>> find(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Resource>> find_by_indicator(
      std::string_view indicator) = 0;
  // With scopes, ordered by created_at descending.
  [[nodiscard]] virtual Result<std::vector<model::Resource>> list_all() = 0;
  // NotFound when absent. Removes its scopes and application grants too.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
  // Conflict when the resource already has a scope of that name.
  [[nodiscard]] virtual Result<void> insert_scope(const model::Scope& scope) = 0;
  // Removes the scope from every role too. NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_scope(std::string_view scope_id) = 0;
  // Replaces name and description of scope `scope.id`. NotFound when absent; Conflict keyed
  // scope.name_exists when the resource has another scope of that name.
  [[nodiscard]] virtual Result<void> update_scope(const model::Scope& scope) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Scope>> find_scope(std::string_view id) = 0;
  // The scopes among `ids` (ordered by created_at, then id; unknown ids are skipped).
  [[nodiscard]] virtual Result<std::vector<model::Scope>> find_scopes(
      const std::vector<std::string>& ids) = 0;
};

// Which roles list: `search` matches a substring of the id, name or description, ignoring ASCII
// case (Logto's role search; `%` marks are ignored). Empty = all.
struct RoleFilter {
  std::string search;
  std::optional<model::RoleType> type;
  std::vector<std::string> exclude_ids;  // roles not to list (the ones a user already holds)
};

// How many users and apps hold a role.
struct RoleCounts {
  std::string role_id;
  std::int64_t users = 0;
  std::int64_t applications = 0;
};

// A role holding a scope (the API resource page's "used by" column).
struct ScopeRole {
  std::string scope_id;
  model::Role role;
};

// A scope that an app's roles grant it.
struct ApplicationScope {
  std::string application_id;
  std::string resource_id;
  std::string scope;  // its name
};

// Role-based access control: roles, the scopes they hold, and who holds them (Logto's roles,
// roles_scopes, users_roles and applications_roles). Users' roles are read in the transaction
// that issues their tokens. What apps' roles grant is cached by the token endpoint's catalog
// (oidc/catalog.hpp): every write that can change it bumps the "roles" epoch.
// Users hold only User roles and applications only MachineToMachine roles (the database refuses
// the other type; see the assign_* contracts).
class RoleRepository {
 public:
  virtual ~RoleRepository() = default;
  // Conflict keyed role.name_in_use when the name is taken.
  [[nodiscard]] virtual Result<void> insert(const model::Role& role) = 0;
  // Replaces name, description and is_default (not type). NotFound; Conflict as for insert.
  [[nodiscard]] virtual Result<void> update(const model::Role& role) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Role>> find(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Role>> find_by_name(std::string_view name) = 0;
  // The roles among `ids`, ordered by name (unknown ids are skipped).
  [[nodiscard]] virtual Result<std::vector<model::Role>> find_many(
      const std::vector<std::string>& ids) = 0;
  // Ordered by created_at, then id. InvalidRequest when the search is not UTF-8.
  [[nodiscard]] virtual Result<std::vector<model::Role>> list(const RoleFilter& filter,
                                                              Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(const RoleFilter& filter) = 0;
  // NotFound when absent. Removes its scopes and assignments too.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::vector<RoleCounts>> counts(
      const std::vector<std::string>& role_ids) = 0;

  // Scopes of a role, any resource, ordered by created_at, then id.
  [[nodiscard]] virtual Result<std::vector<model::Scope>> scopes(std::string_view role_id) = 0;
  // NotFound when the role or a scope is absent; Conflict keyed role.scope_exists when the role
  // already holds one of them. All or nothing.
  [[nodiscard]] virtual Result<void> add_scopes(std::string_view role_id,
                                                const std::vector<std::string>& scope_ids) = 0;
  // NotFound when the role does not hold the scope.
  [[nodiscard]] virtual Result<void> remove_scope(std::string_view role_id,
                                                  std::string_view scope_id) = 0;
  // The roles holding each scope of resource `resource_id`, ordered by scope, then role name.
  [[nodiscard]] virtual Result<std::vector<ScopeRole>> roles_of_resource(
      std::string_view resource_id) = 0;

  // NotFound when the role or user is absent; Conflict keyed role.user_exists when the user
  // already holds it; InvalidRequest when the role is not a User role. Callers check the type
  // first to answer with Logto's codes (user.invalid_role_type, application.invalid_role_type).
  [[nodiscard]] virtual Result<void> assign_user(std::string_view role_id, std::string_view user_id,
                                                 std::int64_t at) = 0;
  // NotFound when the user does not hold the role.
  [[nodiscard]] virtual Result<void> unassign_user(std::string_view role_id,
                                                   std::string_view user_id) = 0;
  // The user's roles, ordered by name.
  [[nodiscard]] virtual Result<std::vector<model::Role>> roles_of_user(
      std::string_view user_id) = 0;
  // The role's users with the user search of UserRepository::list, ordered by the time they were
  // given the role, then id.
  [[nodiscard]] virtual Result<std::vector<model::User>> users(std::string_view role_id,
                                                               std::string_view search,
                                                               Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_users(std::string_view role_id,
                                                         std::string_view search) = 0;

  // Users who do not hold the role (the candidates to give it to), with the same search, newest
  // first: GET /api/users?excludeRoleId=.
  [[nodiscard]] virtual Result<std::vector<model::User>> users_without(std::string_view role_id,
                                                                       std::string_view search,
                                                                       Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_users_without(std::string_view role_id,
                                                                 std::string_view search) = 0;

  // As for users: Conflict keyed role.application_exists.
  [[nodiscard]] virtual Result<void> assign_application(std::string_view role_id,
                                                        std::string_view application_id,
                                                        std::int64_t at) = 0;
  [[nodiscard]] virtual Result<void> unassign_application(std::string_view role_id,
                                                          std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<std::vector<model::Role>> roles_of_application(
      std::string_view application_id) = 0;
  // Ordered by the time they were given the role, then id. `search` matches a substring of the
  // id or name, ignoring ASCII case.
  [[nodiscard]] virtual Result<std::vector<model::Application>> applications(
      std::string_view role_id, std::string_view search, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_applications(std::string_view role_id,
                                                                std::string_view search) = 0;
  // Machine-to-machine apps that do not hold the role, with the same search, newest first.
  [[nodiscard]] virtual Result<std::vector<model::Application>> applications_without(
      std::string_view role_id, std::string_view search, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_applications_without(
      std::string_view role_id, std::string_view search) = 0;

  // The names of the scopes of resource `resource_id` that the user's roles (or the app's) grant,
  // deduplicated, ordered by name: what a token for that resource may carry. One indexed query.
  [[nodiscard]] virtual Result<std::vector<std::string>> user_scopes(
      std::string_view user_id, std::string_view resource_id) = 0;
  [[nodiscard]] virtual Result<std::vector<std::string>> application_scopes(
      std::string_view application_id, std::string_view resource_id) = 0;
  // What every app's roles grant it, deduplicated, ordered by app, resource and scope name.
  [[nodiscard]] virtual Result<std::vector<ApplicationScope>> all_application_scopes() = 0;
  // Every scope of every resource the user's roles grant, with the roles that grant it: the
  // effective permissions (GET /api/users/:id/scopes). Ordered by resource, then scope name.
  [[nodiscard]] virtual Result<std::vector<ScopeRole>> user_scope_sources(
      std::string_view user_id) = 0;
};

class KeyRepository {
 public:
  virtual ~KeyRepository() = default;
  // Conflict when the kid exists, or when `key` is Current and its alg already has a Current key
  // (rotate with retire_current() then insert(), in one transaction).
  [[nodiscard]] virtual Result<void> insert(const model::SigningKey& key) = 0;
  // Ordered by created_at descending.
  [[nodiscard]] virtual Result<std::vector<model::SigningKey>> list_all() = 0;
  // Marks the Current key of `alg` Previous with the given retire_at (no-op when none).
  [[nodiscard]] virtual Result<void> retire_current(std::string_view alg,
                                                    std::int64_t retire_at) = 0;
  // Deletes Previous keys whose retire_at is before `now`.
  [[nodiscard]] virtual Result<void> purge_retired(std::int64_t now) = 0;
};

// UserRepository::replace_password_hash's arguments.
struct PasswordHashSwap {
  std::string_view user_id;
  std::string_view expected_hash;  // the hash as read
  std::string_view hash, algorithm;
  std::int64_t at = 0;  // updated_at, epoch milliseconds
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Conflict keyed user.username_already_in_use, user.email_already_in_use or
  // user.phone_already_in_use when a unique identifier is taken. Gives the user every default
  // User role (Role::is_default), whichever path creates the user.
  [[nodiscard]] virtual Result<void> insert(const model::User& user) = 0;
  // Replaces every field but id and created_at. NotFound when absent; Conflict as for insert.
  [[nodiscard]] virtual Result<void> update(const model::User& user) = 0;
  [[nodiscard]] virtual Result<std::optional<model::User>> find(std::string_view id) = 0;
  // Case-insensitive.
  [[nodiscard]] virtual Result<std::optional<model::User>> find_by_username(std::string_view u) = 0;
  [[nodiscard]] virtual Result<std::optional<model::User>> find_by_email(std::string_view e) = 0;
  [[nodiscard]] virtual Result<std::optional<model::User>> find_by_phone(std::string_view p) = 0;
  // The user whose identities hold `identity_id` at `target` (users.identities[target].userId).
  // insert and update keep that index in step; Conflict keyed user.identity_already_in_use
  // when another user has the same identity.
  [[nodiscard]] virtual Result<std::optional<model::User>> find_by_identity(
      std::string_view target, std::string_view identity_id) = 0;
  // `search` matches the start of the id, username, email, phone or name, ignoring ASCII case,
  // through indexes (fast at millions of users). As in Logto, `%` stands for anything: a
  // trailing one changes nothing, a leading one ("%example.com") makes it a substring search,
  // which scans every user. Empty (or only `%`) = all. Ordered by created_at descending, then
  // id. InvalidRequest when `search` is not UTF-8.
  [[nodiscard]] virtual Result<std::vector<model::User>> list(std::string_view search,
                                                              Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(std::string_view search) = 0;
  // Logto's advanced search (storage/user_search.hpp), newest first, then by id. A Posix or
  // SimilarTo pattern that is no regular expression matches nothing (check it before).
  [[nodiscard]] virtual Result<std::vector<model::User>> search(const UserSearch& search,
                                                                Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_search(const UserSearch& search) = 0;
  // Replaces the user's password hash and algorithm (and updated_at) only while the stored hash
  // is still `expected_hash`: a password set meanwhile wins. False when nothing was replaced
  // (the hash changed, or the user is gone).
  [[nodiscard]] virtual Result<bool> replace_password_hash(const PasswordHashSwap& swap) = 0;
  // NotFound when absent. Removes the user's sessions, interactions, grants, codes and tokens.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // Operators: users who hold the built-in operator role (model::kOperatorRoleId), and so
  // administer this Latch. NotFound when the user is absent; granting twice is no error.
  [[nodiscard]] virtual Result<void> set_admin(std::string_view user_id, bool admin,
                                               std::int64_t at) = 0;
  [[nodiscard]] virtual Result<bool> is_admin(std::string_view user_id) = 0;
  // In the order they were made operators.
  [[nodiscard]] virtual Result<std::vector<std::string>> admin_ids() = 0;
};

// Browser sessions, interactions, grants, codes and tokens of the authorization code flow.
class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::BrowserSession& s) = 0;
  // Replaces user_id, auth_time and expires_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const model::BrowserSession& s) = 0;
  [[nodiscard]] virtual Result<std::optional<model::BrowserSession>> find(
      std::string_view id_hash) = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view id_hash) = 0;  // ok when absent
  // The user's sessions unexpired at `now` (seconds), newest first.
  [[nodiscard]] virtual Result<std::vector<model::BrowserSession>> list_for_user(
      std::string_view user_id, std::int64_t now) = 0;
};

class InteractionRepository {
 public:
  virtual ~InteractionRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::Interaction& i) = 0;
  // Replaces every field but uid and created_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const model::Interaction& i) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Interaction>> find(std::string_view uid) = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view uid) = 0;  // ok when absent
};

class GrantRepository {
 public:
  virtual ~GrantRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::Grant& g) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Grant>> find(std::string_view id) = 0;
  // Marks the grant revoked and deletes its codes, refresh tokens and opaque access tokens.
  // NotFound when absent; revoking twice succeeds.
  [[nodiscard]] virtual Result<void> revoke(std::string_view id) = 0;
  // The user's grants that are neither revoked nor expired at `now` (seconds), oldest first.
  [[nodiscard]] virtual Result<std::vector<model::Grant>> list_live_for_user(
      std::string_view user_id, std::int64_t now) = 0;
};

class CodeRepository {
 public:
  virtual ~CodeRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::AuthorizationCode& c) = 0;
  // The code with this hash, consumed or not; nullopt when there is none.
  [[nodiscard]] virtual Result<std::optional<model::AuthorizationCode>> find(
      std::string_view code_hash) = 0;
  // Atomically marks the code consumed at `now` (a conditional update, safe across nodes).
  // AlreadyConsumed carries the code so the caller can revoke its grant. REQUIRES: now > 0
  // (InvalidRequest otherwise; 0 means unused).
  [[nodiscard]] virtual Result<model::Consumed<model::AuthorizationCode>> consume(
      std::string_view code_hash, std::int64_t now) = 0;
};

class RefreshTokenRepository {
 public:
  virtual ~RefreshTokenRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::RefreshToken& t) = 0;
  [[nodiscard]] virtual Result<std::optional<model::RefreshToken>> find(
      std::string_view token_hash) = 0;
  // Atomically sets consumed_at = now if it is 0. AlreadyConsumed carries the token (with its
  // earlier consumed_at) so the caller can apply the reuse leeway or revoke the grant.
  // REQUIRES: now > 0.
  [[nodiscard]] virtual Result<model::Consumed<model::RefreshToken>> consume(
      std::string_view token_hash, std::int64_t now) = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view token_hash) = 0;  // ok when absent
};

class AccessTokenRepository {
 public:
  virtual ~AccessTokenRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::OpaqueAccessToken& t) = 0;
  [[nodiscard]] virtual Result<std::optional<model::OpaqueAccessToken>> find(
      std::string_view token_hash) = 0;
  [[nodiscard]] virtual Result<void> remove(std::string_view token_hash) = 0;  // ok when absent
};

// A value of one column of one row, as a whole-database copy carries it.
using CellValue = std::variant<std::nullptr_t, std::int64_t, std::string>;

// Receives a whole-database copy, table by table.
class DumpVisitor {
 public:
  virtual ~DumpVisitor() = default;
  [[nodiscard]] virtual Result<void> table(std::string_view name,
                                           const std::vector<std::string>& columns) = 0;
  // One row of the last table; `cells` in the order of its columns.
  [[nodiscard]] virtual Result<void> row(const std::vector<CellValue>& cells) = 0;
};

// Every table that holds a deployment's data, for moving it to another database (latch db
// export / import). Tables come parents first, so rows inserted in that order satisfy every
// foreign key. Not copied: schema_migrations (the target migrates itself) and cache_epochs
// (each database counts its own).
class DumpRepository {
 public:
  virtual ~DumpRepository() = default;
  // The copied tables, parents first.
  [[nodiscard]] virtual const std::vector<std::string>& tables() const = 0;
  // Every row of every table, in that order.
  [[nodiscard]] virtual Result<void> read_all(DumpVisitor& visitor) = 0;
  // True when the database holds users or applications (other than the console's own):
  // an import there would replace somebody's data.
  [[nodiscard]] virtual Result<bool> in_use() = 0;
  // Deletes every row of every copied table, children first.
  [[nodiscard]] virtual Result<void> clear_all() = 0;
  // Inserts one row. InvalidRequest when `table` is not one of tables() or a column name is not
  // an identifier; the database's own error when the row does not fit.
  [[nodiscard]] virtual Result<void> insert_row(std::string_view table,
                                                const std::vector<std::string>& columns,
                                                const std::vector<CellValue>& cells) = 0;
};

}  // namespace latch::storage
