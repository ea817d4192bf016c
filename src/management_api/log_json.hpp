#pragma once

#include <boost/json/object.hpp>

#include "storage/experience_repositories.hpp"

namespace latch::management_api {

// An audit log entry as Logto's API answers it: {id, key, payload, createdAt}, the payload parsed
// back into an object ({} if the stored text is not one). /api/logs and a hook's recent-logs.
boost::json::object log_json(const storage::AuditLog& log);

}  // namespace latch::management_api
