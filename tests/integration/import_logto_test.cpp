// Reading a real Logto database (migrate/logto.hpp): Logto's schema from its published SQL and
// sample data, made by tests/fixtures/logto-db/seed.mjs in a database of its own, then read
// into an import plan without writing to it.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>

#include "migrate/logto.hpp"
#include "storage/postgres/connection.hpp"
#include "support/code_flow.hpp"
#include "support/jwt_inspect.hpp"
#include "support/postgres_cluster.hpp"
#include "support/subprocess.hpp"
#include "support/test_server.hpp"

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
  ASSERT_EQ(plan_.organization_scopes.size(), 2u);
  ASSERT_EQ(plan_.organization_roles.size(), 2u);
  EXPECT_EQ(plan_.organization_roles[0].id, "orl0000000000000admin");
  EXPECT_EQ(plan_.organization_roles[0].scopes,
            (std::vector<std::string>{"invite:member", "read:billing"}));
  EXPECT_EQ(user("usr000000001")->organization_roles,
            (std::vector<std::pair<std::string, std::string>>{{"org00000000000000acme", "admin"}}));
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

TEST_F(LogtoImportTest, UsersComeInPagesWithTheirRelations) {
  auto conn = storage::postgres::Connection::open(db_->url());
  ASSERT_TRUE(conn);
  auto reader = migrate::LogtoReader::open(**conn);
  ASSERT_TRUE(reader) << reader.error().description;
  auto rest = (*reader)->rest();
  ASSERT_TRUE(rest);
  EXPECT_TRUE(rest->users.empty()) << "the users come apart";
  EXPECT_EQ(rest->apps.size(), 3u);
  std::vector<std::size_t> sizes;
  std::vector<migrate::ImportedUser> users;
  for (;;) {
    auto page = (*reader)->users(2);
    ASSERT_TRUE(page) << page.error().description;
    sizes.push_back(page->users.size());
    if (page->users.empty()) break;
    for (auto& u : page->users) users.push_back(std::move(u));
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 1, 0}));
  ASSERT_EQ(users.size(), plan_.users.size());
  for (const auto& u : users) {
    const auto* whole = user(u.source_id);
    ASSERT_NE(whole, nullptr) << u.source_id;
    EXPECT_EQ(u.roles, whole->roles) << u.source_id;
    EXPECT_EQ(u.organizations, whole->organizations) << u.source_id;
    EXPECT_EQ(u.organization_roles, whole->organization_roles) << u.source_id;
  }
  EXPECT_EQ(users[0].roles, (std::vector<std::string>{"clerk"})) << "alice, the first by id";
}

TEST_F(LogtoImportTest, ReadingWritesNothing) {
  std::string before = db_->count("users");
  auto conn = storage::postgres::Connection::open(db_->url());
  ASSERT_TRUE(conn);
  ASSERT_TRUE(migrate::read_logto(**conn));
  EXPECT_EQ(db_->count("users"), before);
  EXPECT_FALSE((*conn)->in_transaction()) << "the read-only transaction ended";
}

// The whole move: `latch import logto` into a running Latch, then Logto's apps and users carry on.
class LogtoMoveTest : public LogtoImportTest {
 protected:
  ProcessResult import() { return server_.cli({"import", "logto", "--database", db_->url()}); }
  std::string sql(const std::string& statement) { return server_.sql(statement); }

  TestServer server_;
};

const AppCredentials kShop{"webapp0000000000000a1", "shop-secret-from-logto-0123456789"};
const AppCredentials kWorker{"m2m00000000000000000a", "worker-secret-from-logto-01234567"};
constexpr const char* kShopCallback = "http://localhost:4401/callback";

TEST_F(LogtoMoveTest, UsersSignInWithTheirLogtoPasswordsToAppsWithTheirLogtoSecrets) {
  auto run = import();
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  for (const char* kind :
       {"API resources: 1 imported", "roles: 2 imported", "organizations: 1 imported",
        "organization permissions: 2 imported", "organization roles: 2 imported",
        "social connectors: 1 imported", "applications: 3 imported", "users: 3 imported",
        "sign-in experience: imported"}) {
    EXPECT_NE(run.out.find(kind), std::string::npos) << kind << " in " << run.out;
  }
  EXPECT_EQ(run.out.find("client_id"), std::string::npos) << "no app changes its id: " << run.out;
  ASSERT_TRUE(wait_until_client_known(server_, kShop, kShopCallback));

  EXPECT_EQ(sql("SELECT password_algorithm FROM users WHERE id = 'usr000000001'"), "Argon2i");
  auto tokens = sign_in_and_redeem(server_, kShop,
                                   {.client_id = kShop.id,
                                    .redirect_uri = kShopCallback,
                                    .extra = {{"resource", "https://orders.example.test"}}},
                                   {.username = "alice", .password = "Alice-Logto-Pass-1"});
  ASSERT_TRUE(tokens.contains("id_token")) << boost::json::serialize(tokens);
  auto id_token = verified_payload(server_, json_text(tokens, "id_token"));
  EXPECT_EQ(json_text(id_token, "sub"), "usr000000001") << "Logto's user id, kept";
  EXPECT_EQ(json_text(id_token, "aud"), kShop.id);
  EXPECT_EQ(sql("SELECT password_algorithm FROM users WHERE id = 'usr000000001'"), "Argon2id")
      << "rehashed at the first sign-in";
  EXPECT_TRUE(sign_in_and_redeem(server_, kShop,
                                 {.client_id = kShop.id, .redirect_uri = kShopCallback},
                                 {.username = "alice", .password = "Alice-Logto-Pass-1"})
                  .contains("id_token"));

  // bob was suspended in Logto.
  BrowserSession browser(server_);
  auto bob = authorize_and_sign_in(browser, {.client_id = kShop.id, .redirect_uri = kShopCallback},
                                   "bob", "Bob-Logto-Pass-22");
  EXPECT_TRUE(code_of(bob).empty()) << bob.header("Location");

  // The machine-to-machine app: its Logto secret and its role's permissions.
  auto grant = token_request(server_, kWorker,
                             {{"grant_type", "client_credentials"},
                              {"resource", "https://orders.example.test"},
                              {"scope", "read:orders write:orders"}});
  ASSERT_EQ(grant.status, 200u) << grant.body;
  auto access = verified_payload(server_, json_text(grant.json(), "access_token"));
  EXPECT_EQ(json_text(access, "aud"), "https://orders.example.test");
  EXPECT_EQ(json_text(access, "scope"), "read:orders write:orders");
}

TEST_F(LogtoMoveTest, TheRestComesAlongAndASecondRunChangesNothing) {
  ASSERT_EQ(import().exit_code, 0);
  EXPECT_EQ(sql("SELECT organization_id FROM organization_user_relations WHERE user_id = "
                "'usr000000001'"),
            "org00000000000000acme");
  EXPECT_EQ(sql("SELECT connector_id || ' ' || target FROM connectors WHERE id = 'con000000001'"),
            "github-universal github")
      << "the id of Logto's callback URL";
  EXPECT_EQ(sql("SELECT identity_id FROM user_identities WHERE user_id = 'usr000000003'"), "4242");
  EXPECT_EQ(sql("SELECT o.name FROM organization_role_user_relations r JOIN organization_roles o "
                "ON o.id = r.organization_role_id WHERE r.user_id = 'usr000000001' AND "
                "r.organization_id = 'org00000000000000acme'"),
            "admin");
  EXPECT_EQ(sql("SELECT COUNT(*) FROM organization_role_scope_relations WHERE "
                "organization_role_id = 'orl0000000000000admin'"),
            "2");
  EXPECT_EQ(sql("SELECT r.name FROM users_roles ur JOIN roles r ON r.id = ur.role_id WHERE "
                "ur.user_id = 'usr000000001'"),
            "clerk");
  std::string sie = sql("SELECT config FROM sign_in_experiences");
  EXPECT_NE(sie.find("#0A7B83"), std::string::npos) << sie;
  EXPECT_NE(sie.find("https://shop.example.test/terms"), std::string::npos) << sie;

  auto tables = [&] {
    std::string out;
    for (const char* table :
         {"users", "user_identities", "users_roles", "roles", "roles_scopes", "resources", "scopes",
          "applications", "applications_roles", "organizations", "organization_user_relations",
          "organization_scopes", "organization_roles", "organization_role_scope_relations",
          "organization_role_user_relations", "connectors", "sign_in_experiences"}) {
      out += sql(std::string("SELECT * FROM ") + table + " ORDER BY 1") + "\n";
    }
    return out;
  };
  std::string before = tables();
  auto again = import();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("users: 0 imported, 3 already there"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("applications: 0 imported, 3 already there"), std::string::npos);
  EXPECT_NE(again.out.find("sign-in experience: unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("organization roles: 0 imported, 2 already there"), std::string::npos)
      << again.out;
  EXPECT_EQ(tables(), before);
}

TEST_F(LogtoMoveTest, AWrongSourceIsRefusedClearlyAndWritesNothing) {
  auto run = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{"import", "logto"};
    argv.insert(argv.end(), args.begin(), args.end());
    return server_.cli(argv);
  };
  auto tenant = run({"--database", db_->url(), "--tenant", "nope"});
  EXPECT_EQ(tenant.exit_code, 1);
  EXPECT_NE(tenant.err.find("no tenant nope"), std::string::npos) << tenant.err;
  auto other = run({"--database", postgres_admin_url()});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("does not hold Logto's schema"), std::string::npos) << other.err;
  auto unreachable = run({"--database", "postgres://postgres@127.0.0.1:1/logto"});
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_NE(unreachable.err.find("cannot connect to the Logto database"), std::string::npos)
      << unreachable.err;
  EXPECT_EQ(sql("SELECT COUNT(*) FROM users"), "0");
  EXPECT_EQ(sql("SELECT COUNT(*) FROM applications WHERE id = 'webapp0000000000000a1'"), "0");
}

}  // namespace
}  // namespace latch::test
