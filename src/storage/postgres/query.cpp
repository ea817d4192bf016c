#include "storage/postgres/query.hpp"

namespace latch::storage::postgres {

Result<std::int64_t> execute(Connection& conn, std::string_view sql,
                             std::initializer_list<Value> values) {
  auto stmt = conn.prepare(sql, values);
  if (!stmt) {
    return stmt.error();
  }
  return stmt->changes();
}

Result<void> run(Connection& conn, std::string_view sql, std::initializer_list<Value> values) {
  auto changed = execute(conn, sql, values);
  if (!changed) {
    return changed.error();
  }
  return ok();
}

Result<void> execute_one(Connection& conn, std::string_view sql,
                         std::initializer_list<Value> values, std::string_view what) {
  auto changed = execute(conn, sql, values);
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return make_error(Errc::NotFound, std::string(what) + " not found");
  }
  return ok();
}

Result<std::int64_t> query_int64(Connection& conn, std::string_view sql,
                                 std::initializer_list<Value> values) {
  auto stmt = conn.prepare(sql, values);
  if (!stmt) {
    return stmt.error();
  }
  auto has_row = stmt->step();
  if (!has_row) {
    return has_row.error();
  }
  return *has_row ? stmt->int64(0) : std::int64_t{0};
}

}  // namespace latch::storage::postgres
