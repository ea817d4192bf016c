#include "storage/sql/sql_tx.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::sql {

SqlTx::SqlTx(Connection& conn)
    : conn_(conn),
      applications_(conn),
      resources_(conn),
      roles_(conn),
      organizations_(conn),
      organization_roles_(conn),
      organization_scopes_(conn),
      organization_invitations_(conn),
      keys_(conn),
      users_(conn),
      mfa_(conn),
      sessions_(conn),
      interactions_(conn),
      grants_(conn),
      codes_(conn),
      device_codes_(conn),
      refresh_tokens_(conn),
      access_tokens_(conn),
      subject_tokens_(conn),
      sign_in_experience_(conn),
      message_connectors_(conn),
      verification_codes_(conn),
      sign_in_failures_(conn),
      connectors_(conn),
      sso_connectors_(conn),
      user_sso_identities_(conn),
      saml_sso_(conn),
      saml_applications_(conn),
      verification_records_(conn),
      account_center_(conn),
      logs_(conn),
      setup_tokens_(conn),
      maintenance_(conn),
      rate_limits_(conn),
      replays_(conn),
      pushed_requests_(conn),
      logout_deliveries_(conn),
      client_registrations_(conn),
      jwt_customizers_(conn),
      hooks_(conn),
      hook_deliveries_(conn),
      dump_(conn) {}

Result<void> SqlTx::lock(std::string_view name) {
  if (conn_.dialect() != Dialect::postgres) {
    return ok();
  }
  // FNV-1a of the name: the advisory lock's 64-bit key.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : name) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return run(conn_, "SELECT pg_advisory_xact_lock(?)", {static_cast<std::int64_t>(hash)});
}

Result<void> SqlTx::bump_epoch(std::string_view cache) { return sql::bump_epoch(conn_, cache); }

Result<std::map<std::string, std::int64_t>> SqlTx::epochs() { return sql::read_epochs(conn_); }

void Committed::run(const EpochListener& listener) {
  for (auto& then : callbacks) then();
  if (!listener) return;
  for (const auto& cache : bumped) listener(cache);
}

Result<void> run_tx(Connection& conn, const std::string& begin, const TxFn& fn,
                    Committed& committed) {
  std::vector<std::function<void()>> callbacks;
  (void)conn.take_bumps();  // left by a transaction that failed to begin or to commit
  auto done = run_transaction(conn, begin, [&] {
    SqlTx tx(conn);
    auto result = fn(tx);
    callbacks = tx.take_after_commit();
    return result;
  });
  auto bumped = conn.take_bumps();
  if (done) committed = Committed{std::move(callbacks), std::move(bumped)};
  return done;
}

}  // namespace latch::storage::sql
