// `latch import auth0|keycloak` against the real binary (migrate/writer.hpp): imported users sign
// in with the passwords they had and are rehashed to Latch's Argon2id, imported apps keep
// working, conflicts and refusals are listed, and a second run changes nothing.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <fstream>

#include "support/code_flow.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

const std::string kFixtures = std::string(LATCH_SOURCE_DIR) + "/tests/fixtures/migrate/";

// Everything an import writes, row by row: equal before and after a run that changes nothing.
const char* const kImportedTables[] = {"users",
                                       "user_identities",
                                       "users_roles",
                                       "roles",
                                       "roles_scopes",
                                       "resources",
                                       "scopes",
                                       "applications",
                                       "organizations",
                                       "organization_user_relations",
                                       "applications_roles",
                                       "connectors",
                                       "sign_in_experiences"};

class ImportTest : public ::testing::Test {
 protected:
  ProcessResult import(std::vector<std::string> args) {
    args.insert(args.begin(), "import");
    return server_.cli(args);
  }
  std::string sql(const std::string& statement) { return server_.sql(statement); }
  std::string algorithm_of(const std::string& username) {
    return sql("SELECT password_algorithm FROM users WHERE username = '" + username + "'");
  }
  std::string snapshot() {
    std::string out;
    for (const char* table : kImportedTables) {
      out +=
          std::string(table) + ":\n" + sql(std::string("SELECT * FROM ") + table + " ORDER BY 1");
      out += "\n";
    }
    return out;
  }
  // Signs `username` in to a Latch app through the hosted page; the token response.
  boost::json::object sign_in(const std::string& username, const std::string& password) {
    if (web_.id.empty()) {
      web_ = create_user_app(server_, {.redirect_uris = {kCallback}});
      EXPECT_TRUE(wait_until_client_known(server_, web_, kCallback));
    }
    return sign_in_and_redeem(server_, web_, {.client_id = web_.id, .redirect_uri = kCallback},
                              {.username = username, .password = password});
  }
  // The hosted sign-in's answer to a wrong or refused sign-in: no code.
  bool refused(const std::string& username, const std::string& password) {
    BrowserSession browser(server_);
    auto answer = authorize_and_sign_in(browser, {.client_id = web_.id, .redirect_uri = kCallback},
                                        username, password);
    return code_of(answer).empty();
  }

  static constexpr const char* kCallback = "http://localhost:4501/callback";
  TestServer server_;
  AppCredentials web_;
};

TEST_F(ImportTest, Auth0UsersSignInWithTheirBcryptPasswordsAndAreRehashed) {
  auto run = import({"auth0", kFixtures + "auth0-users.ndjson", "--passwords",
                     kFixtures + "auth0-password-hashes.ndjson"});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("users: 5 imported, 0 already there"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("not a bcrypt hash"), std::string::npos) << "the MD5 line: " << run.out;

  EXPECT_EQ(algorithm_of("ada"), "Bcrypt");
  std::string ada = sql("SELECT id FROM users WHERE username = 'ada'");
  EXPECT_EQ(sql("SELECT created_at FROM users WHERE id = '" + ada + "'"), "1575657372412")
      << "Auth0's created_at";
  auto tokens = sign_in("ada", "Auth0-Pass-123");
  ASSERT_TRUE(tokens.contains("id_token")) << boost::json::serialize(tokens);
  EXPECT_EQ(json_text(verified_payload(server_, json_text(tokens, "id_token")), "sub"), ada);
  EXPECT_EQ(algorithm_of("ada"), "Argon2id") << "rehashed at the first sign-in";
  EXPECT_TRUE(
      sql("SELECT password_hash FROM users WHERE id = '" + ada + "'").starts_with("$argon2id$"));
  EXPECT_TRUE(sign_in("ada", "Auth0-Pass-123").contains("id_token")) << "and again, rehashed";
  EXPECT_TRUE(refused("ada", "Auth0-Pass-124"));

  // euclid was blocked in Auth0: suspended here, whatever the password.
  EXPECT_EQ(sql("SELECT is_suspended FROM users WHERE email_lower = 'euclid@example.test'"), "1");
}

TEST_F(ImportTest, KeycloakUsersSignInWithTheirPbkdf2PasswordsAndAppsKeepTheirSecrets) {
  auto run = import({"keycloak", kFixtures + "keycloak-realm.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("applications: 4 imported"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("organizations: 2 imported"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("client_id shop is now "), std::string::npos)
      << "apps are told their new client_id: " << run.out;

  EXPECT_EQ(algorithm_of("linus"), "Legacy");
  auto tokens = sign_in("linus", "Keycloak-Pass-42");  // PBKDF2-SHA256, 27,500 iterations
  ASSERT_TRUE(tokens.contains("id_token")) << boost::json::serialize(tokens);
  EXPECT_EQ(algorithm_of("linus"), "Argon2id");
  EXPECT_TRUE(refused("linus", "Keycloak-Pass-43"));
  // margaret (PBKDF2-SHA512) was disabled in Keycloak.
  EXPECT_EQ(sql("SELECT is_suspended FROM users WHERE username = 'margaret'"), "1");
  EXPECT_TRUE(refused("margaret", "Another-Pass-7"));

  // The confidential client "reports" keeps its secret: a client credentials grant with it.
  std::string reports = sql("SELECT id FROM applications WHERE name = 'reports'");
  ASSERT_EQ(reports.size(), 21u);
  // Introspection authenticates the client and nothing more.
  auto answer = introspect(server_, {reports, "reports-secret-0123456789"}, "not-a-token");
  EXPECT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.body, R"({"active":false})");
  answer = introspect(server_, {reports, "reports-secret-0123456780"}, "not-a-token");
  EXPECT_EQ(answer.status, 401u) << answer.body;

  // Groups are organizations, with their members.
  EXPECT_EQ(sql("SELECT COUNT(*) FROM organization_user_relations r JOIN organizations o ON "
                "o.id = r.organization_id WHERE o.name = 'engineering'"),
            "1");
}

TEST_F(ImportTest, ASecondRunChangesNothing) {
  ASSERT_EQ(import({"keycloak", kFixtures + "keycloak-realm.json"}).exit_code, 0);
  ASSERT_EQ(import({"auth0", kFixtures + "auth0-users.ndjson", "--passwords",
                    kFixtures + "auth0-password-hashes.ndjson"})
                .exit_code,
            0);
  std::string before = snapshot();
  auto again = import({"keycloak", kFixtures + "keycloak-realm.json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const char* kind :
       {"roles: 0 imported, 3 already there", "organizations: 0 imported, 2 already there",
        "applications: 0 imported, 4 already there", "users: 0 imported, 4 already there"}) {
    EXPECT_NE(again.out.find(kind), std::string::npos) << kind << " in " << again.out;
  }
  again = import({"auth0", kFixtures + "auth0-users.ndjson", "--passwords",
                  kFixtures + "auth0-password-hashes.ndjson"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("users: 0 imported, 5 already there"), std::string::npos) << again.out;
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ImportTest, ADryRunWritesNothing) {
  std::string before = snapshot();
  auto run = import({"--dry-run", "keycloak", kFixtures + "keycloak-realm.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("would import: 0 API resources, 3 roles, 2 organizations"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ImportTest, AUserWhoseEmailIsTakenIsListedNotMerged) {
  create_user(server_, {.username = "someone", .email = "ada@example.test"});
  auto run = import({"auth0", kFixtures + "auth0-users.ndjson"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("user auth0|5dea9f9c82dd7c0e76e4ec93: email ada@example.test belongs to "
                         "user "),
            std::string::npos)
      << run.out;
  EXPECT_EQ(sql("SELECT username FROM users WHERE email_lower = 'ada@example.test'"), "someone");
}

TEST_F(ImportTest, UnreadableExportsAreRefusedWithTheirLine) {
  auto missing = import({"keycloak", kFixtures + "no-such-realm.json"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;
  TempDir dir;
  auto path = dir.path() / "users.ndjson";
  std::ofstream(path) << "{\"user_id\": \"auth0|1\", \"email\": \"a@example.test\"}\nnot json\n";
  auto broken = import({"auth0", path.string()});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("line 2"), std::string::npos) << broken.err;
  EXPECT_EQ(sql("SELECT COUNT(*) FROM users"), "0") << "nothing of a file that does not read";
}

}  // namespace
}  // namespace latch::test
