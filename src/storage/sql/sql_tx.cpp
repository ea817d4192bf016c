#include "storage/sql/sql_tx.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::sql {

SqlTx::SqlTx(Connection& conn)
    : conn_(conn),
      applications_(conn),
      application_secrets_(conn),
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
      personal_access_tokens_(conn),
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
      consent_scopes_(conn),
      app_sign_in_experiences_(conn),
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

namespace {

// One job of a batch, in its savepoint. False when the batch cannot go on: the savepoint could not
// be set or released, or the database ended the whole transaction.
Result<void> run_in_savepoint(Connection& conn, BatchJob& job, bool& kept, Committed& committed) {
  if (auto set = conn.exec("SAVEPOINT latch_job"); !set) return set;
  (void)conn.take_bumps();
  std::vector<std::function<void()>> callbacks;
  try {
    SqlTx tx(conn);
    job.result = (*job.fn)(tx);
    callbacks = tx.take_after_commit();
  } catch (...) {
    job.thrown = std::current_exception();
    job.result = make_error(Errc::Internal, "a transaction's function threw");
  }
  if (!conn.in_transaction()) {
    return make_error(Errc::Internal, "the database ended the transaction of a group commit");
  }
  kept = static_cast<bool>(job.result);
  if (!kept) {
    if (auto undone = conn.exec("ROLLBACK TO latch_job"); !undone) return undone;
  }
  if (auto released = conn.exec("RELEASE latch_job"); !released) return released;
  auto bumped = conn.take_bumps();
  if (kept) committed = Committed{std::move(callbacks), std::move(bumped)};
  return ok();
}

}  // namespace

void run_batch(Connection& conn, const std::string& begin, std::span<BatchJob* const> jobs) {
  if (jobs.size() == 1) {
    BatchJob& job = *jobs.front();
    try {
      job.result = run_tx(conn, begin, *job.fn, job.committed);
    } catch (...) {
      job.thrown = std::current_exception();
      job.result = make_error(Errc::Internal, "a transaction's function threw");
    }
    return;
  }
  std::vector<char> kept(jobs.size(), 0);
  std::vector<Committed> committed(jobs.size());
  (void)conn.take_bumps();
  auto done = run_transaction(conn, begin, [&]() -> Result<void> {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      bool job_kept = false;
      if (auto ran = run_in_savepoint(conn, *jobs[i], job_kept, committed[i]); !ran) return ran;
      kept[i] = job_kept;
    }
    return ok();
  });
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    BatchJob& job = *jobs[i];
    if (!done) {
      // Nothing was committed: a job that had failed keeps its own error, the rest get the
      // batch's. A job the batch never reached gets the batch's too.
      if (kept[i] || job.result) job.result = done.error();
      continue;
    }
    if (kept[i]) job.committed = std::move(committed[i]);
  }
}

}  // namespace latch::storage::sql
