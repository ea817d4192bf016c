// Webhooks' rules (management/webhook_service.hpp) over a real (SQLite) store: validation,
// defaults, partial updates, and that the changes services make queue their events in their own
// transaction.
#include "management/webhook_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "management/user_service.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

struct UrlCase {
  const char* description;
  const char* url;
  bool valid;
};

class WebhookUrlTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(WebhookUrlTest, OnlyAbsoluteHttpUrlsWithAHostAreKept) {
  const UrlCase& c = GetParam();
  auto checked = validate_hook_config({.url = c.url});
  EXPECT_EQ(checked.has_value(), c.valid) << c.description;
  if (!checked) EXPECT_EQ(checked.error().field, "config.url");
}

INSTANTIATE_TEST_SUITE_P(
    Urls, WebhookUrlTest,
    ::testing::Values(UrlCase{"https", "https://hooks.example.com/latch", true},
                      UrlCase{"http on loopback with a port", "http://127.0.0.1:8080/x?y=1", true},
                      UrlCase{"empty", "", false}, UrlCase{"relative", "/hooks", false},
                      UrlCase{"another scheme", "ftp://example.com/hook", false},
                      UrlCase{"javascript", "javascript:alert(1)", false},
                      UrlCase{"no host", "https:///path", false},
                      UrlCase{"credentials", "https://user:pass@example.com/", false},
                      UrlCase{"spaces", "https://exa mple.com/", false},
                      UrlCase{"junk", "not a url", false}));

TEST(WebhookConfigTest, RefusesBadHeadersAndRetries) {
  model::HookConfig config{.url = "https://example.com/"};
  config.headers = {{"bad name", "v"}};
  auto bad_name = validate_hook_config(config);
  ASSERT_FALSE(bad_name);
  EXPECT_EQ(bad_name.error().field, "config.headers");
  config.headers = {{"x-ok", "line\r\nInjected: yes"}};
  EXPECT_FALSE(validate_hook_config(config));
  config.headers = {{"x-ok", "fine"}};
  config.retries = 4;
  auto retries = validate_hook_config(config);
  ASSERT_FALSE(retries);
  EXPECT_EQ(retries.error().field, "config.retries");
  config.retries = 0;
  EXPECT_TRUE(validate_hook_config(config));
}

TEST(WebhookEventListTest, UnknownEventsAreRefusedAndDuplicatesDropped) {
  auto events = validate_hook_events({"User.Created", "PostSignIn", "User.Created"}, "events");
  ASSERT_TRUE(events);
  EXPECT_EQ(*events, (std::vector<std::string>{"User.Created", "PostSignIn"}));
  auto unknown = validate_hook_events({"User.Created", "User.Exploded"}, "events");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "events");
}

class WebhookServiceTest : public ::testing::Test {
 protected:
  WebhookServiceTest() : store_(test::open_test_store(dir_.path())), hooks_(*store_, clock_) {}

  model::Hook create(std::vector<std::string> events) {
    auto hook = hooks_.create(
        {.events = std::move(events), .config = model::HookConfig{.url = "https://r.test/"}});
    EXPECT_TRUE(hook) << hook.error().description;
    return hook ? *hook : model::Hook{};
  }
  std::vector<storage::HookDelivery> queued() {
    std::vector<storage::HookDelivery> out;
    auto done = store_->read([&](storage::Tx& tx) -> Result<void> {
      auto rows = tx.hook_deliveries().list_all();
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
  WebhookService hooks_;
};

TEST_F(WebhookServiceTest, CreateGivesAnIdAKeyAndDefaults) {
  auto hook = create({"User.Created"});
  EXPECT_EQ(hook.id.size(), 21u);
  EXPECT_EQ(hook.signing_key.size(), 32u);
  EXPECT_TRUE(hook.enabled);
  EXPECT_EQ(hook.created_at, clock_.now_millis());
  auto json = to_json(hook);
  EXPECT_TRUE(json.at("event").is_null());
  EXPECT_EQ(json.at("config").at("url"), "https://r.test/");
}

TEST_F(WebhookServiceTest, CreateWithoutEventsIsHookMissingEvents) {
  auto none = hooks_.create({.config = model::HookConfig{.url = "https://r.test/"}});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "hook.missing_events");
  auto empty = hooks_.create({.events = std::vector<std::string>{},
                              .config = model::HookConfig{.url = "https://r.test/"}});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().key, "hook.missing_events");
  auto legacy = hooks_.create({.event = std::optional<std::string>("PostSignIn"),
                               .config = model::HookConfig{.url = "https://r.test/"}});
  ASSERT_TRUE(legacy) << "the legacy event alone will do";
  EXPECT_TRUE(legacy->events.empty());
}

TEST_F(WebhookServiceTest, UpdateChangesOnlyWhatIsGivenAndRotationChangesTheKey) {
  auto hook = create({"User.Created"});
  auto renamed = hooks_.update(hook.id, {.name = std::string("mine"), .enabled = false});
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->name, "mine");
  EXPECT_FALSE(renamed->enabled);
  EXPECT_EQ(renamed->events, hook.events);
  EXPECT_EQ(renamed->signing_key, hook.signing_key);
  auto rotated = hooks_.rotate_signing_key(hook.id);
  ASSERT_TRUE(rotated);
  EXPECT_NE(rotated->signing_key, hook.signing_key);
  auto missing = hooks_.update("nope", {.enabled = true});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "entity.not_found");
}

TEST_F(WebhookServiceTest, AUserChangeQueuesItsEventInItsTransaction) {
  auto hook = create({"User.Created", "User.Data.Updated", "User.Deleted"});
  HookOrigin origin{.path = "/api/users", .method = "POST", .status = 200};
  UserService users(*store_, clock_, &origin);
  auto user = users.create({.username = std::string("alice")});
  ASSERT_TRUE(user);
  clock_.advance(std::chrono::milliseconds(1));
  auto refused = users.create({.username = std::string("alice")});  // taken: rolled back
  ASSERT_FALSE(refused);
  ASSERT_TRUE(users.update(user->id, {.name = std::optional<std::string>("Alice")}));
  clock_.advance(std::chrono::milliseconds(1));
  ASSERT_TRUE(users.remove(user->id));
  auto rows = queued();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].event, "User.Created");
  EXPECT_EQ(rows[1].event, "User.Data.Updated");
  EXPECT_EQ(rows[2].event, "User.Deleted");
  auto payload = json::parse(rows[1].payload_json).as_object();
  EXPECT_EQ(payload.at("data").at("name"), "Alice");
  EXPECT_EQ(payload.at("method"), "POST");
  for (const auto& row : rows) EXPECT_EQ(row.hook_id, hook.id);
}

TEST_F(WebhookServiceTest, RecentLogsRefuseAnInvertedWindow) {
  auto hook = create({"User.Created"});
  auto logs = hooks_.recent_logs(hook.id, {.from = 10, .to = 5, .page = {1, 20}});
  ASSERT_FALSE(logs);
  EXPECT_EQ(logs.error().key, "log.invalid_time_window");
}

}  // namespace
}  // namespace latch::management
