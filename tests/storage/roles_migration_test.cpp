#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "storage/old_database.hpp"
#include "storage/samples.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/query.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/test_backend.hpp"

// Migration v9 (roles) converts what earlier versions granted into roles, so that an upgrade
// changes nobody's access: operators, management API apps, `latch app grant` grants and the
// resources every app and user could use.
namespace latch::storage::test {
namespace {

using Ids = std::vector<std::string>;

// A database of `backend` migrated to v8 only, holding one deployment's data of that time.
class RolesMigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = OldDatabase::unavailable(GetParam()); !reason.empty()) GTEST_SKIP() << reason;
    db_ = std::make_unique<OldDatabase>(GetParam());
    db_->with_connection([&](sql::Connection& conn) { load_v8(conn); });
  }

  // Migrates `conn` (the migrator's own interface) to v8 and adds that version's data.
  void load_v8(sql::Connection& conn) {
    ASSERT_OK(sql::apply_migrations(conn, clock_, 8));
    ASSERT_OK(conn.exec("BEGIN"));
    ASSERT_OK(conn.exec(kV8Data));
    ASSERT_OK(conn.exec("COMMIT"));
  }

  std::unique_ptr<Store> migrated() {
    auto store = open_store(db_->url());
    EXPECT_OK(store);
    EXPECT_OK((*store)->migrate(clock_));
    return std::move(*store);
  }

  static constexpr const char* kV8Data = R"sql(
INSERT INTO users (id, username, username_lower, password_hash, created_at, updated_at)
VALUES ('op', 'op', 'op', '', 1, 1), ('alice', 'alice', 'alice', '', 2, 2);
INSERT INTO admins (user_id, created_at) VALUES ('op', 7);
INSERT INTO applications (id, name, description, type, sealed_secret, created_at)
VALUES ('script', 'Script', '', 'MachineToMachine', 's', 1),
       ('robot', 'Robot', '', 'MachineToMachine', 's', 2),
       ('web', 'Web', '', 'Traditional', 's', 3);
INSERT INTO resources (id, name, indicator, access_token_ttl, is_default, access, created_at)
VALUES ('open', 'Open API', 'https://open.example', 3600, 1, 'AllApps', 5),
       ('closed', 'Closed API', 'https://closed.example', 3600, 1, 'Granted', 6);
INSERT INTO scopes (id, resource_id, name, description, created_at)
VALUES ('open-read', 'open', 'read', '', 1), ('open-write', 'open', 'write', '', 1),
       ('closed-a_b', 'closed', 'a_b', '', 1), ('closed-axb', 'closed', 'axb', '', 1),
       ('closed-c', 'closed', 'c', '', 1);
INSERT INTO application_grants (application_id, resource_id, scope_names)
VALUES ('script', 'management-api', '["all"]'), ('script', 'logto-management-api', '["all"]'),
       ('robot', 'closed', '["a_b","c"]');
)sql";

  Ids user_scopes(Store& store, const std::string& user, const std::string& resource) {
    Ids out;
    EXPECT_OK(store.read([&](Tx& tx) -> Result<void> {
      auto scopes = tx.roles().user_scopes(user, resource);
      if (!scopes) return scopes.error();
      out = *scopes;
      return ok();
    }));
    return out;
  }
  Ids app_scopes(Store& store, const std::string& app, const std::string& resource) {
    Ids out;
    EXPECT_OK(store.read([&](Tx& tx) -> Result<void> {
      auto scopes = tx.roles().application_scopes(app, resource);
      if (!scopes) return scopes.error();
      out = *scopes;
      return ok();
    }));
    return out;
  }

  SystemClock clock_;
  std::unique_ptr<OldDatabase> db_;
};

TEST_P(RolesMigrationTest, EveryoneKeepsExactlyTheAccessTheyHad) {
  auto store = migrated();
  // Operators hold the operator role; other users do not.
  EXPECT_EQ(user_scopes(*store, "op", "management-api"), Ids{"all"});
  EXPECT_EQ(user_scopes(*store, "alice", "management-api"), Ids{});
  // The management grant became the management role.
  EXPECT_EQ(app_scopes(*store, "script", "management-api"), Ids{"all"});
  EXPECT_EQ(app_scopes(*store, "script", "logto-management-api"), Ids{"all"});
  EXPECT_EQ(app_scopes(*store, "robot", "management-api"), Ids{});
  // A grant of a restricted API became the app's own role, with exactly the granted scopes
  // ("a_b" does not match "axb": LIKE's wildcards are escaped).
  EXPECT_EQ(app_scopes(*store, "robot", "closed"), (Ids{"a_b", "c"}));
  EXPECT_EQ(app_scopes(*store, "script", "closed"), Ids{});
  EXPECT_EQ(user_scopes(*store, "alice", "closed"), Ids{});
  // The open API stays open to every machine app and every user, new users included.
  EXPECT_EQ(app_scopes(*store, "robot", "open"), (Ids{"read", "write"}));
  EXPECT_EQ(app_scopes(*store, "script", "open"), (Ids{"read", "write"}));
  EXPECT_EQ(user_scopes(*store, "alice", "open"), (Ids{"read", "write"}));
  ASSERT_OK(store->transact([](Tx& tx) { return tx.users().insert(sample_user("newcomer")); }));
  EXPECT_EQ(user_scopes(*store, "newcomer", "open"), (Ids{"read", "write"}));
  // Operators in the order they were made so; one default resource at most.
  Ids admins;
  bool open_default = false, closed_default = false;
  ASSERT_OK(store->read([&](Tx& tx) -> Result<void> {
    auto ids = tx.users().admin_ids();
    if (!ids) return ids.error();
    admins = *ids;
    auto open = tx.resources().find("open");
    auto closed = tx.resources().find("closed");
    if (!open) return open.error();
    if (!closed) return closed.error();
    open_default = (*open)->is_default;
    closed_default = (*closed)->is_default;
    return ok();
  }));
  EXPECT_EQ(admins, Ids{"op"});
  EXPECT_TRUE(open_default);
  EXPECT_FALSE(closed_default);
}

INSTANTIATE_TEST_SUITE_P(Backends, RolesMigrationTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace latch::storage::test
