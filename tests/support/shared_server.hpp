#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <memory>
#include <string>

#include "support/test_server.hpp"

namespace latch::test {

// A fixture whose tests share one TestServer, started once per suite. `Suite` (CRTP: each suite
// gets its own server) may define `static void provision(TestServer&)` to set up data through
// the CLI before the first test; read-only tests only, so that their order does not matter.
// `Base` is ::testing::Test or a ::testing::TestWithParam<T>.
template <class Suite, class Base = ::testing::Test>
class SharedServerTest : public Base {
 protected:
  static void SetUpTestSuite() {
    try {
      server_ = std::make_unique<TestServer>();
      Suite::provision(*server_);
    } catch (const std::exception& e) {
      error_ = e.what();
      server_.reset();
    }
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr) << error_; }

  static void provision(TestServer&) {}
  static TestServer& server() { return *server_; }

 private:
  static inline std::unique_ptr<TestServer> server_;
  static inline std::string error_;
};

}  // namespace latch::test
