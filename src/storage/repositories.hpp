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
#include "model/signing_key.hpp"
#include "model/user.hpp"

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
  // NotFound when absent. Removes the app's grants, codes and tokens too (and its application
  // grants and interactions).
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // Inserts or replaces the scope names granted for (application_id, resource_id).
  [[nodiscard]] virtual Result<void> put_grant(const model::ApplicationGrant& grant) = 0;
  [[nodiscard]] virtual Result<std::vector<model::ApplicationGrant>> grants(
      std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<std::vector<model::ApplicationGrant>> all_grants() = 0;
};

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;
  // Inserts the resource and its scopes. Conflict when the indicator exists.
  [[nodiscard]] virtual Result<void> insert(const model::Resource& resource) = 0;
  // Replaces every field but id, created_at and scopes. NotFound when absent; Conflict when the
  // indicator is taken.
  [[nodiscard]] virtual Result<void> update(const model::Resource& resource) = 0;  // not scopes
  [[nodiscard]] virtual Result<std::optional<model::Resource>> find(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Resource>> find_by_indicator(
      std::string_view indicator) = 0;
  // With scopes, ordered by created_at descending.
  [[nodiscard]] virtual Result<std::vector<model::Resource>> list_all() = 0;
  // NotFound when absent. Removes its scopes and application grants too.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
  // Conflict when the resource already has a scope of that name.
  [[nodiscard]] virtual Result<void> insert_scope(const model::Scope& scope) = 0;
  [[nodiscard]] virtual Result<void> remove_scope(std::string_view scope_id) = 0;  // NotFound
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

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Conflict keyed user.username_already_in_use, user.email_already_in_use or
  // user.phone_already_in_use when a unique identifier is taken.
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
  // NotFound when absent. Removes the user's sessions, interactions, grants, codes and tokens.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // Operators: users who administer this Latch (the console, management API tokens through
  // their own sign-in). NotFound when the user is absent; granting twice is no error.
  [[nodiscard]] virtual Result<void> set_admin(std::string_view user_id, bool admin,
                                               std::int64_t at) = 0;
  [[nodiscard]] virtual Result<bool> is_admin(std::string_view user_id) = 0;
  // Oldest first.
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
