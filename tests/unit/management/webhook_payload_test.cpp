// What a webhook delivery is made of: signature, headers, payloads and the wait between
// attempts (management/webhook_payload.hpp).
#include "management/webhook_payload.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace latch::management {
namespace {

namespace json = boost::json;

model::Hook hook_with_key(std::string key) {
  model::Hook hook;
  hook.id = "hook1";
  hook.signing_key = std::move(key);
  hook.events = {"User.Created"};
  hook.config.url = "https://receiver.test/hook";
  return hook;
}

std::string header(const std::vector<std::pair<std::string, std::string>>& headers,
                   std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "<absent>";
}

TEST(WebhookSignatureTest, IsTheLowerCaseHexHmacSha256OfTheBody) {
  // RFC 4231 §4.3, test case 2.
  EXPECT_EQ(sign_body("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignatureTest, HeadersSignTheExactBodyAndCarryTheDeliveryIdAndTime) {
  auto hook = hook_with_key("secret");
  std::string body = R"({"event":"User.Created","hookId":"hook1"})";
  auto headers = delivery_headers(hook, hook.config, body, "evt1", 1700000000123);
  EXPECT_EQ(header(headers, "logto-signature-sha-256"), sign_body("secret", body));
  EXPECT_EQ(header(headers, "latch-delivery-id"), "evt1");
  EXPECT_EQ(header(headers, "latch-timestamp"), "1700000000123");
  EXPECT_EQ(header(headers, "content-type"), "application/json");
  EXPECT_NE(header(headers, "user-agent"), "<absent>");
}

TEST(WebhookSignatureTest, TheHooksHeadersComeAlongButCannotReplaceTheSignature) {
  auto hook = hook_with_key("secret");
  hook.config.headers = {{"X-Tenant", "acme"},
                         {"User-Agent", "mine"},
                         {"Logto-Signature-Sha-256", "forged"},
                         {"latch-delivery-id", "forged"}};
  auto headers = delivery_headers(hook, hook.config, "{}", "evt1", 1);
  EXPECT_EQ(header(headers, "X-Tenant"), "acme");
  EXPECT_EQ(header(headers, "User-Agent"), "mine");
  EXPECT_EQ(header(headers, "user-agent"), "<absent>") << "replaced, not sent twice";
  EXPECT_EQ(header(headers, "Logto-Signature-Sha-256"), "<absent>");
  EXPECT_EQ(header(headers, "logto-signature-sha-256"), sign_body("secret", "{}"));
  EXPECT_EQ(header(headers, "latch-delivery-id"), "evt1");
}

TEST(WebhookSignatureTest, AHookWithoutAKeySendsNoSignature) {
  auto hook = hook_with_key("");
  auto headers = delivery_headers(hook, hook.config, "{}", "evt1", 1);
  EXPECT_EQ(header(headers, "logto-signature-sha-256"), "<absent>");
}

TEST(WebhookBackoffTest, DoublesFromTheBaseWithJitterBetweenHalfAndAll) {
  for (std::int64_t attempts = 1; attempts <= 6; ++attempts) {
    std::int64_t full = 1000 << (attempts - 1);
    EXPECT_EQ(hook_backoff_millis(attempts, 1000, 0.0), full / 2) << attempts;
    EXPECT_EQ(hook_backoff_millis(attempts, 1000, 1.0), full) << attempts;
    for (double unit : {0.1, 0.5, 0.99}) {
      auto wait = hook_backoff_millis(attempts, 1000, unit);
      EXPECT_GE(wait, full / 2);
      EXPECT_LE(wait, full);
    }
  }
}

TEST(WebhookBackoffTest, StaysWithinTheCapAndReadsOddInputsSafely) {
  EXPECT_EQ(hook_backoff_millis(200, 1000, 1.0), kMaxHookBackoffMillis);
  EXPECT_EQ(hook_backoff_millis(40, 2000, 0.0), kMaxHookBackoffMillis / 2);
  EXPECT_EQ(hook_backoff_millis(0, 1000, 1.0), 1000) << "attempts below 1 read as 1";
  EXPECT_EQ(hook_backoff_millis(1, 1000, 7.0), 1000) << "unit clamped to 1";
}

TEST(WebhookBackoffTest, AttemptsAreOnePlusTheRetriesDefaultThree) {
  auto hook = hook_with_key("k");
  EXPECT_EQ(hook_max_attempts(hook), 4);
  hook.config.retries = 0;
  EXPECT_EQ(hook_max_attempts(hook), 1);
  hook.config.retries = 3;
  EXPECT_EQ(hook_max_attempts(hook), 4);
}

TEST(WebhookPayloadTest, IsoTimeIsJavaScriptsToIsoString) {
  EXPECT_EQ(iso_time(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso_time(1700000000123), "2023-11-14T22:13:20.123Z");
}

TEST(WebhookPayloadTest, ADataHookCarriesTheRequestAndTheData) {
  HookOrigin origin{.ip = "203.0.113.9",
                    .user_agent = "curl/8",
                    .path = "/api/users/u1",
                    .method = "PATCH",
                    .matched_route = "/api/users/:userId",
                    .params = {{"userId", "u1"}},
                    .status = 200};
  auto payload = data_hook_payload("User.Data.Updated", &origin, json::object{{"id", "u1"}}, 0);
  EXPECT_EQ(payload.at("event"), "User.Data.Updated");
  EXPECT_EQ(payload.at("createdAt"), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(payload.at("ip"), "203.0.113.9");
  EXPECT_EQ(payload.at("userAgent"), "curl/8");
  EXPECT_EQ(payload.at("path"), "/api/users/u1");
  EXPECT_EQ(payload.at("method"), "PATCH");
  EXPECT_EQ(payload.at("status"), 200);
  EXPECT_EQ(payload.at("matchedRoute"), "/api/users/:userId");
  EXPECT_EQ(payload.at("params"), (json::object{{"userId", "u1"}}));
  EXPECT_EQ(payload.at("data"), (json::object{{"id", "u1"}}));
  EXPECT_FALSE(payload.contains("hookId")) << "added per hook when sent";
}

TEST(WebhookPayloadTest, ADataHookWithoutARequestHasOnlyTheEventAndData) {
  auto payload = data_hook_payload("User.Created", nullptr, json::object{{"id", "u1"}}, 0);
  EXPECT_EQ(payload.size(), 3u) << json::serialize(payload);
}

TEST(WebhookPayloadTest, AnInteractionHookCarriesTheSignIn) {
  InteractionHookFacts facts{.interaction_event = "SignIn",
                             .session_id = "uid1",
                             .user_agent = "Mozilla",
                             .user_ip = "198.51.100.1",
                             .user_id = "u1",
                             .user = {{"id", "u1"}},
                             .application = {{"id", "app1"}, {"type", "SPA"}}};
  auto payload = interaction_hook_payload("PostSignIn", facts, 0);
  EXPECT_EQ(payload.at("event"), "PostSignIn");
  EXPECT_EQ(payload.at("interactionEvent"), "SignIn");
  EXPECT_EQ(payload.at("sessionId"), "uid1");
  EXPECT_EQ(payload.at("userAgent"), "Mozilla");
  EXPECT_EQ(payload.at("userIp"), "198.51.100.1");
  EXPECT_EQ(payload.at("userId"), "u1");
  EXPECT_EQ(payload.at("user").at("id"), "u1");
  EXPECT_EQ(payload.at("application").at("type"), "SPA");
}

TEST(WebhookPayloadTest, AHookUserIsLogtosUserInfoWithoutHasPassword) {
  json::object user{{"id", "u1"},
                    {"username", "alice"},
                    {"hasPassword", true},
                    {"isSuspended", false},
                    {"customData", json::object{}}};
  auto picked = hook_user(user);
  EXPECT_EQ(picked.at("username"), "alice");
  EXPECT_FALSE(picked.contains("hasPassword"));
  EXPECT_TRUE(picked.contains("customData"));
}

TEST(WebhookPayloadTest, TheDeliveryBodyAddsTheHookId) {
  auto body = delivery_body(R"({"event":"User.Created","data":{"id":"u1"}})", "hook1");
  auto parsed = json::parse(body).as_object();
  EXPECT_EQ(parsed.at("hookId"), "hook1");
  EXPECT_EQ(parsed.at("data").at("id"), "u1");
  EXPECT_EQ(delivery_body("not json", "hook1"), "");
  EXPECT_EQ(delivery_body("[1]", "hook1"), "");
}

TEST(WebhookPayloadTest, TestPayloadsFollowTheEventsKind) {
  auto signed_in = test_payload("hook1", "PostSignIn", 0);
  EXPECT_EQ(signed_in.at("hookId"), "hook1");
  EXPECT_EQ(signed_in.at("user").at("id"), "fake-id");
  EXPECT_EQ(signed_in.at("application").at("type"), "SPA");
  EXPECT_FALSE(signed_in.contains("data"));
  auto created = test_payload("hook1", "Role.Created", 0);
  EXPECT_EQ(created.at("path"), "/fake-path/:id");
  EXPECT_EQ(created.at("data").at("result"), "success");
  EXPECT_FALSE(created.contains("user"));
}

TEST(WebhookEventsTest, KindsFollowLogtosGroups) {
  EXPECT_EQ(model::hook_events().size(), 29u);
  EXPECT_EQ(model::hook_event_kind("PostRegister"), model::HookEventKind::Interaction);
  EXPECT_EQ(model::hook_event_kind("PostResetPassword"), model::HookEventKind::Interaction);
  EXPECT_EQ(model::hook_event_kind("Organization.Membership.Updated"), model::HookEventKind::Data);
  EXPECT_EQ(model::hook_event_kind("Identifier.Lockout"), model::HookEventKind::Exception);
  EXPECT_FALSE(model::hook_event_kind("TrustedDevice.Created")) << "a Logto dev feature";
  EXPECT_FALSE(model::hook_event_kind("user.created")) << "names are case-sensitive";
}

TEST(WebhookEventsTest, AHookWantsItsEventsOrItsLegacyEventWhenItHasNone) {
  auto hook = hook_with_key("k");
  EXPECT_TRUE(hook.wants("User.Created"));
  EXPECT_FALSE(hook.wants("User.Deleted"));
  hook.events.clear();
  hook.event = "User.Deleted";
  EXPECT_TRUE(hook.wants("User.Deleted"));
  hook.enabled = false;
  EXPECT_FALSE(hook.wants("User.Deleted"));
}

}  // namespace
}  // namespace latch::management
