// A provider that never answers (tests/fakes/silent) must not stall anything but the sign-ins
// waiting on it: calls to providers run on their own bounded pool, apart from the database pool
// that token requests and pages use. The speed figure (token p99 quiet vs. with 50 hung
// sign-ins) is bench/slow-provider's; this suite checks the behaviour.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "fakes/silent/silent_provider.hpp"
#include "support/code_flow.hpp"
#include "support/eventually.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kCallback = "http://localhost:3000/callback";
constexpr const char* kApi = "https://api.example.test";
// Long enough that no hung sign-in times out during a test: they end when the fake hangs up.
constexpr const char* kConnectorTimeoutMs = "60000";

// One sign-in stuck at the callback: the provider has the token request and says nothing.
struct HungSignIn {
  std::thread thread;
  std::optional<HttpResponse> response;  // the callback's answer once the provider hung up
};

class SlowProviderTest : public ::testing::Test {
 protected:
  void start(EnvChanges env = {}) {
    env.emplace("LATCH_CONNECTOR_TIMEOUT_MS", kConnectorTimeoutMs);
    server_ = std::make_unique<TestServer>(TestServerOptions{.env = env});
    app_ = create_user_app(*server_, {.redirect_uris = {kCallback}});
    ASSERT_TRUE(wait_until_client_known(*server_, app_, kCallback));
    auto added = cli_json(
        *server_, {"connector", "add", "github", "--client-id", "gh-client", "--client-secret",
                   "gh-secret", "--set", "oauthBaseUrl=" + silent_.base_url(), "--set",
                   "apiBaseUrl=" + silent_.base_url(), "--enable", "--json"});
    connector_ = json_text(added, "id");
    create_user(*server_, alice_);
  }

  void TearDown() override {
    silent_.close_all();  // every hung sign-in gets its answer
    for (auto& hung : hung_) {
      if (hung->thread.joinable()) hung->thread.join();
    }
  }

  // A new browser at the sign-in page, once it shows the GitHub button.
  HttpResponse sign_in_page(BrowserSession& browser) {
    HttpResponse page;
    EXPECT_TRUE(eventually([&] {
      AuthorizeRequest request{.client_id = app_.id, .redirect_uri = kCallback};
      page = browser.navigate(request.target());
      return page.body.find("/social/" + connector_) != std::string::npos;
    })) << page.body.substr(0, 2000);
    return page;
  }

  // "Continue with GitHub": the redirect to the provider (GitHub's URL is built locally).
  HttpResponse click_github(BrowserSession& browser) {
    auto page = sign_in_page(browser);
    http::Params form;
    form.add("csrf", input_value(page.body, "csrf").value_or(""));
    return browser.post_form("/social/" + connector_, form);
  }

  // Starts a sign-in whose callback waits on the silent provider, on a thread of its own.
  void hang_one() {
    BrowserSession browser(*server_);
    auto to_github = click_github(browser);
    ASSERT_EQ(to_github.status / 100, 3u) << to_github.body.substr(0, 500);
    std::string target = "/callback/" + connector_ + "?code=never-redeemed&state=" +
                         std::string(location_query(to_github).value("state"));
    std::string cookie = "_latch_interaction=" + browser.cookie("_latch_interaction").value_or("");
    auto hung = std::make_unique<HungSignIn>();
    hung->thread = std::thread([this, target, cookie, h = hung.get()] {
      try {
        HttpConnection connection("127.0.0.1", server_->port(), 120s);
        h->response =
            connection.request(boost::beast::http::verb::get, target, {}, {{"Cookie", cookie}});
      } catch (const std::exception&) {
        // No answer: the test that needs one says so.
      }
    });
    hung_.push_back(std::move(hung));
  }

  // A machine-to-machine client with a resource, ready for client_credentials.
  AppCredentials m2m_client() {
    create_resource(*server_, {.indicator = kApi, .scopes = {"read"}});
    auto m2m = create_app(*server_, "m2m");
    grant_scopes(*server_, m2m.id, kApi, {"read"});
    EXPECT_TRUE(wait_until_token_issued(*server_, m2m, kApi));
    return m2m;
  }

  SilentProvider silent_;
  std::unique_ptr<TestServer> server_;
  AppCredentials app_;
  std::string connector_;
  UserSpec alice_{.username = "alice", .password = "Tr0mbone-Quartz-41"};
  std::vector<std::unique_ptr<HungSignIn>> hung_;
};

TEST_F(SlowProviderTest, FiftyHungSignInsDelayNeitherTokensNorPagesNorPasswordSignIns) {
  start();
  auto m2m = m2m_client();
  for (int i = 0; i < 50; ++i) hang_one();
  ASSERT_TRUE(silent_.wait_for(50, 30s)) << silent_.accepted() << " of 50 reached the provider";

  auto began = Clock::now();
  for (int i = 0; i < 20; ++i) {
    auto token = token_with_basic(*server_, m2m,
                                  "grant_type=client_credentials&resource=" + std::string(kApi));
    ASSERT_EQ(token.status, 200u) << token.body;
  }
  // A password sign-in through the pages, the code exchange and a refresh: all need the
  // database, and the sign-in hashes a password.
  auto tokens =
      sign_in_and_redeem(*server_, app_, {.client_id = app_.id, .redirect_uri = kCallback}, alice_);
  ASSERT_FALSE(json_text(tokens, "refresh_token").empty()) << boost::json::serialize(tokens);
  auto refreshed = refresh(*server_, app_, json_text(tokens, "refresh_token"));
  EXPECT_EQ(refreshed.status, 200u) << refreshed.body;
  BrowserSession visitor(*server_);
  EXPECT_TRUE(is_sign_in_page(sign_in_page(visitor)));
  auto took = Clock::now() - began;
  // Generous: on a quiet machine this takes well under a second. The hung sign-ins would
  // time out only after 60 s, and each request above would have failed after 10 s.
  EXPECT_LT(took, 20s) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                       << " ms";
  EXPECT_EQ(silent_.accepted(), 50u);  // still all hung meanwhile

  silent_.close_all();
  for (auto& hung : hung_) {
    hung->thread.join();
    ASSERT_TRUE(hung->response.has_value());
    EXPECT_EQ(hung->response->status, 503u);
    EXPECT_NE(hung->response->body.find("cannot be reached"), std::string::npos)
        << hung->response->body.substr(0, 2000);
  }
}

TEST_F(SlowProviderTest, AFullOutboundPoolAnswers503AtOnceWithAReadablePage) {
  start({{"LATCH_OUTBOUND_THREADS", "1"}, {"LATCH_OUTBOUND_QUEUE", "0"}});
  hang_one();
  ASSERT_TRUE(silent_.wait_for(1, 30s));

  BrowserSession browser(*server_);
  auto began = Clock::now();
  auto refused = click_github(browser);
  EXPECT_LT(Clock::now() - began, 5s);
  EXPECT_EQ(refused.status, 503u);
  EXPECT_NE(refused.body.find("not answering right now. Try again in a moment."), std::string::npos)
      << refused.body.substr(0, 2000);
  // The experience API says the same in JSON.
  auto cookie = "_latch_interaction=" + browser.cookie("_latch_interaction").value_or("");
  auto api = server_->client().post(
      "/api/experience/verification/social/" + connector_ + "/authorization-uri",
      R"({"state":"s","redirectUri":"http://localhost:3000/cb"})",
      {{"Cookie", cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(api.status, 503u) << api.body;
  EXPECT_EQ(json_text(api.json(), "code"), "connector.busy") << api.body;
  // Pages and password sign-ins do not use that pool.
  auto tokens =
      sign_in_and_redeem(*server_, app_, {.client_id = app_.id, .redirect_uri = kCallback}, alice_);
  EXPECT_FALSE(json_text(tokens, "access_token").empty());
}

TEST_F(SlowProviderTest, AProviderThatNeverAnswersTimesOutIntoAReadablePage) {
  start({{"LATCH_CONNECTOR_TIMEOUT_MS", "1000"}});
  BrowserSession browser(*server_);
  auto to_github = click_github(browser);
  ASSERT_EQ(to_github.status / 100, 3u);
  auto began = Clock::now();
  auto page = browser.get("/callback/" + connector_ +
                          "?code=c&state=" + std::string(location_query(to_github).value("state")));
  EXPECT_LT(Clock::now() - began, 8s);
  EXPECT_EQ(page.status, 503u);
  EXPECT_NE(page.body.find("cannot be reached right now"), std::string::npos)
      << page.body.substr(0, 2000);
}

TEST_F(SlowProviderTest, ShutdownFinishesWhileAProviderHangs) {
  start();
  hang_one();
  ASSERT_TRUE(silent_.wait_for(1, 30s));
  auto began = Clock::now();
  // In-flight requests get the server's 10 s grace; then the call to the provider is cut.
  EXPECT_EQ(server_->stop(20s), 0) << server_->log();
  EXPECT_LT(Clock::now() - began, 15s);
}

}  // namespace
}  // namespace latch::test
