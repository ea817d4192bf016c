// AuditQueue (oidc/audit_log.hpp) over a real store: events wait until a flush, are written
// together with the time they were pushed and Logto's payload fields, and a stop writes them.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>

#include "oidc/audit_log.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace latch::oidc {
namespace {

using namespace std::chrono_literals;

class AuditQueueTest : public ::testing::Test {
 protected:
  std::vector<storage::AuditLog> logs() {
    std::vector<storage::AuditLog> out;
    EXPECT_TRUE(store_->read([&](storage::Tx& tx) -> Result<void> {
      auto listed = tx.logs().list({}, {.page = 1, .page_size = 100});
      if (!listed) return listed.error();
      out = std::move(*listed);
      return ok();
    }));
    return out;
  }

  test::TempDir dir_ = test::TempDir::in_memory();
  std::unique_ptr<storage::Store> store_ = test::open_test_store(dir_.path());
  test::FakeClock clock_;
};

TEST_F(AuditQueueTest, EventsWaitForAFlushAndKeepTheTimeTheyWerePushed) {
  AuditQueue queue(*store_, clock_, 1h);  // never started: only flush() writes
  std::int64_t pushed_at = clock_.now_millis();
  queue.push({.key = "ExchangeTokenBy.ClientCredentials",
              .application_id = "m2m",
              .ip = "10.0.0.1",
              .payload = {{"scope", "read"}}});
  clock_.advance(5s);
  queue.push({.key = "ExchangeTokenBy.RefreshToken", .success = false, .user_id = "u1"});
  EXPECT_TRUE(logs().empty());

  queue.flush();
  auto written = logs();
  ASSERT_EQ(written.size(), 2u);
  const auto& first = written[1];  // newest first
  EXPECT_EQ(first.key, "ExchangeTokenBy.ClientCredentials");
  EXPECT_EQ(first.result, "Success");
  EXPECT_EQ(first.created_at, pushed_at);
  EXPECT_EQ(first.id.size(), 21u);
  auto payload = boost::json::parse(first.payload_json).as_object();
  EXPECT_EQ(payload.at("scope").as_string(), "read");
  EXPECT_EQ(payload.at("applicationId").as_string(), "m2m");
  EXPECT_EQ(payload.at("ip").as_string(), "10.0.0.1");
  EXPECT_EQ(payload.at("result").as_string(), "Success");
  EXPECT_EQ(written[0].result, "Error");
  EXPECT_EQ(written[0].user_id, "u1");
  EXPECT_EQ(written[0].created_at, pushed_at + 5000);

  queue.flush();
  EXPECT_EQ(logs().size(), 2u) << "written once";
}

TEST_F(AuditQueueTest, StoppingWritesWhatIsQueued) {
  {
    AuditQueue queue(*store_, clock_, 1h);
    queue.start();
    queue.push({.key = "ExchangeTokenBy.AuthorizationCode"});
    queue.stop();
    queue.stop();  // idempotent
  }
  ASSERT_EQ(logs().size(), 1u);
}

}  // namespace
}  // namespace latch::oidc
