#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

#include "management/webhook_payload.hpp"
#include "management/webhook_service.hpp"
#include "management_api/log_json.hpp"
#include "management_api/management_api.hpp"
#include "management_api/webhook_sender.hpp"

// /api/hooks: webhooks (Logto's routes/hook.ts; shapes in management/webhook_service.hpp,
// delivery in management/webhook_dispatcher.hpp, docs/webhooks.md).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::WebhookService service(const Deps& d) { return {d.store, d.clock}; }
std::string hook_id(const Call& c) { return std::string(c.param("id")); }

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::move(field));
}

// Logto's HookConfig: {url, headers?, retries?}.
Result<model::HookConfig> config_of(const json::object& object) {
  if (auto r = only_fields(object, {"url", "headers", "retries"}, "config"); !r) return r.error();
  model::HookConfig config;
  const auto* url = object.if_contains("url");
  if (!url || !url->is_string()) return bad_field("config.url", "config.url must be a string");
  config.url = std::string(url->as_string());
  if (const auto* headers = object.if_contains("headers")) {
    if (!headers->is_object()) return bad_field("config.headers", "headers must be an object");
    for (const auto& [name, value] : headers->as_object()) {
      if (!value.is_string()) return bad_field("config.headers", "header values must be strings");
      config.headers.emplace_back(name, value.as_string());
    }
  }
  if (const auto* retries = object.if_contains("retries")) {
    if (!retries->is_number()) return bad_field("config.retries", "retries must be a number");
    double n = retries->to_number<double>();
    if (n != std::floor(n) || n < 0 || n > model::kMaxHookRetries) {
      return bad_field("config.retries", "retries must be 0 to 3");
    }
    config.retries = static_cast<int>(n);
  }
  return config;
}

// The members of a POST or PATCH body.
Result<management::HookInput> input_of(const json::object& body) {
  if (auto r = only_fields(body, {"name", "event", "events", "config", "enabled"}); !r) {
    return r.error();
  }
  management::HookInput input;
  auto name = string_field(body, "name");
  if (!name) return name.error();
  input.name = std::move(*name);
  auto event = nullable_string(body, "event");
  if (!event) return event.error();
  input.event = std::move(*event);
  auto events = strings_field(body, "events");
  if (!events) return events.error();
  input.events = std::move(*events);
  auto enabled = bool_field(body, "enabled");
  if (!enabled) return enabled.error();
  input.enabled = *enabled;
  auto config = object_field(body, "config");
  if (!config) return config.error();
  if (*config) {
    auto parsed = config_of(**config);
    if (!parsed) return parsed.error();
    input.config = std::move(*parsed);
  }
  return input;
}

// ?includeExecutionStats: Logto's yes() (1, true, yes, y).
bool with_stats(const Call& c) {
  auto v = c.request.query.value("includeExecutionStats");
  return v == "1" || v == "true" || v == "yes" || v == "y";
}

Result<json::object> hook_json(const Deps& d, const model::Hook& hook, bool stats) {
  json::object out = management::to_json(hook);
  if (!stats) return out;
  auto counted = service(d).stats(hook.id);
  if (!counted) return counted.error();
  out["executionStats"] = {{"requestCount", counted->request_count},
                           {"successCount", counted->success_count}};
  return out;
}

Result<http::Response> hook_response(const Deps& d, Result<model::Hook> hook, status code) {
  if (!hook) return hook.error();
  auto out = hook_json(d, *hook, false);
  if (!out) return out.error();
  return http::json_response(code, *out);
}

Result<http::Response> list_hooks(const Deps& d, const Call& c) {
  // Logto's optional pagination: without page or page_size, every hook and no Total-Number.
  const auto& q = c.request.query;
  bool paged = q.get("page").has_value() || q.get("page_size").has_value();
  std::optional<storage::Page> page;
  if (paged) {
    auto p = page_of(c.request);
    if (!p) return p.error();
    page = *p;
  }
  auto listed = service(d).list(page);
  if (!listed) return listed.error();
  json::array items;
  for (const auto& hook : listed->hooks) {
    auto item = hook_json(d, hook, with_stats(c));
    if (!item) return item.error();
    items.push_back(std::move(*item));
  }
  if (paged) return page_response(std::move(items), listed->total);
  return http::json_response(status::ok, items);
}

Result<http::Response> get_hook(const Deps& d, const Call& c) {
  auto hook = service(d).get(hook_id(c));
  if (!hook) return hook.error();
  auto out = hook_json(d, *hook, with_stats(c));
  if (!out) return out.error();
  return http::json_response(status::ok, *out);
}

Result<http::Response> create_hook(const Deps& d, const Call& c) {
  auto input = input_of(c.body);
  if (!input) return input.error();
  return hook_response(d, service(d).create(*input), status::created);
}

Result<http::Response> update_hook(const Deps& d, const Call& c) {
  auto input = input_of(c.body);
  if (!input) return input.error();
  return hook_response(d, service(d).update(hook_id(c), *input), status::ok);
}

Result<http::Response> rotate_signing_key(const Deps& d, const Call& c) {
  return hook_response(d, service(d).rotate_signing_key(hook_id(c)), status::ok);
}

Result<http::Response> delete_hook(const Deps& d, const Call& c) {
  if (auto removed = service(d).remove(hook_id(c)); !removed) return removed.error();
  return http::empty_response(status::no_content);
}

// A unix-ms query parameter (Logto's parseTimestampParam): nullopt when absent.
Result<std::optional<std::int64_t>> time_param(const Call& c, std::string_view name) {
  auto text = c.request.query.get(name);
  if (!text) return std::optional<std::int64_t>();
  std::string_view v = *text;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
    return bad_field(std::string(name), std::string(name) + " must be a time in milliseconds");
  }
  return std::optional<std::int64_t>(value);
}

Result<http::Response> recent_logs(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  auto from = time_param(c, "start_time");
  if (!from) return from.error();
  auto to = time_param(c, "end_time");
  if (!to) return to.error();
  management::HookLogQuery query{
      .key = std::string(c.request.query.value("logKey")), .from = *from, .to = *to, .page = *page};
  auto logs = service(d).recent_logs(hook_id(c), query);
  if (!logs) return logs.error();
  json::array items;
  for (const auto& log : logs->logs) items.push_back(log_json(log));
  return page_response(std::move(items), logs->total);
}

// Logto's 422 hook.endpoint_responded_with_error, with the endpoint's answer as `data`.
http::Response endpoint_refused(const management::WebhookAnswer& answer) {
  json::object body{{"code", "hook.endpoint_responded_with_error"},
                    {"message", "Endpoint responded with error."},
                    {"data", {{"responseStatus", answer.status}, {"responseBody", answer.body}}}};
  return http::json_response(status::unprocessable_entity, body);
}

// POST /hooks/:id/test {events, config}: Logto's test payload of each event, signed with the
// hook's key, sent once to config.url, now (on the outbound pool, within connector_timeout_ms).
Result<http::Response> test_hook(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"events", "config"}); !r) return r.error();
  auto listed = strings_field(c.body, "events");
  if (!listed) return listed.error();
  if (!*listed || (*listed)->empty()) {
    return with_field(keyed_error(Errc::InvalidRequest, "hook.missing_events"), "events");
  }
  auto events = management::validate_hook_events(**listed, "events");
  if (!events) return events.error();
  auto config_object = object_field(c.body, "config");
  if (!config_object) return config_object.error();
  if (!*config_object) return bad_field("config", "config is required");
  auto config = config_of(**config_object);
  if (!config) return config.error();
  if (auto valid = management::validate_hook_config(*config); !valid) return valid.error();
  auto hook = service(d).get(hook_id(c));
  if (!hook) return hook.error();
  OutboundWebhookSender sender(std::chrono::milliseconds(d.config.connector_timeout_ms));
  for (const auto& event : *events) {
    std::int64_t now = d.clock.now_millis();
    std::string body = json::serialize(management::test_payload(hook->id, event, now));
    auto headers = management::delivery_headers(*hook, *config, body, "test", now);
    auto answer = sender.post(config->url, headers, body);
    if (!answer) {
      return with_key(make_error(Errc::Conflict, answer.error().description),
                      "hook.send_test_payload_failed");
    }
    if (answer->status < 200 || answer->status >= 300) return endpoint_refused(*answer);
  }
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_hooks(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/hooks", "List webhooks", list_hooks},
      {post, "/hooks", "Create a webhook", create_hook},
      {get, "/hooks/:id", "Get a webhook", get_hook},
      {patch, "/hooks/:id", "Update a webhook", update_hook},
      {delete_, "/hooks/:id", "Delete a webhook", delete_hook},
      {patch, "/hooks/:id/signing-key", "Regenerate a webhook's signing key", rotate_signing_key},
      {get, "/hooks/:id/recent-logs", "List a webhook's recent deliveries", recent_logs},
      {post, "/hooks/:id/test", "Send test payloads to a webhook endpoint", test_hook,
       http::Lane::Outbound},
  });
}

}  // namespace latch::management_api
