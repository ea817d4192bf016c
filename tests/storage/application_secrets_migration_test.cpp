#include <gtest/gtest.h>

#include <memory>

#include "storage/old_database.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/test_backend.hpp"

// Migration v26 moves each app's one sealed secret (applications.sealed_secret) into
// application_secrets as Logto's "Default secret", sealed as it was, so it keeps authenticating.
namespace latch::storage::test {
namespace {

// A database of `backend` migrated to v25 only, holding a confidential app with a secret, one
// without, and a public app.
class ApplicationSecretsMigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = OldDatabase::unavailable(GetParam()); !reason.empty()) GTEST_SKIP() << reason;
    db_ = std::make_unique<OldDatabase>(GetParam());
    db_->with_connection([&](sql::Connection& conn) { load_v25(conn); });
  }

  void load_v25(sql::Connection& conn) {
    ASSERT_OK(sql::apply_migrations(conn, clock_, 25));
    ASSERT_OK(
        conn.exec("INSERT INTO applications (id, name, type, sealed_secret, created_at) VALUES "
                  "('web', 'Web', 'Traditional', 'v1.sealed-web', 1000), "
                  "('robot', 'Robot', 'MachineToMachine', '', 2000), "
                  "('spa', 'SPA', 'SPA', '', 3000)"));
  }

  std::vector<model::ApplicationSecret> secrets(Store& store) {
    std::vector<model::ApplicationSecret> found;
    EXPECT_OK(store.read([&](Tx& tx) -> Result<void> {
      auto r = tx.application_secrets().list_all();
      if (!r) return r.error();
      found = std::move(*r);
      return ok();
    }));
    return found;
  }

  SystemClock clock_;
  std::unique_ptr<OldDatabase> db_;
};

TEST_P(ApplicationSecretsMigrationTest, AnAppsSecretBecomesItsDefaultSecret) {
  auto store = open_store(db_->url());
  ASSERT_OK(store);
  ASSERT_OK((*store)->migrate(clock_));
  auto moved = secrets(**store);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].application_id, "web");
  EXPECT_EQ(moved[0].name, "Default secret");
  EXPECT_EQ(moved[0].sealed_value, "v1.sealed-web");
  EXPECT_EQ(moved[0].created_at, 1000);
  EXPECT_FALSE(moved[0].expires_at.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, ApplicationSecretsMigrationTest,
                         ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace latch::storage::test
