#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "storage/migrations/migration.hpp"
#include "storage/sql/query.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/errors.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/test_backend.hpp"

// The SQLite plumbing under the store: connection, statement cache, error mapping, migrations.
namespace latch::storage::sqlite {
namespace {

using sql::nullable;
using sql::query_all;
using sql::query_one;
using sql::run;

using test::TempDir;

class SqliteConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Connection::open({.path = (dir_.path() / "t.db").string()});
    ASSERT_OK(opened);
    conn_ = std::move(*opened);
    ASSERT_OK(conn_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"));
    ASSERT_OK(run(*conn_, "INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')", {}));
  }

  TempDir dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(SqliteConnectionTest, NestedUseOfTheSameQueryGetsItsOwnStatement) {
  const std::string sql = "SELECT id FROM t ORDER BY id";
  auto outer = conn_->prepare(sql);
  ASSERT_OK(outer);
  ASSERT_TRUE(*outer->step());
  auto inner =
      query_all<std::int64_t>(*conn_, sql, {}, [](const sql::Row& s) { return s.int64(0); });
  ASSERT_OK(inner);
  EXPECT_EQ(*inner, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(outer->int64(0), 1);
  ASSERT_TRUE(*outer->step());
  EXPECT_EQ(outer->int64(0), 2);
}

TEST_F(SqliteConnectionTest, ACachedStatementIsResetAndReusable) {
  for (int i = 0; i < 3; ++i) {
    auto name = query_one<std::string>(*conn_, "SELECT name FROM t WHERE id = ?", {std::int64_t{2}},
                                       [](const sql::Row& s) { return s.text(0); });
    ASSERT_OK(name);
    EXPECT_EQ(name->value_or("none"), "b");
  }
}

TEST_F(SqliteConnectionTest, BindsValuesInsteadOfSplicingThem) {
  std::string hostile = "x'); DROP TABLE t; --";
  ASSERT_OK(run(*conn_, "INSERT INTO t (id, name) VALUES (?, ?)", {std::int64_t{3}, hostile}));
  auto name = query_one<std::string>(*conn_, "SELECT name FROM t WHERE id = 3", {},
                                     [](const sql::Row& s) { return s.text(0); });
  ASSERT_OK(name);
  EXPECT_EQ(name->value_or(""), hostile);
}

TEST_F(SqliteConnectionTest, BindsNullForAbsentOptionals) {
  ASSERT_OK(run(*conn_, "INSERT INTO t (id, name) VALUES (?, ?)",
                {std::int64_t{4}, nullable(std::nullopt)}));
  auto name =
      query_one<std::optional<std::string>>(*conn_, "SELECT name FROM t WHERE id = 4", {},
                                            [](const sql::Row& s) { return s.optional_text(0); });
  ASSERT_OK(name);
  ASSERT_TRUE(name->has_value());
  EXPECT_FALSE(name->value().has_value());
}

TEST_F(SqliteConnectionTest, UniqueViolationIsConflict) {
  auto inserted = run(*conn_, "INSERT INTO t (id, name) VALUES (9, 'a')", {});
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, Errc::Conflict);
  EXPECT_EQ(inserted.error().description, "name is already in use");
}

TEST_F(SqliteConnectionTest, SyntaxErrorIsInternalWithTheMessageInDetailOnly) {
  auto broken = run(*conn_, "SELEC nonsense", {});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, Errc::Internal);
  EXPECT_EQ(broken.error().description, "database error");
  EXPECT_NE(broken.error().detail.find("syntax error"), std::string::npos);
}

TEST_F(SqliteConnectionTest, ReadOnlyConnectionRefusesWrites) {
  auto reader = Connection::open({.path = (dir_.path() / "t.db").string(), .read_only = true});
  ASSERT_OK(reader);
  auto written = run(**reader, "INSERT INTO t (id, name) VALUES (5, 'e')", {});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, Errc::Internal);
}

TEST(SqliteErrorsTest, MapsResultCodesToErrcs) {
  EXPECT_EQ(to_error(SQLITE_BUSY, "database is locked").code, Errc::Unavailable);
  EXPECT_EQ(to_error(SQLITE_BUSY_SNAPSHOT, "busy").code, Errc::Unavailable);
  EXPECT_EQ(to_error(SQLITE_LOCKED, "locked").code, Errc::Unavailable);
  EXPECT_EQ(to_error(SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed").code,
            Errc::NotFound);
  EXPECT_EQ(to_error(SQLITE_CONSTRAINT_NOTNULL, "NOT NULL constraint failed: t.x").code,
            Errc::Internal);
  EXPECT_EQ(to_error(SQLITE_CORRUPT, "database disk image is malformed").code, Errc::Internal);
}

TEST(SqliteErrorsTest, KeysAUniqueConflictWithLogtosCodeAndNamesTheField) {
  struct Case {
    std::string columns, key, description;
  };
  for (const auto& c : std::vector<Case>{
           {"users.username_lower", "user.username_already_in_use", "username is already in use"},
           {"users.email_lower", "user.email_already_in_use", "email is already in use"},
           {"users.primary_phone", "user.phone_already_in_use", "phone is already in use"},
           {"resources.indicator", "resource.resource_identifier_in_use",
            "indicator is already in use"},
           {"applications.id", "", "id is already in use"},
       }) {
    Error e = conflict_error("UNIQUE constraint failed: " + c.columns, "the log's");
    EXPECT_EQ(e.code, Errc::Conflict) << c.columns;
    EXPECT_EQ(e.key, c.key) << c.columns;
    EXPECT_EQ(e.description, c.description) << c.columns;
    EXPECT_EQ(e.detail, "the log's") << c.columns;
  }
  Error other = conflict_error("something else", "");
  EXPECT_TRUE(other.key.empty());
  EXPECT_EQ(other.description, "a record with the same key already exists");
}

TEST(MigrationsTest, VersionsStartAtOneAndIncreaseByOne) {
  int expected = 1;
  for (const auto& migration : migrations::all()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.name.empty());
    EXPECT_FALSE(migration.sql.empty());
  }
  EXPECT_EQ(migrations::latest_version(), expected - 1);
}

}  // namespace
}  // namespace latch::storage::sqlite
