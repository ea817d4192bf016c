// Reading a real Logto database (migrate/logto.hpp): Logto's schema from its published SQL and
// sample data, made by tests/fixtures/logto-db/seed.mjs in a database of its own, then read
// into an import plan without writing to it.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>

#include "migrate/logto.hpp"
#include "storage/postgres/connection.hpp"
#include "support/postgres_cluster.hpp"
#include "support/subprocess.hpp"

namespace latch::test {
namespace {

const std::string kRoot = LATCH_SOURCE_DIR;

// A fresh database seeded by seed.mjs, dropped (with the role Logto's schema makes) at the end.
class LogtoDatabase {
 public:
  LogtoDatabase() {
    admin_ = postgres_admin_url();
    auto conn = storage::postgres::Connection::open(admin_);
    if (!conn) throw std::runtime_error(conn.error().description);
    if (auto made = (*conn)->exec("CREATE DATABASE " + name_); !made) {
      throw std::runtime_error(made.error().description);
    }
    url_ = admin_.substr(0, admin_.rfind('/') + 1) + name_;
    ProcessResult seeded =
        run_process({.argv = {"/usr/bin/node", kRoot + "/tests/fixtures/logto-db/seed.mjs", url_}},
                    std::chrono::seconds(60));
    if (seeded.exit_code != 0) throw std::runtime_error("seed.mjs: " + seeded.err + seeded.out);
  }
  ~LogtoDatabase() {
    auto conn = storage::postgres::Connection::open(admin_);
    if (!conn) return;
    (void)(*conn)->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    (void)(*conn)->exec("DROP ROLE IF EXISTS logto_tenant_" + name_);
  }
  const std::string& url() const { return url_; }
  // The answer of one query, as text.
  std::string count(const std::string& table) const {
    auto conn = storage::postgres::Connection::open(url_);
    std::string out;
    auto handler = [&](const storage::sql::Row& row) { out = row.text(0); };
    EXPECT_TRUE((*conn)->query("SELECT COUNT(*)::text FROM " + table, {}, handler));
    return out;
  }

 private:
  std::string admin_, url_;
  std::string name_ = "logto_import_" + std::to_string(::getpid());
};

class LogtoImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (!std::filesystem::exists(kRoot + "/tests/js/node_modules/@logto/schemas")) {
      GTEST_SKIP() << "tests/js/node_modules is not installed (npm ci in tests/js)";
    }
    db_ = std::make_unique<LogtoDatabase>();
    auto conn = storage::postgres::Connection::open(db_->url());
    ASSERT_TRUE(conn) << conn.error().description;
    auto read = migrate::read_logto(**conn);
    ASSERT_TRUE(read) << read.error().description << ": " << read.error().detail;
    plan_ = std::move(*read);
  }
  const migrate::ImportedUser* user(std::string_view id) const {
    for (const auto& u : plan_.users) {
      if (u.source_id == id) return &u;
    }
    return nullptr;
  }
  const migrate::ImportedApp* app(std::string_view id) const {
    for (const auto& a : plan_.apps) {
      if (a.id == id) return &a;
    }
    return nullptr;
  }

  std::unique_ptr<LogtoDatabase> db_;
  migrate::ImportPlan plan_;
};

TEST_F(LogtoImportTest, UsersKeepTheirIdsHashesRolesAndOrganizations) {
  ASSERT_EQ(plan_.users.size(), 3u);
  const auto* alice = user("usr000000001");
  ASSERT_NE(alice, nullptr);
  EXPECT_EQ(alice->id, "usr000000001") << "Logto's ids are Latch's";
  EXPECT_EQ(alice->username, "alice");
  EXPECT_EQ(alice->email, "alice@example.test");
  EXPECT_EQ(alice->name, "Alice");
  EXPECT_EQ(boost::json::serialize(alice->profile), R"({"givenName":"Alice"})");
  EXPECT_EQ(boost::json::serialize(alice->custom_data), R"({"plan":"pro"})");
  ASSERT_TRUE(alice->password);
  EXPECT_EQ(alice->password->algorithm, "Argon2i");
  EXPECT_TRUE(alice->password->digest.starts_with("$argon2i$v=19$m=8192,t=8,p=1$"));
  EXPECT_EQ(alice->roles, (std::vector<std::string>{"clerk"}));
  EXPECT_EQ(alice->organizations, (std::vector<std::string>{"org00000000000000acme"}));
  EXPECT_GT(alice->created_at, 1'700'000'000'000);
  EXPECT_TRUE(user("usr000000002")->suspended);
  const auto* carol = user("usr000000003");
  EXPECT_FALSE(carol->password);
  EXPECT_EQ(boost::json::serialize(carol->identities),
            R"({"github":{"userId":"4242","details":{"id":"4242","name":"Carol"}}})");
}

TEST_F(LogtoImportTest, AppsKeepTheirIdsAndSecrets) {
  const auto* shop = app("webapp0000000000000a1");
  ASSERT_NE(shop, nullptr);
  EXPECT_EQ(shop->type, model::AppType::Traditional);
  EXPECT_EQ(shop->secret, "shop-secret-from-logto-0123456789");
  EXPECT_EQ(shop->redirect_uris, (std::vector<std::string>{"http://localhost:4401/callback"}));
  EXPECT_EQ(shop->post_logout_redirect_uris, (std::vector<std::string>{"http://localhost:4401/"}));
  EXPECT_EQ(boost::json::serialize(shop->custom_data), R"({"tier":"gold"})");
  EXPECT_EQ(app("spa00000000000000000a")->type, model::AppType::Spa);
  EXPECT_FALSE(app("spa00000000000000000a")->secret);
  const auto* worker = app("m2m00000000000000000a");
  EXPECT_EQ(worker->type, model::AppType::MachineToMachine);
  EXPECT_EQ(worker->roles, (std::vector<std::string>{"robot"}));
}

TEST_F(LogtoImportTest, ResourcesRolesOrganizationsAndConnectorsComeAlong) {
  ASSERT_EQ(plan_.resources.size(), 1u) << "Logto's Management API aside";
  EXPECT_EQ(plan_.resources[0].indicator, "https://orders.example.test");
  EXPECT_EQ(plan_.resources[0].access_token_ttl, 1800);
  ASSERT_EQ(plan_.resources[0].scopes.size(), 2u);
  EXPECT_EQ(plan_.resources[0].id, "res000000000000orders") << "Logto's ids are Latch's";
  EXPECT_EQ(plan_.resources[0].scopes[0].name, "read:orders");
  EXPECT_EQ(plan_.resources[0].scopes[0].id, "scp0000000000000read0");
  ASSERT_EQ(plan_.roles.size(), 2u);
  EXPECT_EQ(plan_.roles[1].id, "rol000000000000robot0");
  EXPECT_EQ(plan_.roles[1].name, "robot");
  EXPECT_EQ(plan_.roles[1].type, "MachineToMachine");
  EXPECT_EQ(plan_.roles[1].scopes.size(), 2u);
  ASSERT_EQ(plan_.organizations.size(), 1u);
  EXPECT_EQ(plan_.organizations[0].id, "org00000000000000acme");
  EXPECT_EQ(boost::json::serialize(plan_.organizations[0].custom_data), R"({"size":10})");
  ASSERT_EQ(plan_.connectors.size(), 1u);
  EXPECT_EQ(plan_.connectors[0].connector_id, "github-universal");
  EXPECT_EQ(plan_.connectors[0].config.at("clientSecret"), "gh-client-secret");
}

TEST_F(LogtoImportTest, TheSignInExperienceInLogtosPatchShape) {
  ASSERT_TRUE(plan_.sign_in_experience);
  const auto& sie = *plan_.sign_in_experience;
  EXPECT_EQ(sie.at("color"), boost::json::parse(R"({"primaryColor": "#0A7B83",
      "isDarkModeEnabled": false, "darkPrimaryColor": "#2AB0B8"})"));
  EXPECT_EQ(sie.at("termsOfUseUrl"), "https://shop.example.test/terms");
  EXPECT_EQ(sie.at("signInMode"), "SignInAndRegister");
  EXPECT_EQ(sie.at("socialSignInConnectorTargets").as_array().size(), 1u);
  EXPECT_FALSE(sie.contains("customContent")) << "a setting Latch does not have";
  EXPECT_FALSE(sie.contains("privacyPolicyUrl")) << "null in Logto: not set";
}

TEST_F(LogtoImportTest, ReadingWritesNothing) {
  std::string before = db_->count("users");
  auto conn = storage::postgres::Connection::open(db_->url());
  ASSERT_TRUE(conn);
  ASSERT_TRUE(migrate::read_logto(**conn));
  EXPECT_EQ(db_->count("users"), before);
  EXPECT_FALSE((*conn)->in_transaction()) << "the read-only transaction ended";
}

}  // namespace
}  // namespace latch::test
