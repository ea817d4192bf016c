#include <boost/json/parse.hpp>

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

Result<http::Response> list_logs(const ManagementApiDeps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  std::string result(c.request.query.value("result"));
  if (!result.empty() && result != "Success" && result != "Error") {
    return with_field(make_error(Errc::InvalidRequest, "result must be Success or Error"),
                      "result");
  }
  storage::LogFilter filter{std::string(c.request.query.value("logKey")),
                            std::string(c.request.query.value("userId")),
                            std::string(c.request.query.value("applicationId")), result};
  json::array items;
  std::int64_t total = 0;
  if (d.audit) d.audit->flush();  // what a token request a moment ago recorded
  auto done = d.store.read([&](storage::Tx& tx) -> Result<void> {
    auto logs = tx.logs().list(filter, *page);
    if (!logs) return logs.error();
    auto counted = tx.logs().count(filter);
    if (!counted) return counted.error();
    for (const auto& log : *logs) items.push_back(log_json(log));
    total = *counted;
    return ok();
  });
  if (!done) return done.error();
  return page_response(std::move(items), total);
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
  if (!found) return keyed_error(Errc::NotFound, "entity.not_found", "no log entry");
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
