#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/storage_fixture.hpp"

// Whole tables for latch db export / import, on every backend.
namespace latch::storage::test {
namespace {

// Collects a whole-database copy: per table, its columns and its rows.
struct Copy final : DumpVisitor {
  struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<CellValue>> rows;
    bool operator==(const Table&) const = default;
  };
  std::vector<Table> tables;

  Result<void> table(std::string_view name, const std::vector<std::string>& columns) override {
    tables.push_back(Table{std::string(name), columns, {}});
    return ok();
  }
  Result<void> row(const std::vector<CellValue>& cells) override {
    tables.back().rows.push_back(cells);
    return ok();
  }
};

// The tables the database itself lists (sqlite_master, or pg_tables of the test's schema).
std::set<std::string> catalog_tables(const std::string& url) {
  std::set<std::string> names;
  if (url.rfind("postgres", 0) == 0) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
    std::unique_ptr<PGresult, decltype(&PQclear)> rows(
        PQexec(conn.get(), "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"),
        &PQclear);
    for (int i = 0; i < PQntuples(rows.get()); ++i) names.insert(PQgetvalue(rows.get(), i, 0));
    return names;
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(url.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%'",
                     -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    names.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return names;
}

class DumpRepositoryTest : public StorageTest {
 protected:
  Copy read_all() {
    Copy copy;
    EXPECT_OK(in_read([&](Tx& tx) { return tx.dump().read_all(copy); }));
    return copy;
  }
};

TEST_P(DumpRepositoryTest, CopiesEveryTableOfTheSchemaButItsBookkeeping) {
  std::vector<std::string> listed;
  ASSERT_OK(in_read([&](Tx& tx) -> Result<void> {
    listed = tx.dump().tables();
    return ok();
  }));
  std::set<std::string> expected = catalog_tables(backend().url());
  ASSERT_FALSE(expected.empty());
  expected.erase("schema_migrations");
  expected.erase("cache_epochs");
  expected.erase("setup_tokens");
  expected.erase("maintenance_runs");
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), expected);
  EXPECT_EQ(listed.size(), expected.size()) << "a table is listed twice";
}

TEST_P(DumpRepositoryTest, ClearingAndInsertingBackWhatWasReadGivesTheSameDatabase) {
  insert_user_and_app();
  insert_grant("grant1");
  insert_artifacts("grant1");
  Copy before = read_all();
  auto rows_of = [&](std::string_view name) {
    auto table = std::find_if(before.tables.begin(), before.tables.end(),
                              [&](const Copy::Table& t) { return t.name == name; });
    return table == before.tables.end() ? 0u : table->rows.size();
  };
  ASSERT_EQ(rows_of("users"), 1u);
  ASSERT_EQ(rows_of("refresh_tokens"), 1u);
  bool used = false;
  ASSERT_OK(in_read([&](Tx& tx) -> Result<void> {
    auto in_use = tx.dump().in_use();
    if (!in_use) return in_use.error();
    used = *in_use;
    return ok();
  }));
  EXPECT_TRUE(used);

  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    if (auto cleared = tx.dump().clear_all(); !cleared) return cleared;
    for (const auto& table : before.tables) {
      for (const auto& row : table.rows) {
        if (auto put = tx.dump().insert_row(table.name, table.columns, row); !put) return put;
      }
    }
    return ok();
  }));
  EXPECT_EQ(read_all().tables, before.tables);
}

TEST_P(DumpRepositoryTest, RefusesTablesAndColumnsItDoesNotKnow) {
  auto insert = [&](std::string_view table, std::vector<std::string> columns) {
    return in_write([&](Tx& tx) {
      return tx.dump().insert_row(table, columns,
                                  std::vector<CellValue>(columns.size(), std::string("x")));
    });
  };
  auto unknown = insert("schema_migrations", {"version"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Errc::InvalidRequest);
  auto injected = insert("admins", {"user_id) VALUES ('x'); DROP TABLE users; --"});
  ASSERT_FALSE(injected);
  EXPECT_EQ(injected.error().code, Errc::InvalidRequest);
  auto mismatch = in_write([&](Tx& tx) {
    return tx.dump().insert_row("admins", {"user_id", "created_at"}, {std::string("x")});
  });
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, Errc::InvalidRequest);
}

LATCH_STORAGE_SUITE(DumpRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
