#include "storage/postgres/epochs.hpp"

#include <utility>
#include <vector>

#include "storage/postgres/query.hpp"

namespace latch::storage::postgres {

Result<void> bump_epoch(Connection& conn, std::string_view cache) {
  return run(conn,
             "INSERT INTO cache_epochs (name, version) VALUES (?, 1) "
             "ON CONFLICT (name) DO UPDATE SET version = cache_epochs.version + 1",
             {cache});
}

Result<std::map<std::string, std::int64_t>> read_epochs(Connection& conn) {
  using Row = std::pair<std::string, std::int64_t>;
  auto rows =
      query_all<Row>(conn, "SELECT name, version FROM cache_epochs", {}, [](const Statement& s) {
        return Row{s.text(0), s.int64(1)};
      });
  if (!rows) {
    return rows.error();
  }
  return std::map<std::string, std::int64_t>(rows->begin(), rows->end());
}

}  // namespace latch::storage::postgres
