// `/metrics` (docs/observability.md): Prometheus' text format, counting requests by route and
// status, tokens by grant, sign-in outcomes and database transactions; readable from loopback
// without a proxy in between, or with the metrics token; absent when turned off.
#include <gtest/gtest.h>

#include <string>

#include "support/provisioning.hpp"
#include "support/test_server.hpp"

namespace latch::test {
namespace {

constexpr const char* kOrders = "https://orders.example.test";

// The value of the sample `series` (name and labels exactly as rendered), or -1 when absent.
double sample(const std::string& text, const std::string& series) {
  std::string line_start = series + " ";
  for (std::size_t at = text.find(line_start); at != std::string::npos;
       at = text.find(line_start, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') {
      return std::stod(text.substr(at + line_start.size()));
    }
  }
  return -1;
}

class MetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>(
        TestServerOptions{.env = {{"LATCH_METRICS_TOKEN", "scrape-secret-1"}}});
    create_resource(*server_, {.indicator = kOrders, .scopes = {"read:orders"}});
    app_ = create_app(*server_, "m2m");
    grant_scopes(*server_, app_.id, kOrders, {"read:orders"});
    if (!wait_until_token_issued(*server_, app_, kOrders)) {
      throw std::runtime_error("the server did not pick up the provisioned data");
    }
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the suite's server did not start"; }

  static std::string scrape() {
    HttpResponse res = server_->client().get("/metrics");
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.body;
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline AppCredentials app_;
};

TEST_F(MetricsTest, TheTextFormatIsServedWithItsContentType) {
  HttpResponse res = server_->client().get("/metrics");
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  EXPECT_NE(res.body.find("# TYPE latch_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(res.body.find("# TYPE latch_http_request_duration_seconds histogram\n"),
            std::string::npos);
  EXPECT_GT(sample(res.body, "process_resident_memory_bytes"), 1e6);
  EXPECT_GT(sample(res.body, "process_open_fds"), 3);
  EXPECT_GT(sample(res.body, "process_start_time_seconds"), 1.7e9);
  EXPECT_GE(sample(res.body, R"(latch_work_pool_jobs{pool="hashing"})"), 0);
}

TEST_F(MetricsTest, RequestsAreCountedByRouteTemplateAndStatus) {
  std::string route = R"(latch_http_requests_total{method="GET",route="/api/applications/:id",)";
  std::string before = scrape();
  double count_before = std::max(0.0, sample(before, route + R"(status="401"})"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(server_->client().get("/api/applications/app-" + std::to_string(i)).status, 401u);
  }
  EXPECT_EQ(server_->client().get("/no/such/path").status, 404u);
  std::string after = scrape();
  EXPECT_EQ(sample(after, route + R"(status="401"})"), count_before + 3) << after;
  EXPECT_GE(
      sample(after, R"(latch_http_requests_total{method="other",route="unmatched",status="404"})"),
      1);
  EXPECT_GE(
      sample(
          after,
          R"(latch_http_request_duration_seconds_count{method="GET",route="/api/applications/:id"})"),
      3);
}

TEST_F(MetricsTest, TokensAreCountedByGrantAndRefusalsByTheirErrorCode) {
  std::string issued = R"(latch_token_requests_total{grant="client_credentials",result="issued"})";
  std::string refused =
      R"(latch_token_requests_total{grant="client_credentials",result="invalid_client"})";
  std::string before = scrape();
  double issued_before = std::max(0.0, sample(before, issued));
  double refused_before = std::max(0.0, sample(before, refused));
  HttpResponse ok = token_with_basic(
      *server_, app_, "grant_type=client_credentials&resource=" + std::string(kOrders));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  AppCredentials wrong = app_;
  wrong.secret = "not-the-secret";
  EXPECT_EQ(token_with_basic(*server_, wrong, "grant_type=client_credentials").status, 401u);
  std::string after = scrape();
  EXPECT_EQ(sample(after, issued), issued_before + 1) << after;
  EXPECT_EQ(sample(after, refused), refused_before + 1) << after;
  EXPECT_GT(sample(after, R"(latch_db_transactions_total{kind="write",result="committed"})"), 0);
}

TEST_F(MetricsTest, AClientBehindAProxyNeedsTheToken) {
  auto via_proxy = [](const Headers& extra) {
    Headers headers{{"X-Forwarded-For", "203.0.113.7"}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return server_->client().get("/metrics", headers);
  };
  HttpResponse denied = via_proxy({});
  EXPECT_EQ(denied.status, 401u);
  EXPECT_EQ(denied.header("WWW-Authenticate"), R"(Bearer realm="metrics")");
  EXPECT_EQ(denied.body.find("latch_"), std::string::npos);
  EXPECT_EQ(via_proxy({{"Authorization", "Bearer wrong-secret-1"}}).status, 401u);
  EXPECT_EQ(via_proxy({{"Authorization", "Bearer scrape-secret"}}).status, 401u);
  HttpResponse allowed = via_proxy({{"Authorization", "Bearer scrape-secret-1"}});
  EXPECT_EQ(allowed.status, 200u);
  EXPECT_NE(allowed.body.find("latch_http_requests_total"), std::string::npos);
  EXPECT_EQ(server_->client().get("/metrics", {{"Forwarded", "for=198.51.100.4"}}).status, 401u);
}

TEST(MetricsOffTest, TurnedOffThereIsNoMetricsRoute) {
  TestServer server(TestServerOptions{.env = {{"LATCH_METRICS", "off"}}});
  EXPECT_EQ(server.client().get("/metrics").status, 404u);
}

}  // namespace
}  // namespace latch::test
