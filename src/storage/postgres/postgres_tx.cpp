#include "storage/postgres/postgres_tx.hpp"

#include "storage/postgres/epochs.hpp"

namespace latch::storage::postgres {

PostgresTx::PostgresTx(Connection& conn)
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

Result<void> PostgresTx::bump_epoch(std::string_view cache) {
  return postgres::bump_epoch(conn_, cache);
}

}  // namespace latch::storage::postgres
