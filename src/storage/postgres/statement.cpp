#include "storage/postgres/statement.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace latch::storage::postgres {

Statement::Statement(pg_result* result) : result_(result) {}

Statement::~Statement() {
  if (result_ != nullptr) {
    PQclear(result_);
  }
}

Statement::Statement(Statement&& other) noexcept : result_(other.result_), row_(other.row_) {
  other.result_ = nullptr;
}

Result<bool> Statement::step() {
  ++row_;
  return row_ < PQntuples(result_);
}

std::int64_t Statement::changes() const {
  const char* tuples = PQcmdTuples(result_);
  return tuples[0] == '\0' ? 0 : std::strtoll(tuples, nullptr, 10);
}

std::string Statement::text(int column) const {
  if (PQgetisnull(result_, row_, column)) {
    return {};
  }
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (PQgetisnull(result_, row_, column)) {
    return std::nullopt;
  }
  return text(column);
}

std::int64_t Statement::int64(int column) const {
  if (PQgetisnull(result_, row_, column)) {
    return 0;
  }
  const char* value = PQgetvalue(result_, row_, column);
  if (value[0] == 't') {
    return 1;  // a BOOLEAN column
  }
  if (value[0] == 'f') {
    return 0;
  }
  return std::strtoll(value, nullptr, 10);
}

int Statement::column_count() const { return PQnfields(result_); }

std::string Statement::column_name(int column) const {
  const char* name = PQfname(result_, column);
  return name == nullptr ? std::string() : std::string(name);
}

bool Statement::is_null(int column) const { return PQgetisnull(result_, row_, column) != 0; }

bool Statement::is_integer(int column) const {
  // Type OIDs from pg_type: bool, int8, int2, int4.
  constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23;
  Oid type = PQftype(result_, column);
  return type == kBool || type == kInt8 || type == kInt2 || type == kInt4;
}

}  // namespace latch::storage::postgres
