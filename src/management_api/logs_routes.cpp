#include <boost/json/parse.hpp>

#include "management_api/management_api.hpp"
#include "storage/experience_repositories.hpp"

// /api/logs: the audit log (Logto's shape: {id, key, payload, createdAt}).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

json::object log_json(const storage::AuditLog& log) {
  boost::system::error_code ec;
  auto payload = json::parse(log.payload_json, ec);
  if (ec || !payload.is_object()) payload = json::object{};
  return {{"id", log.id},
          {"key", log.key},
          {"payload", std::move(payload)},
          {"createdAt", log.created_at}};
}

}  // namespace

void ManagementApi::mount_logs(Routes& r) {
  auto& store = deps_.store;
  r.get("/logs", "List audit log entries", ([&store](const Call& c) -> Result<http::Response> {
          auto page = page_of(c.request);
          if (!page) return page.error();
          storage::LogFilter filter{std::string(c.request.query.value("logKey")),
                                    std::string(c.request.query.value("userId")),
                                    std::string(c.request.query.value("applicationId"))};
          json::array items;
          std::int64_t total = 0;
          auto done = store.read([&](storage::Tx& tx) -> Result<void> {
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
        }));
  r.get("/logs/:id", "Get an audit log entry", ([&store](const Call& c) -> Result<http::Response> {
          std::optional<storage::AuditLog> found;
          auto done = store.read([&](storage::Tx& tx) -> Result<void> {
            auto log = tx.logs().find(c.param("id"));
            if (!log) return log.error();
            found = std::move(*log);
            return ok();
          });
          if (!done) return done.error();
          if (!found) return keyed_error(Errc::NotFound, "entity.not_found", "no log entry");
          return http::json_response(status::ok, log_json(*found));
        }));
}

}  // namespace latch::management_api
