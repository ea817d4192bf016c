#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/organization_fixture.hpp"
#include "storage/samples.hpp"
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

// Clears the database of `store` and inserts every row of `copy`, as latch db import does.
Result<void> restore(Store& store, const Copy& copy) {
  return store.transact([&](Tx& tx) -> Result<void> {
    if (auto cleared = tx.dump().clear_all(); !cleared) return cleared;
    for (const auto& table : copy.tables) {
      for (const auto& row : table.rows) {
        if (auto put = tx.dump().insert_row(table.name, table.columns, row); !put) return put;
      }
    }
    return ok();
  });
}

Copy read_all_of(Store& store) {
  Copy copy;
  EXPECT_OK(store.read([&](Tx& tx) { return tx.dump().read_all(copy); }));
  return copy;
}

std::size_t rows_of(const Copy& copy, std::string_view name) {
  auto table = std::find_if(copy.tables.begin(), copy.tables.end(),
                            [&](const Copy::Table& t) { return t.name == name; });
  return table == copy.tables.end() ? 0u : table->rows.size();
}

class DumpRepositoryTest : public OrganizationStorageTest {
 protected:
  Copy read_all() { return read_all_of(store()); }

  // An organization with a member user and app, both with roles, a JIT rule and an invitation:
  // a row in every organization table.
  void insert_organization_data() {
    insert_organization("o1");
    insert_user("alice");
    insert_app("robot");
    insert_role("viewer");
    insert_role("bots", model::RoleType::MachineToMachine);
    insert_scope("invite");
    add_users("o1", {"alice"});
    give_user_roles("o1", {"alice"}, {"viewer"});
    model::OrganizationInvitation invitation{.id = "i1",
                                             .inviter_id = "alice",
                                             .invitee = "bob@example.com",
                                             .organization_id = "o1",
                                             .role_ids = {"viewer"},
                                             .created_at = 1,
                                             .updated_at = 2,
                                             .expires_at = 3};
    ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
      auto& orgs = tx.organizations();
      if (auto r = tx.organization_roles().add_scopes("viewer", {"invite"}); !r) return r;
      if (auto r = tx.organization_roles().add_resource_scopes("viewer", {"api-read"}); !r) {
        return r;
      }
      if (auto r = orgs.add_applications("o1", {"robot"}); !r) return r;
      if (auto r = orgs.add_application_roles("o1", {"robot"}, {"bots"}); !r) return r;
      if (auto r = orgs.add_jit_email_domain("o1", "example.com"); !r) return r;
      if (auto r = orgs.add_jit_roles("o1", {"viewer"}); !r) return r;
      // Enterprise SSO: a connector, alice's identity there, and the organization's JIT link.
      if (auto r = tx.sso_connectors().insert(
              {"sso1", "OIDC", "Acme", "v1.sealed", "[\"acme.test\"]", "{}", true, false, 4});
          !r) {
        return r;
      }
      if (auto r = tx.user_sso_identities().insert(
              {"si1", "alice", "https://idp.acme.test", "sub-1", "{}", "sso1", 5, 6});
          !r) {
        return r;
      }
      if (auto r = tx.sso_connectors().add_jit("o1", {"sso1"}); !r) return r;
      return tx.organization_invitations().insert(invitation);
    }));
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
  ASSERT_EQ(rows_of(before, "users"), 1u);
  ASSERT_EQ(rows_of(before, "refresh_tokens"), 1u);
  bool used = false;
  ASSERT_OK(in_read([&](Tx& tx) -> Result<void> {
    auto in_use = tx.dump().in_use();
    if (!in_use) return in_use.error();
    used = *in_use;
    return ok();
  }));
  EXPECT_TRUE(used);

  ASSERT_OK(restore(store(), before));
  EXPECT_EQ(read_all().tables, before.tables);
}

TEST_P(DumpRepositoryTest, CarriesOrganizationsToEveryBackend) {
  insert_organization_data();
  Copy before = read_all();
  for (const auto& table : before.tables) {
    if (table.name.starts_with("organization")) {
      EXPECT_GE(table.rows.size(), 1u) << table.name << " has no row to carry";
    }
  }
  // Into a fresh database of each backend (this one too), parents before children.
  for (const auto& factory : store_factories()) {
    if (factory.unavailable && !factory.unavailable().empty()) continue;
    auto target = factory.make();
    ASSERT_OK(restore(target->store(), before));
    EXPECT_EQ(read_all_of(target->store()).tables, before.tables) << "into " << factory.name;
  }
}

// A digest brought from elsewhere travels with its algorithm (v25), or it would never verify.
TEST_P(DumpRepositoryTest, CarriesEachPasswordWithItsAlgorithm) {
  model::User user = sample_user("u1");
  user.password_hash = "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
  user.password_algorithm = "Bcrypt";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(user); }));
  Copy before = read_all();
  for (const auto& factory : store_factories()) {
    if (factory.unavailable && !factory.unavailable().empty()) continue;
    auto target = factory.make();
    ASSERT_OK(restore(target->store(), before));
    std::optional<model::User> found;
    ASSERT_OK(target->store().read([&](Tx& tx) -> Result<void> {
      auto r = tx.users().find("u1");
      if (!r) return r.error();
      found = std::move(*r);
      return ok();
    }));
    ASSERT_TRUE(found) << "into " << factory.name;
    EXPECT_EQ(fields(*found), fields(user)) << "into " << factory.name;
  }
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
