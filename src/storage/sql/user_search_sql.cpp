#include <deque>
#include <string>

#include "storage/sql/query.hpp"
#include "storage/sql/user_repository.hpp"

// SqlUserRepository::search: Logto's advanced user search (storage/user_search.hpp) as one WHERE
// clause. PostgreSQL runs its own LIKE, ILIKE, SIMILAR TO, ~ and ~*; SQLite, which has none of
// them, the latch_match function (storage/sqlite/match_function.hpp).
namespace latch::storage::sql {
namespace {

using Mode = UserSearchMatch::Mode;

std::string_view column_of(UserSearchField field) {
  switch (field) {
    case UserSearchField::Id:
      return "id";
    case UserSearchField::PrimaryEmail:
      return "primary_email";
    case UserSearchField::PrimaryPhone:
      return "primary_phone";
    case UserSearchField::Username:
      return "username";
    case UserSearchField::Name:
      return "name";
  }
  return "id";
}

// A WHERE clause and the values of its placeholders, in order. The values' text lives in
// `texts` (Value holds views).
struct Where {
  std::string sql;
  std::deque<std::string> texts;
  std::vector<Value> values;

  void bind(std::string text) {
    texts.push_back(std::move(text));
    values.emplace_back(std::string_view(texts.back()));
  }
};

// Logto: exact matches compare lower-cased values unless the search is case-sensitive.
void exact(Where& w, std::string_view column, const UserSearchMatch& m, bool case_sensitive) {
  w.sql += case_sensitive ? std::string(column) : "lower(" + std::string(column) + ")";
  w.sql += " IN (";
  for (std::size_t i = 0; i < m.values.size(); ++i) {
    w.sql += i == 0 ? "" : ", ";
    w.sql += case_sensitive ? "?" : "lower(?)";
    w.bind(m.values[i]);
  }
  w.sql += ")";
}

std::string_view postgres_operator(Mode mode, bool case_sensitive) {
  switch (mode) {
    case Mode::Like:
      return case_sensitive ? " ~~ " : " ~~* ";
    case Mode::SimilarTo:
      return " SIMILAR TO ";
    default:
      return case_sensitive ? " ~ " : " ~* ";
  }
}

std::string_view sqlite_mode(Mode mode) {
  switch (mode) {
    case Mode::Like:
      return "like";
    case Mode::SimilarTo:
      return "similar_to";
    default:
      return "posix";
  }
}

void pattern(Where& w, Dialect dialect, std::string_view column, const UserSearchMatch& m,
             bool case_sensitive) {
  if (dialect == Dialect::postgres) {
    w.sql += std::string(column) + std::string(postgres_operator(m.mode, case_sensitive)) + "?";
  } else {
    w.sql += "latch_match('" + std::string(sqlite_mode(m.mode)) + "', " +
             (case_sensitive ? "1" : "0") + ", ?, " + std::string(column) + ")";
  }
  w.bind(m.values.front());
}

// (field1 op value OR field2 op value ...)
void condition(Where& w, Dialect dialect, const UserSearchMatch& m, bool case_sensitive) {
  w.sql += "(";
  for (std::size_t i = 0; i < m.fields.size(); ++i) {
    w.sql += i == 0 ? "" : " OR ";
    std::string_view column = column_of(m.fields[i]);
    if (m.mode == Mode::Exact) {
      exact(w, column, m, case_sensitive);
    } else {
      pattern(w, dialect, column, m, case_sensitive);
    }
  }
  w.sql += ")";
}

Where where_of(const UserSearch& s, Dialect dialect) {
  Where w;
  if (!s.exclude_role_id.empty()) {
    w.sql +=
        "NOT EXISTS (SELECT 1 FROM users_roles r WHERE r.role_id = ? AND "
        "r.user_id = users.id)";
    w.bind(s.exclude_role_id);
  } else if (!s.exclude_organization_id.empty()) {
    w.sql +=
        "NOT EXISTS (SELECT 1 FROM organization_user_relations o WHERE "
        "o.organization_id = ? AND o.user_id = users.id)";
    w.bind(s.exclude_organization_id);
  }
  if (!s.matches.empty()) {
    w.sql += w.sql.empty() ? "(" : " AND (";
    for (std::size_t i = 0; i < s.matches.size(); ++i) {
      if (i > 0) w.sql += s.all_of ? " AND " : " OR ";
      condition(w, dialect, s.matches[i], s.case_sensitive);
    }
    w.sql += ")";
  }
  if (!w.sql.empty()) w.sql = " WHERE " + w.sql;
  return w;
}

}  // namespace

Result<std::vector<model::User>> SqlUserRepository::search(const UserSearch& s, Page page) {
  Where w = where_of(s, conn_.dialect());
  Window rows = window(page.page, page.page_size);
  std::string sql = "SELECT " + std::string(kUserColumns) + " FROM users" + w.sql +
                    " ORDER BY created_at DESC, id LIMIT ? OFFSET ?";
  w.values.emplace_back(rows.limit);
  w.values.emplace_back(rows.offset);
  return query_all_of<model::User>(conn_, sql, w.values, read_user);
}

Result<std::int64_t> SqlUserRepository::count_search(const UserSearch& s) {
  Where w = where_of(s, conn_.dialect());
  auto counted = query_all_of<std::int64_t>(conn_, "SELECT COUNT(*) FROM users" + w.sql, w.values,
                                            [](const Row& row) { return row.int64(0); });
  if (!counted) return counted.error();
  return counted->empty() ? 0 : counted->front();
}

}  // namespace latch::storage::sql
