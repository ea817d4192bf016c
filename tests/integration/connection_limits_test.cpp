// One host cannot exhaust the server's connections: a cap per client address, short timeouts
// for idle connections under pressure, and an accept loop that backs off instead of spinning
// when the process runs out of descriptors.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "support/eventually.hpp"
#include "support/idle_connections.hpp"
#include "support/raw_http.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kHealthz =
    "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

// The status of GET /healthz from `from` (the idle connections come from 127.0.0.2); 0 when no
// answer came.
unsigned healthz_status(const TestServer& server, std::string_view from = "127.0.0.1") {
  try {
    auto res = parse_response(raw_exchange("127.0.0.1", server.port(), kHealthz, 2s, from).bytes);
    return res ? res->status : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ConnectionLimitsTest, IdleConnectionsFromOneAddressStopAtItsCapAndOthersAreServed) {
  TestServer server(TestServerOptions{.env = {{"LATCH_MAX_CONNECTIONS_PER_IP", "20"}}});
  IdleConnections idle("127.0.0.2", server.port(), 300);
  // Everything over the cap is closed by the server at once; twenty stay open.
  EXPECT_TRUE(eventually([&] { return idle.closed_by_server() == 280; }, 10s))
      << idle.closed_by_server() << " closed\n"
      << server.log();
  EXPECT_EQ(healthz_status(server), 200u);
  EXPECT_NE(server.log().find("refusing connections from 127.0.0.2"), std::string::npos);
  EXPECT_EQ(healthz_status(server, "127.0.0.2"), 0u) << idle.closed_by_server() << " closed\n"
                                                     << server.log();
  idle.close_all();
  // The address is welcome again once its connections are gone.
  EXPECT_TRUE(eventually([&] { return healthz_status(server, "127.0.0.2") == 200u; }));
}

TEST(ConnectionLimitsTest, UnderPressureIdleConnectionsAreClosedLongBeforeTheirTimeout) {
  // Pressure starts past half of 40 connections and lasts until ten are left; the normal wait
  // for a header is a minute.
  TestServer server(TestServerOptions{.env = {{"LATCH_MAX_CONNECTIONS", "40"},
                                              {"LATCH_MAX_CONNECTIONS_PER_IP", "0"},
                                              {"LATCH_HEADER_TIMEOUT", "60"}}});
  IdleConnections idle("127.0.0.2", server.port(), 30);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return idle.closed_by_server() >= 20; }, 15s))
      << idle.closed_by_server() << " closed\n"
      << server.log();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(healthz_status(server), 200u);
}

TEST(ConnectionLimitsTest, TheGlobalCapClosesNewConnectionsAndKeepsTheOpenOnes) {
  TestServer server(TestServerOptions{
      .env = {{"LATCH_MAX_CONNECTIONS", "30"}, {"LATCH_MAX_CONNECTIONS_PER_IP", "0"}}});
  IdleConnections idle("127.0.0.2", server.port(), 40);
  EXPECT_TRUE(eventually([&] { return idle.closed_by_server() >= 10; }, 5s)) << server.log();
  EXPECT_NE(server.log().find("refusing connections: "), std::string::npos) << server.log();
}

// With the descriptors gone, accept() fails with EMFILE until connections close. The server waits
// between attempts instead of retrying at once (which spun two cores in an adversarial review),
// says so in the log now and then, and serves again once descriptors are free.
// Under UBSan, the vptr check cannot probe memory without a free descriptor
// (tests/sanitizer/out_of_descriptors.supp says more); it has nothing to check in this test.
std::string ubsan_options_out_of_descriptors() {
  const char* given = std::getenv("UBSAN_OPTIONS");
  std::string options = given ? std::string(given) + ":" : std::string();
  return options + "suppressions=" LATCH_SOURCE_DIR "/tests/sanitizer/out_of_descriptors.supp";
}

TEST(ConnectionLimitsTest, OutOfDescriptorsTheAcceptLoopBacksOffAndRecovers) {
  TestServer server(
      TestServerOptions{.env = {{"LATCH_MAX_CONNECTIONS", "100000"},
                                {"LATCH_MAX_CONNECTIONS_PER_IP", "0"},
                                {"LATCH_HEADER_TIMEOUT", "60"},
                                {"LATCH_THREADS", "2"},
                                {"UBSAN_OPTIONS", ubsan_options_out_of_descriptors()}},
                        .open_files_limit = 96});
  IdleConnections idle("127.0.0.2", server.port(), 150);
  ASSERT_TRUE(eventually(
      [&] { return server.log().find("cannot accept connections") != std::string::npos; }, 10s))
      << server.log();
  double before = cpu_seconds(server.process().pid());
  std::this_thread::sleep_for(2s);  // the window over which a spinning loop would burn CPU
  double used = cpu_seconds(server.process().pid()) - before;
  ASSERT_GE(before, 0.0);
  EXPECT_LT(used, 0.2) << "the server used " << used << " s of CPU in 2 s while out of descriptors";
  EXPECT_LE(occurrences(server.log(), "cannot accept connections"), 2u) << server.log();
  idle.close_all();
  EXPECT_TRUE(eventually([&] { return healthz_status(server) == 200u; }, 10s)) << server.log();
}

}  // namespace
}  // namespace latch::test
