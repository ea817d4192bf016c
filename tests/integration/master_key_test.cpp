// The master key that seals secrets at rest: created private to the owner, and a database
// refuses to be served with another key.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "crypto/encoding.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;

const std::string kOtherKey = crypto::base64_encode(std::string(32, 'k'));

TEST(MasterKeyTest, GeneratedMasterKeyFileIsReadableByTheOwnerOnly) {
  TestServer server;
  struct stat info {};
  ASSERT_EQ(::stat((server.data_dir() / "master.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(MasterKeyTest, GeneratedMasterKeyIs32BytesOfBase64) {
  TestServer server;
  std::ifstream in(server.data_dir() / "master.key");
  std::string text;
  std::getline(in, text);
  auto key = crypto::base64_decode(text);
  ASSERT_TRUE(key) << text;
  EXPECT_EQ(key->size(), 32u);
}

TEST(MasterKeyTest, AnotherMasterKeyCannotServeTheDatabase) {
  TestServer server;
  ASSERT_EQ(server.stop(), 0);
  ProcessResult result =
      server.cli({.args = {"serve"}, .env = {{"LATCH_MASTER_KEY", kOtherKey}}, .timeout = 30s});
  EXPECT_FALSE(result.timed_out) << "the server started with the wrong master key";
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("master key"), std::string::npos) << result.err;
}

TEST(MasterKeyTest, AnotherMasterKeyCannotRevealAnAppSecret) {
  TestServer server;
  AppCredentials app = create_app(server, "m2m");
  ProcessResult shown =
      server.cli({.args = {"app", "show", app.id}, .env = {{"LATCH_MASTER_KEY", kOtherKey}}});
  EXPECT_NE(shown.exit_code, 0) << shown.out;
  EXPECT_EQ(shown.out.find(app.secret), std::string::npos) << shown.out;
}

TEST(MasterKeyTest, MasterKeyThatIsNot32BytesIsRejected) {
  TestServer server;
  ProcessResult result = server.cli(
      {.args = {"app", "list"}, .env = {{"LATCH_MASTER_KEY", crypto::base64_encode("short")}}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("32 bytes"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace latch::test
