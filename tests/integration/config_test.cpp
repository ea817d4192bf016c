// Configuration precedence as the running server applies it: defaults < TOML file < LATCH_*
// environment < command-line flags. The discovery issuer shows which endpoint won.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>

#include "support/shared_server.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

std::string issuer(const TestServer& server) {
  HttpResponse res = server.client().get("/oidc/.well-known/openid-configuration");
  return std::string(res.json().at("issuer").as_string());
}

TEST(ConfigTest, ConfigFileSetsPortAndEndpoint) {
  TestServer server(
      {.env = {{"LATCH_PORT", std::nullopt}},
       .args = {"--config", "latch-test.toml"},
       .files = {{"latch-test.toml", "port = 0\nendpoint = \"https://file.example.test/\"\n"}}});
  EXPECT_NE(server.port(), 3001) << "the file's port = 0 was not applied";
  EXPECT_EQ(issuer(server), "https://file.example.test/oidc");
}

TEST(ConfigTest, LatchConfigVariableNamesTheFile) {
  TestServer server({.env = {{"LATCH_CONFIG", "other.toml"}},
                     .files = {{"other.toml", "endpoint = \"https://other.example.test\"\n"}}});
  EXPECT_EQ(issuer(server), "https://other.example.test/oidc");
}

TEST(ConfigTest, LatchTomlInTheWorkingDirectoryIsRead) {
  TestServer server({.files = {{"latch.toml", "endpoint = \"https://cwd.example.test\"\n"}}});
  EXPECT_EQ(issuer(server), "https://cwd.example.test/oidc");
}

TEST(ConfigTest, EnvironmentOverridesTheConfigFile) {
  TestServer server({.env = {{"LATCH_ENDPOINT", "https://env.example.test"}},
                     .args = {"--config", "latch-test.toml"},
                     .files = {{"latch-test.toml", "endpoint = \"https://file.example.test\"\n"}}});
  EXPECT_EQ(issuer(server), "https://env.example.test/oidc");
}

TEST(ConfigTest, FlagOverridesTheEnvironment) {
  TestServer server({.env = {{"LATCH_ENDPOINT", "https://env.example.test"}},
                     .args = {"--endpoint", "https://flag.example.test"}});
  EXPECT_EQ(issuer(server), "https://flag.example.test/oidc");
}

// Configuration errors stop every command before it does anything; `app list` stands for all.
class ConfigErrorTest : public SharedServerTest<ConfigErrorTest> {
 protected:
  ProcessResult app_list(EnvChanges env, std::vector<std::string> before = {}) {
    std::vector<std::string> args = std::move(before);
    args.insert(args.end(), {"app", "list"});
    return server().cli({.args = args, .env = std::move(env)});
  }
  std::filesystem::path write(const std::string& name, const std::string& content) {
    std::filesystem::path path = server().root() / name;
    std::ofstream(path) << content;
    return path;
  }
};

TEST_F(ConfigErrorTest, UnknownKeyInTheFileIsNamed) {
  auto path = write("unknown-key.toml", "colour = \"blue\"\n");
  ProcessResult result = app_list({}, {"--config", path.string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("colour"), std::string::npos) << result.err;
}

TEST_F(ConfigErrorTest, MalformedTomlIsReportedWithItsLine) {
  auto path = write("broken.toml", "port = 1\nendpoint = \n");
  ProcessResult result = app_list({}, {"--config", path.string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("line 2"), std::string::npos) << result.err;
}

TEST_F(ConfigErrorTest, NonNumericPortInTheEnvironmentIsNamed) {
  ProcessResult result = app_list({{"LATCH_PORT", "eighty"}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("LATCH_PORT"), std::string::npos) << result.err;
}

TEST_F(ConfigErrorTest, EndpointWithoutHttpSchemeIsRejected) {
  ProcessResult result = app_list({{"LATCH_ENDPOINT", "ftp://example.test"}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("endpoint"), std::string::npos) << result.err;
}

TEST_F(ConfigErrorTest, MissingConfigFileIsAnError) {
  ProcessResult result = app_list({}, {"--config", "/nonexistent/latch.toml"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("/nonexistent/latch.toml"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace latch::test
