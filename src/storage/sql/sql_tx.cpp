#include "storage/sql/sql_tx.hpp"

#include "storage/sql/epochs.hpp"

namespace latch::storage::sql {

SqlTx::SqlTx(Connection& conn)
    : conn_(conn),
      applications_(conn),
      resources_(conn),
      keys_(conn),
      users_(conn),
      sessions_(conn),
      interactions_(conn),
      grants_(conn),
      codes_(conn),
      refresh_tokens_(conn),
      access_tokens_(conn),
      sign_in_experience_(conn),
      message_connectors_(conn),
      verification_codes_(conn),
      sign_in_failures_(conn),
      connectors_(conn),
      logs_(conn) {}

Result<void> SqlTx::bump_epoch(std::string_view cache) { return sql::bump_epoch(conn_, cache); }

}  // namespace latch::storage::sql
