// Applications managed with the CLI while the server runs: secrets are shown to the operator but
// never stored in the clear, and deleting an app locks it out.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

constexpr const char* kApi = "https://api.example.test";

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class AppCliTest : public SharedServerTest<AppCliTest> {};

TEST_F(AppCliTest, ShowPrintsTheSecretThatCreatePrinted) {
  AppCredentials app = create_app(server(), "m2m");
  json::value shown = cli_json(server(), {"app", "show", app.id, "--json"});
  EXPECT_EQ(shown.at("secret").as_string(), app.secret);
  ProcessResult text = server().cli({"app", "show", app.id});
  EXPECT_NE(text.out.find("App Secret: " + app.secret), std::string::npos) << text.out;
}

TEST_F(AppCliTest, DatabaseFilesDoNotContainTheSecretInPlainText) {
  AppCredentials app = create_app(server(), "traditional", {"--redirect-uri", "https://a.test/cb"});
  ASSERT_EQ(app.secret.size(), 32u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(server().data_dir())) {
    if (entry.path().filename().string().rfind("latch.db", 0) != 0) continue;
    ++files;
    EXPECT_EQ(file_bytes(entry.path()).find(app.secret), std::string::npos) << entry.path();
  }
  EXPECT_GE(files, 1);
}

TEST_F(AppCliTest, ListShowsAppsWithoutTheirSecrets) {
  AppCredentials app = create_app(server(), "m2m");
  bool found = false;
  json::value apps = cli_json(server(), {"app", "list", "--json"});
  for (const auto& listed : apps.as_array()) {
    EXPECT_FALSE(listed.as_object().contains("secret"));
    found |= listed.at("id").as_string() == app.id;
  }
  EXPECT_TRUE(found);
}

TEST_F(AppCliTest, CreateReportsTypeAndRedirectUris) {
  json::value app = cli_json(server(), {"app", "create", "--name", "Web", "--type", "traditional",
                                        "--redirect-uri", "https://web.test/callback", "--json"});
  EXPECT_EQ(app.at("type").as_string(), "Traditional");
  EXPECT_EQ(app.at("oidcClientMetadata").at("redirectUris").at(0).as_string(),
            "https://web.test/callback");
  EXPECT_EQ(app.at("id").as_string().size(), 21u);
}

TEST_F(AppCliTest, PublicAppsHaveNoSecret) {
  AppCredentials spa = create_app(server(), "spa", {"--redirect-uri", "https://spa.test/cb"});
  EXPECT_TRUE(spa.secret.empty());
}

TEST_F(AppCliTest, UnknownTypeIsRejected) {
  ProcessResult result = server().cli({"app", "create", "--name", "x", "--type", "robot"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--type"), std::string::npos) << result.err;
}

TEST_F(AppCliTest, MachineToMachineAppTakesNoRedirectUri) {
  ProcessResult result = server().cli(
      {"app", "create", "--name", "x", "--type", "m2m", "--redirect-uri", "https://x.test/cb"});
  EXPECT_NE(result.exit_code, 0);
}

TEST_F(AppCliTest, ShowOfAnUnknownAppFails) {
  ProcessResult result = server().cli({"app", "show", "doesnotexist000000000"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("no application doesnotexist000000000"), std::string::npos)
      << result.err;
}

TEST_F(AppCliTest, ResourceListShowsScopes) {
  create_resource(server(), {.indicator = "https://listed.example.test", .scopes = {"a", "b"}});
  bool found = false;
  json::value resources = cli_json(server(), {"resource", "list", "--json"});
  for (const auto& r : resources.as_array()) {
    if (r.at("indicator").as_string() != "https://listed.example.test") continue;
    found = true;
    EXPECT_FALSE(r.as_object().contains("access"));  // roles decide, since v9
    EXPECT_EQ(r.at("scopes").as_array().size(), 2u);
  }
  EXPECT_TRUE(found);
}

TEST_F(AppCliTest, DbMigrateReportsTheSchemaVersion) {
  ProcessResult result = server().cli({"db", "migrate"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("schema version"), std::string::npos) << result.out;
}

TEST(AppDeleteTest, DeletedAppCanNoLongerGetTokens) {
  TestServer server;
  create_resource(server, {.indicator = kApi, .scopes = {"read"}});
  AppCredentials app = create_app(server, "m2m");
  ASSERT_TRUE(wait_until_token_issued(server, app, kApi));

  ProcessResult deleted = server.cli({"app", "delete", app.id});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;

  const std::string body = "grant_type=client_credentials&resource=" + std::string(kApi);
  // No such client any more: invalid_client as a bad request (oidc-provider's answer).
  EXPECT_TRUE(eventually([&] {
    HttpResponse res = token_with_basic(server, app, body);
    return res.status == 400 && res.body.find("invalid_client") != std::string::npos;
  }));
}

}  // namespace
}  // namespace latch::test
