// Graceful shutdown: SIGTERM and SIGINT drain the server and the process exits 0.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>

#include "support/test_server.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;

TEST(ShutdownTest, SigtermExitsZeroWithinAFewSeconds) {
  TestServer server;
  EXPECT_EQ(server.stop(5s), 0) << server.log();
}

TEST(ShutdownTest, SigintExitsZeroWithinAFewSeconds) {
  TestServer server;
  server.process().signal(SIGINT);
  EXPECT_EQ(server.process().wait_for(5s), 0) << server.log();
}

TEST(ShutdownTest, IdleKeepAliveConnectionDoesNotHoldUpShutdown) {
  TestServer server;
  HttpConnection connection("127.0.0.1", server.port());
  ASSERT_EQ(connection.request(boost::beast::http::verb::get, "/healthz").status, 200u);
  EXPECT_EQ(server.stop(5s), 0) << server.log();
}

TEST(ShutdownTest, StoppedServerRefusesNewConnections) {
  TestServer server;
  unsigned short port = server.port();
  ASSERT_EQ(server.stop(5s), 0);
  EXPECT_THROW(HttpConnection("127.0.0.1", port), std::exception);
}

TEST(ShutdownTest, LogsThatItStopped) {
  TestServer server;
  ASSERT_EQ(server.stop(5s), 0);
  EXPECT_NE(server.log().find("stopped"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace latch::test
