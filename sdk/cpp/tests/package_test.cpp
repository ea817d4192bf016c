#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

// The installed package works: `cmake --install` of the SDK into a temp prefix, then a consumer
// project with find_package(latch_sdk CONFIG REQUIRED) builds and runs against it.
namespace latch {
namespace {

using namespace std::chrono_literals;

test::ProcessResult run(std::vector<std::string> argv, const std::filesystem::path& cwd) {
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    env.emplace_back(*entry);
  }
  return test::run_process({.argv = std::move(argv), .env = env, .cwd = cwd}, 240s);
}

constexpr const char* kConsumerCmake = R"(cmake_minimum_required(VERSION 3.25)
project(consumer LANGUAGES CXX)
find_package(latch_sdk 0.1 CONFIG REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE latch::sdk)
)";

constexpr const char* kConsumerMain = R"(#include <latch/jwt_validator.hpp>
#include <latch/storage.hpp>
#include <iostream>
int main() {
  latch::MemoryStorage storage;
  storage.set("k", "v");
  std::cout << latch::JwtValidator::bearer_token("Bearer " + *storage.get("k")) << "\n";
}
)";

TEST(PackageTest, AnInstalledSdkBuildsAConsumerWithFindPackage) {
  test::TempDir dir;
  auto prefix = dir.path() / "prefix";
  auto build = dir.path() / "sdk-build";
  auto source = dir.path() / "consumer";
  std::filesystem::create_directories(source);
  std::ofstream(source / "CMakeLists.txt") << kConsumerCmake;
  std::ofstream(source / "main.cpp") << kConsumerMain;
  const std::string cmake = LATCH_SDK_CMAKE_COMMAND;
  const std::string compiler = "-DCMAKE_CXX_COMPILER=" + std::string(LATCH_SDK_CXX_COMPILER);

  // The SDK already built by this tree installs from its own build directory: nothing recompiles.
  auto install = run({cmake, "--install", LATCH_SDK_BINARY_DIR "/..", "--prefix", prefix.string()},
                     dir.path());
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  ASSERT_TRUE(std::filesystem::exists(prefix / "lib/cmake/latch_sdk/latch_sdkConfig.cmake"))
      << install.out;

  auto configure = run({cmake, "-S", source.string(), "-B", build.string(), "-G", "Ninja", compiler,
                        "-DCMAKE_PREFIX_PATH=" + prefix.string()},
                       dir.path());
  ASSERT_EQ(configure.exit_code, 0) << configure.out << configure.err;
  auto compile = run({cmake, "--build", build.string()}, dir.path());
  ASSERT_EQ(compile.exit_code, 0) << compile.out << compile.err;
  auto consumer = run({(build / "consumer").string()}, dir.path());
  EXPECT_EQ(consumer.exit_code, 0);
  EXPECT_EQ(consumer.out, "v\n");
}

}  // namespace
}  // namespace latch
