// The master key that seals secrets at rest: created private to the owner, and a database
// refuses to be served with another key.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "crypto/encoding.hpp"
#include "server/master_key.hpp"
#include "support/provisioning.hpp"
#include "support/temp_dir.hpp"
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

// Nodes sharing a fresh data dir start at once: every one must end up with the same key (the one
// whose file appeared first), none may fail or read a half-written file, and no temporary file
// may be left behind.
TEST(MasterKeyTest, NodesStartingTogetherOnAFreshDataDirShareOneKey) {
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    Config config;
    config.master_key_file = (dir.path() / "master.key").string();
    constexpr int kNodes = 8;
    std::vector<Result<std::string>> keys(kNodes, make_error(Errc::Internal, "not run"));
    std::atomic<bool> go{false};
    std::vector<std::thread> nodes;
    for (int i = 0; i < kNodes; ++i) {
      nodes.emplace_back([&, i] {
        while (!go.load()) std::this_thread::yield();
        keys[static_cast<std::size_t>(i)] = server::load_master_key(config);
      });
    }
    go = true;
    for (auto& node : nodes) node.join();
    for (const auto& key : keys) {
      ASSERT_TRUE(key) << key.error().description << " " << key.error().detail;
      EXPECT_EQ(*key, *keys.front());
      EXPECT_EQ(key->size(), 32u);
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      files.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(files, std::vector<std::string>{"master.key"});
  }
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
