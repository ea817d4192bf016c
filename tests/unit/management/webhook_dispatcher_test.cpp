// The webhook dispatcher (management/webhook_dispatcher.hpp) over a real (SQLite) store and a
// recording sender: what it sends, how it settles each answer, and what it logs.
#include "management/webhook_dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>

#include "management/webhook_events.hpp"
#include "management/webhook_payload.hpp"
#include "management/webhook_service.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

struct Sent {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Answers each POST with the next of `answers` (the last one again when they run out).
class RecordingSender final : public WebhookSender {
 public:
  Result<WebhookAnswer> post(const std::string& url,
                             const std::vector<std::pair<std::string, std::string>>& headers,
                             const std::string& body) const override {
    std::lock_guard lock(mutex_);
    sent.push_back({url, headers, body});
    std::size_t at = std::min(sent.size() - 1, answers.size() - 1);
    return answers[at];
  }
  std::vector<Result<WebhookAnswer>> answers{WebhookAnswer{200, "ok"}};
  mutable std::vector<Sent> sent;

 private:
  mutable std::mutex mutex_;
};

std::string header(const Sent& s, std::string_view name) {
  for (const auto& [n, v] : s.headers) {
    if (n == name) return v;
  }
  return "";
}

class WebhookDispatcherTest : public ::testing::Test {
 protected:
  WebhookDispatcherTest()
      : store_(test::open_test_store(dir_.path())),
        dispatcher_(*store_, clock_, sender_, {.retry_base = 1000ms, .send_timeout = 1000ms}) {}

  model::Hook add_hook(std::optional<int> retries = std::nullopt) {
    WebhookService hooks(*store_, clock_);
    auto hook = hooks.create(
        {.events = std::vector<std::string>{"User.Created"},
         .config = model::HookConfig{
             .url = "https://r.test/in", .headers = {{"x-tenant", "acme"}}, .retries = retries}});
    EXPECT_TRUE(hook);
    return *hook;
  }
  void raise() {
    auto done = store_->transact([&](storage::Tx& tx) {
      return queue_data_hook(tx, "User.Created", nullptr, json::object{{"id", "u1"}},
                             clock_.now_millis());
    });
    ASSERT_TRUE(done);
  }
  WebhookRound round() {
    auto r = dispatcher_.run_once();
    EXPECT_TRUE(r) << r.error().description;
    return r ? *r : WebhookRound{};
  }
  std::size_t queued() {
    std::size_t n = 0;
    auto done = store_->read([&](storage::Tx& tx) -> Result<void> {
      auto rows = tx.hook_deliveries().list_all();
      if (!rows) return rows.error();
      n = rows->size();
      return ok();
    });
    EXPECT_TRUE(done);
    return n;
  }
  std::vector<storage::AuditLog> logs(const std::string& hook_id) {
    std::vector<storage::AuditLog> out;
    auto done = store_->read([&](storage::Tx& tx) -> Result<void> {
      auto rows = tx.hook_deliveries().logs({.hook_id = hook_id}, {1, 100});
      if (!rows) return rows.error();
      out = std::move(*rows);
      return ok();
    });
    EXPECT_TRUE(done);
    return out;
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  RecordingSender sender_;
  WebhookDispatcher dispatcher_;
};

TEST_F(WebhookDispatcherTest, SendsASignedBodyWithTheHookIdThenForgetsIt) {
  auto hook = add_hook();
  raise();
  auto r = round();
  EXPECT_EQ(r.sent, 1);
  ASSERT_EQ(sender_.sent.size(), 1u);
  const Sent& s = sender_.sent[0];
  EXPECT_EQ(s.url, "https://r.test/in");
  EXPECT_EQ(header(s, "logto-signature-sha-256"), sign_body(hook.signing_key, s.body));
  EXPECT_EQ(header(s, "x-tenant"), "acme");
  EXPECT_FALSE(header(s, "latch-delivery-id").empty());
  auto body = json::parse(s.body).as_object();
  EXPECT_EQ(body.at("hookId"), json::value(hook.id));
  EXPECT_EQ(body.at("event"), "User.Created");
  EXPECT_EQ(queued(), 0u);
  EXPECT_EQ(round().sent, 0) << "sent once";
  auto entries = logs(hook.id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].key, "TriggerHook.User.Created");
  EXPECT_EQ(entries[0].result, "Success");
  auto payload = json::parse(entries[0].payload_json).as_object();
  EXPECT_EQ(payload.at("response").at("statusCode"), 200);
  EXPECT_EQ(payload.at("hookRequest").at("body").at("hookId"), json::value(hook.id));
}

TEST_F(WebhookDispatcherTest, AFailureIsRetriedAfterTheBackoffWithTheSameDeliveryId) {
  add_hook();
  sender_.answers = {WebhookAnswer{503, "busy"}, WebhookAnswer{200, ""}};
  raise();
  EXPECT_EQ(round().retried, 1);
  auto early = round();
  EXPECT_EQ(early.sent + early.retried, 0) << "not due before the backoff";
  clock_.advance(1000ms);  // the first wait is at most the base
  EXPECT_EQ(round().sent, 1);
  ASSERT_EQ(sender_.sent.size(), 2u);
  EXPECT_EQ(header(sender_.sent[0], "latch-delivery-id"),
            header(sender_.sent[1], "latch-delivery-id"));
  EXPECT_EQ(sender_.sent[0].body, sender_.sent[1].body);
}

TEST_F(WebhookDispatcherTest, GivesUpAfterOnePlusTheRetriesAndLogsEachAttempt) {
  auto hook = add_hook(1);
  sender_.answers = {make_error(Errc::Unavailable, "connection refused")};
  raise();
  EXPECT_EQ(round().retried, 1);
  clock_.advance(1000ms);
  EXPECT_EQ(round().dropped, 1);
  EXPECT_EQ(queued(), 0u);
  auto entries = logs(hook.id);
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.result, "Error");
    auto payload = json::parse(e.payload_json).as_object();
    EXPECT_EQ(payload.at("error"), "connection refused");
  }
}

TEST_F(WebhookDispatcherTest, ADisabledHooksDeliveriesAreDroppedUnsent) {
  auto hook = add_hook();
  raise();
  WebhookService hooks(*store_, clock_);
  ASSERT_TRUE(hooks.update(hook.id, {.enabled = false}));
  EXPECT_EQ(round().dropped, 1);
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_TRUE(logs(hook.id).empty());
}

}  // namespace
}  // namespace latch::management
