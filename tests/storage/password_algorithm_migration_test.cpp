#include <gtest/gtest.h>

#include <memory>

#include "storage/old_database.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/test_backend.hpp"

// Migration v25 gives every user's password an algorithm. Every hash stored before it is
// Latch's own Argon2id, which must keep verifying unchanged.
namespace latch::storage::test {
namespace {

constexpr std::string_view kHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

// A database of `backend` migrated to v24 only, holding a user with a password and one without.
class PasswordAlgorithmMigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = OldDatabase::unavailable(GetParam()); !reason.empty()) GTEST_SKIP() << reason;
    db_ = std::make_unique<OldDatabase>(GetParam());
    db_->with_connection([&](sql::Connection& conn) { load_v24(conn); });
  }

  void load_v24(sql::Connection& conn) {
    ASSERT_OK(sql::apply_migrations(conn, clock_, 24));
    std::string insert =
        "INSERT INTO users (id, username, username_lower, password_hash, created_at, updated_at) "
        "VALUES ('alice', 'alice', 'alice', '" +
        std::string(kHash) + "', 1, 1), ('bob', 'bob', 'bob', '', 2, 2)";
    ASSERT_OK(conn.exec(insert));
  }

  model::User user(Store& store, const std::string& id) {
    std::optional<model::User> found;
    EXPECT_OK(store.read([&](Tx& tx) -> Result<void> {
      auto r = tx.users().find(id);
      if (!r) return r.error();
      found = std::move(*r);
      return ok();
    }));
    return found.value_or(model::User{});
  }

  SystemClock clock_;
  std::unique_ptr<OldDatabase> db_;
};

TEST_P(PasswordAlgorithmMigrationTest, EveryExistingHashIsLatchsArgon2id) {
  auto store = open_store(db_->url());
  ASSERT_OK(store);
  ASSERT_OK((*store)->migrate(clock_));
  model::User alice = user(**store, "alice");
  EXPECT_EQ(alice.password_hash, kHash);
  EXPECT_EQ(alice.password_algorithm, "Argon2id");
  model::User bob = user(**store, "bob");
  EXPECT_EQ(bob.password_hash, "");
  EXPECT_EQ(bob.updated_at, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, PasswordAlgorithmMigrationTest,
                         ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace latch::storage::test
