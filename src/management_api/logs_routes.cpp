#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <charconv>
#include <cmath>

#include "management_api/log_json.hpp"
#include "management_api/management_api.hpp"
#include "storage/experience_repositories.hpp"

// /api/logs: the audit log (Logto's shape: {id, key, payload, createdAt}).
namespace latch::management_api {

boost::json::object log_json(const storage::AuditLog& log) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(log.payload_json, ec);
  if (ec || !payload.is_object()) payload = boost::json::object{};
  return {{"id", log.id},
          {"key", log.key},
          {"payload", std::move(payload)},
          {"createdAt", log.created_at}};
}

namespace {

namespace json = boost::json;
using http::bhttp::status;

// A query flag that is on (Logto's `yes`): 1, true, y, yes, in any case.
bool yes(std::string_view value) {
  std::string lower(value);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower == "1" || lower == "true" || lower == "y" || lower == "yes";
}

// Logto counts at most this many entries when asked to (?enableCap=true).
constexpr std::int64_t kCountCap = 10000;

// start_time / end_time: a finite number of epoch milliseconds (Logto's parseTimestampParam),
// fractions allowed; nullopt when absent. InvalidRequest "guard.invalid_input" naming it.
Result<std::optional<double>> time_param(const Call& c, std::string_view name) {
  auto text = c.request.query.get(name);
  if (!text) return std::optional<double>();
  std::string_view v = *text;
  double value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                                  std::string(name) + " must be a time in milliseconds"),
                      std::string(name));
  }
  return std::optional<double>(value);
}

// The window as whole milliseconds, both ends inclusive: created_at >= start, and an end with a
// fraction still takes its whole millisecond. InvalidRequest "log.invalid_time_window" when the
// start is after the end.
Result<void> read_window(const Call& c, storage::LogFilter& filter) {
  auto start = time_param(c, "start_time");
  if (!start) return start.error();
  auto end = time_param(c, "end_time");
  if (!end) return end.error();
  if (*start && *end && **start > **end) {
    return keyed_error(Errc::InvalidRequest, "log.invalid_time_window");
  }
  constexpr double kLimit = 9.0e15;  // beyond any millisecond timestamp, inside int64
  if (*start)
    filter.from = static_cast<std::int64_t>(std::ceil(std::clamp(**start, -kLimit, kLimit)));
  if (*end) filter.to = static_cast<std::int64_t>(std::floor(std::clamp(**end, -kLimit, kLimit)));
  return ok();
}

Result<http::Response> list_logs(const ManagementApiDeps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  std::string result(c.request.query.value("result"));
  if (!result.empty() && result != "Success" && result != "Error") {
    return with_field(make_error(Errc::InvalidRequest, "result must be Success or Error"),
                      "result");
  }
  storage::LogFilter filter{.key = std::string(c.request.query.value("logKey")),
                            .user_id = std::string(c.request.query.value("userId")),
                            .application_id = std::string(c.request.query.value("applicationId")),
                            .result = result};
  if (auto window = read_window(c, filter); !window) return window.error();
  bool cap = yes(c.request.query.value("enableCap"));
  json::array items;
  std::int64_t total = 0;
  if (d.audit) d.audit->flush();  // what a token request a moment ago recorded
  auto done = d.store.read([&](storage::Tx& tx) -> Result<void> {
    auto logs = tx.logs().list(filter, *page);
    if (!logs) return logs.error();
    auto counted = cap ? tx.logs().count_capped(filter, kCountCap) : tx.logs().count(filter);
    if (!counted) return counted.error();
    for (const auto& log : *logs) items.push_back(log_json(log));
    total = *counted;
    return ok();
  });
  if (!done) return done.error();
  return page_response(std::move(items), PageLinks{.endpoint = d.config.endpoint,
                                                   .request = c.request,
                                                   .page = *page,
                                                   .total = total,
                                                   .capped = cap && total > kCountCap});
}

Result<http::Response> get_log(const ManagementApiDeps& d, const Call& c) {
  std::optional<storage::AuditLog> found;
  if (d.audit) d.audit->flush();
  auto done = d.store.read([&](storage::Tx& tx) -> Result<void> {
    auto log = tx.logs().find(c.param("id"));
    if (!log) return log.error();
    found = std::move(*log);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "no log entry");
  return http::json_response(status::ok, log_json(*found));
}

}  // namespace

void ManagementApi::mount_logs(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/logs", "List audit log entries", list_logs},
      {get, "/logs/:id", "Get an audit log entry", get_log},
  });
}

}  // namespace latch::management_api
