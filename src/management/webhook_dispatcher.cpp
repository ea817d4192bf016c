#include "management/webhook_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

#include "core/metrics.hpp"
#include "crypto/random.hpp"
#include "management/webhook_payload.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;

// What a log entry keeps of an answer.
constexpr std::size_t kSnippet = 2048;

// The answer's body as Logto logs it: its JSON when it is JSON, else its text (cut short).
json::value response_body(const std::string& body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (!ec && body.size() <= kSnippet) return value;
  return json::value(body.substr(0, kSnippet));
}

// Logto's TriggerHook.<event> entry: {key, result, hookId, hookRequest: {body}, response?,
// error?}, with the delivery's id and attempt number.
storage::AuditLog attempt_log(const storage::HookDelivery& delivery, const std::string& body,
                              const Result<WebhookAnswer>& answer, bool success, std::int64_t now) {
  std::string key = "TriggerHook." + delivery.event;
  boost::system::error_code ec;
  json::value request = json::parse(body, ec);
  json::object payload{{"key", key},
                       {"result", success ? "Success" : "Error"},
                       {"hookId", delivery.hook_id},
                       {"deliveryId", delivery.event_id},
                       {"attempt", delivery.attempts},
                       {"hookRequest", {{"body", std::move(request)}}}};
  if (answer) {
    payload["response"] = {{"statusCode", answer->status}, {"body", response_body(answer->body)}};
    if (!success) payload["error"] = "the endpoint answered " + std::to_string(answer->status);
  } else {
    payload["error"] = answer.error().description;
  }
  storage::AuditLog log;
  log.id = crypto::random_id(21);
  log.key = key;
  log.result = success ? "Success" : "Error";
  log.payload_json = json::serialize(payload);
  log.created_at = now;
  return log;
}

}  // namespace

Result<WebhookRound> WebhookDispatcher::run_once(int batch) {
  std::int64_t now = clock_.now_millis();
  // Long enough for every send of the batch to time out.
  std::int64_t lease_until = now + batch * timing_.send_timeout.count() + 10000;
  std::vector<std::pair<storage::HookDelivery, std::optional<model::Hook>>> claimed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto due = tx.hook_deliveries().claim_due(now, lease_until, batch);
    if (!due) return due.error();
    std::map<std::string, std::optional<model::Hook>> hooks;
    for (auto& delivery : *due) {
      auto [at, fresh] = hooks.try_emplace(delivery.hook_id);
      if (fresh) {
        auto hook = tx.hooks().find(delivery.hook_id);
        if (!hook) return hook.error();
        at->second = std::move(*hook);
      }
      claimed.emplace_back(std::move(delivery), at->second);
    }
    return ok();
  });
  if (!done) return done.error();
  WebhookRound round;
  for (const auto& [delivery, hook] : claimed) {
    Attempt attempt;
    if (hook && hook->enabled) attempt = deliver(delivery, *hook);
    if (auto settled = settle(delivery, attempt); !settled) return settled.error();
    if (attempt.outcome == Outcome::Sent) ++round.sent;
    if (attempt.outcome == Outcome::Retry) ++round.retried;
    if (attempt.outcome == Outcome::Drop) ++round.dropped;
  }
  return round;
}

WebhookDispatcher::Attempt WebhookDispatcher::deliver(const storage::HookDelivery& delivery,
                                                      const model::Hook& hook) {
  std::string body = delivery_body(delivery.payload_json, hook.id);
  std::int64_t now = clock_.now_millis();
  auto headers = delivery_headers(hook, hook.config, body, delivery.event_id, now);
  auto answer = sender_.post(hook.config.url, headers, body);
  bool success = answer && answer->status >= 200 && answer->status < 300;
  Attempt attempt{.outcome = Outcome::Sent,
                  .log = attempt_log(delivery, body, answer, success, clock_.now_millis())};
  if (success) return attempt;
  std::string why =
      answer ? "it answered " + std::to_string(answer->status) : answer.error().description;
  if (delivery.attempts >= hook_max_attempts(hook)) {
    spdlog::warn("webhook {} event {} ({}) dropped after {} attempts: {}", hook.id,
                 delivery.event_id, delivery.event, delivery.attempts, why);
    attempt.outcome = Outcome::Drop;
    return attempt;
  }
  spdlog::info("webhook {} event {} ({}) failed (attempt {}): {}", hook.id, delivery.event_id,
               delivery.event, delivery.attempts, why);
  attempt.outcome = Outcome::Retry;
  return attempt;
}

Result<void> WebhookDispatcher::settle(const storage::HookDelivery& delivery,
                                       const Attempt& attempt) {
  // `latch_webhook_deliveries_total{result}` (docs/observability.md): sent, retry (failed, will
  // be sent again) or dropped (failed for the last time, or the hook is gone or disabled).
  const char* result = attempt.outcome == Outcome::Sent    ? "sent"
                       : attempt.outcome == Outcome::Retry ? "retry"
                                                           : "dropped";
  metrics::registry()
      .counter("latch_webhook_deliveries_total", "Webhook delivery attempts, by how they ended.",
               {{"result", result}})
      .add();
  double unit = std::uniform_real_distribution<double>(0.0, 1.0)(jitter_);
  std::int64_t at = clock_.now_millis() +
                    hook_backoff_millis(delivery.attempts, timing_.retry_base.count(), unit);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (attempt.log) {
      if (auto logged = tx.hook_deliveries().log(*attempt.log, delivery.hook_id); !logged) {
        return logged;
      }
    }
    if (attempt.outcome == Outcome::Retry) return tx.hook_deliveries().retry_at(delivery, at);
    return tx.hook_deliveries().remove(delivery);
  });
}

}  // namespace latch::management
