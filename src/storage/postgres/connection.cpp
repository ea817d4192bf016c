#include "storage/postgres/connection.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <utility>
#include <vector>

#include "storage/postgres/errors.hpp"

namespace latch::storage::postgres {
namespace {

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value == nullptr ? std::string() : std::string(value);
}

// The text form of each value (nullopt for NULL); `texts` owns integers' digits.
std::vector<const char*> to_params(std::span<const Value> values, std::vector<std::string>& texts) {
  texts.reserve(values.size());
  std::vector<const char*> params;
  for (const Value& value : values) {
    if (std::holds_alternative<std::nullptr_t>(value)) {
      texts.emplace_back();
      params.push_back(nullptr);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      params.push_back(texts.emplace_back(std::to_string(*number)).c_str());
    } else {
      params.push_back(texts.emplace_back(std::get<std::string_view>(value)).c_str());
    }
  }
  return params;
}

}  // namespace

std::string to_dollar_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') {
      quoted = !quoted;
    }
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    out += '$';
    if (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      continue;  // ?N -> $N
    }
    out += std::to_string(next++);
  }
  return out;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  // A connection attempt gives up after 5 s unless the URL says otherwise (libpq waits for the
  // operating system's TCP timeout, minutes, when the server does not answer): a node's pool and
  // its change feed then report the database unavailable instead of hanging, and shutdown is
  // not held up. Keywords listed before "dbname" are overridden by what the URL sets.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return make_error(Errc::Unavailable, "cannot connect to the database", message);
  }
  // Server notices (NOTICE, WARNING) would go to stderr, past the log; Latch's SQL expects none.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

int Connection::socket() const { return PQsocket(conn_); }

Result<int> Connection::take_notifications() {
  if (PQconsumeInput(conn_) == 0) {
    return make_error(Errc::Unavailable, "lost the database connection", PQerrorMessage(conn_));
  }
  int count = 0;
  while (PGnotify* notification = PQnotifies(conn_)) {
    PQfreemem(notification);
    ++count;
  }
  return count;
}

bool Connection::in_transaction() const {
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool Connection::transaction_failed() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

Error Connection::fail(PGresult* result, std::string_view what) {
  std::string message = result != nullptr ? field(result, PG_DIAG_MESSAGE_PRIMARY) : "";
  if (message.empty()) {
    message = PQerrorMessage(conn_);
  }
  std::string sqlstate = result != nullptr ? field(result, PG_DIAG_SQLSTATE) : "";
  if (sqlstate.empty()) {
    sqlstate = "08006";  // no result: the connection failed
  }
  if (sqlstate != "25P02" || last_sqlstate_.empty()) {
    last_sqlstate_ = sqlstate;
  }
  Error error = to_error(sqlstate, result ? field(result, PG_DIAG_CONSTRAINT_NAME) : "",
                         result ? field(result, PG_DIAG_MESSAGE_DETAIL) : "",
                         std::string(what) + ": " + message);
  if (result != nullptr) {
    PQclear(result);
  }
  return error;
}

Result<void> Connection::exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return fail(result, "exec");
  }
  PQclear(result);
  last_sqlstate_.clear();
  return ok();
}

Result<std::string> Connection::statement_name(std::string_view sql) {
  if (auto found = prepared_.find(sql); found != prepared_.end()) {
    return found->second;
  }
  std::string name = "latch_" + std::to_string(prepared_.size() + 1);
  std::string text = to_dollar_placeholders(sql);
  PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) {
    return fail(result, "prepare");
  }
  PQclear(result);
  prepared_.emplace(std::string(sql), name);
  return name;
}

Result<Statement> Connection::prepare(std::string_view sql, std::span<const Value> values) {
  auto name = statement_name(sql);
  if (!name) {
    return name.error();
  }
  std::vector<std::string> texts;
  std::vector<const char*> params = to_params(values, texts);
  PGresult* result = PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()),
                                    params.data(), nullptr, nullptr, 0);
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return fail(result, "query");
  }
  last_sqlstate_.clear();
  return Statement(result);
}

Result<std::int64_t> Connection::query(std::string_view sql, std::span<const Value> values,
                                       sql::RowHandler on_row) {
  return sql::run_prepared(*this, sql, values, on_row);
}

Result<void> Connection::commit() {
  if (transaction_failed()) {
    return make_error(
        Errc::Internal, "database error",
        "a statement failed inside the transaction (SQLSTATE " + last_sqlstate_ + ")");
  }
  return exec("COMMIT");
}

void Connection::rollback() {
  std::string sqlstate = last_sqlstate_;
  (void)exec("ROLLBACK");
  last_sqlstate_ = std::move(sqlstate);
}

}  // namespace latch::storage::postgres
