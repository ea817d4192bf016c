#include "storage/sql/user_repository.hpp"

#include <string>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect = "SELECT " + std::string(kUserColumns) + " FROM users";
const std::string kFind = kSelect + " WHERE id = ?";
const std::string kFindByUsername = kSelect + " WHERE username_lower = ?";
const std::string kFindByEmail = kSelect + " WHERE email_lower = ?";
const std::string kFindByPhone = kSelect + " WHERE primary_phone = ?";
const std::string kFindByIdentity =
    kSelect +
    " WHERE id = (SELECT user_id FROM user_identities WHERE target = ? AND identity_id = ?)";
const std::string kOrder = " ORDER BY created_at DESC, id";
// The same order, but not read from the created_at index: with the LIMIT a parameter, SQLite
// would rather walk that index in order and test every user against the search (a full scan
// when few match) than sort the few rows the search's own index ranges find. The unary + keeps
// the column out of index selection on both databases.
const std::string kOrderMatches = " ORDER BY +created_at DESC, id";

// Contains: ?1 is a LIKE pattern from contains_pattern(). A full scan, on request only.
const std::string kContains =
    " WHERE lower(id) LIKE ?1 ESCAPE '\\' OR username_lower LIKE ?1 ESCAPE '\\'"
    " OR email_lower LIKE ?1 ESCAPE '\\' OR lower(primary_phone) LIKE ?1 ESCAPE '\\'"
    " OR lower(name) LIKE ?1 ESCAPE '\\'";

// Prefix: [?1, ?2) is the range of lower-cased text that starts with the lower-cased term, [?3,
// ?4) the same for the term as typed (ids and phone numbers). Each condition is an index range
// scan; on PostgreSQL under COLLATE "C", the byte order the ranges assume (v6 migration).
std::string prefix_matches(std::string_view collate) {
  auto range = [&](std::string_view column, std::string_view from, std::string_view to) {
    std::string c = std::string(column) + std::string(collate);
    return "(" + c + " >= " + std::string(from) + " AND " + c + " < " + std::string(to) + ")";
  };
  return " WHERE " + range("username_lower", "?1", "?2") + " OR " +
         range("email_lower", "?1", "?2") + " OR " + range("lower(name)", "?1", "?2") + " OR " +
         range("primary_phone", "?3", "?4") + " OR " + range("id", "?3", "?4");
}

struct SearchSql {
  std::string list;
  std::string count;
};

SearchSql make_search_sql(std::string_view where, std::string_view order, std::string_view limit) {
  return SearchSql{kSelect + std::string(where) + std::string(order) + std::string(limit),
                   "SELECT COUNT(*) FROM users" + std::string(where)};
}

const SearchSql kAll = make_search_sql("", kOrder, " LIMIT ?1 OFFSET ?2");
const SearchSql kByContains = make_search_sql(kContains, kOrder, " LIMIT ?2 OFFSET ?3");
const SearchSql kByPrefixSqlite =
    make_search_sql(prefix_matches(""), kOrderMatches, " LIMIT ?5 OFFSET ?6");
const SearchSql kByPrefixPostgres =
    make_search_sql(prefix_matches(" COLLATE \"C\""), kOrderMatches, " LIMIT ?5 OFFSET ?6");

// What a search term asks for. Like Logto's search, `%` marks where anything may stand: "%ali%"
// or "%ali" is a substring search, "ali%" or plain "ali" a prefix search.
struct Search {
  enum class Kind { all, prefix, contains } kind = Kind::all;
  std::string term;              // without the % marks
  std::string lower, lower_end;  // prefix: the lower-cased range
  std::string raw_end;           // prefix: the end of the range of the term as typed
};

Result<Search> parse_search(std::string_view text) {
  Search search;
  bool leading = !text.empty() && text.front() == '%';
  if (leading) text.remove_prefix(1);
  while (!text.empty() && text.back() == '%') text.remove_suffix(1);
  search.term = std::string(text);
  if (search.term.empty()) return search;
  if (leading) {
    search.kind = Search::Kind::contains;
    return search;
  }
  search.lower = ascii_lower(search.term);
  auto lower_end = prefix_upper_bound(search.lower);
  auto raw_end = prefix_upper_bound(search.term);
  if (!lower_end || !raw_end) {
    return make_error(Errc::InvalidRequest, "search must be UTF-8 text");
  }
  search.kind = Search::Kind::prefix;
  search.lower_end = std::move(*lower_end);
  search.raw_end = std::move(*raw_end);
  return search;
}

const SearchSql& prefix_sql(Dialect dialect) {
  return dialect == Dialect::postgres ? kByPrefixPostgres : kByPrefixSqlite;
}

}  // namespace

model::User read_user(const Row& s) {
  model::User user;
  user.id = s.text(0);
  user.username = s.optional_text(1);
  user.primary_email = s.optional_text(2);
  user.primary_phone = s.optional_text(3);
  user.name = s.optional_text(4);
  user.avatar = s.optional_text(5);
  user.password_hash = s.text(6);
  user.profile_json = s.text(7);
  user.custom_data_json = s.text(8);
  user.identities_json = s.text(9);
  user.is_suspended = s.boolean(10);
  user.last_sign_in_at = s.int64(11);
  user.created_at = s.int64(12);
  user.updated_at = s.int64(13);
  user.password_algorithm = s.text(14);
  return user;
}

// Rewrites the user's rows in user_identities from the identities document.
Result<void> SqlUserRepository::index_identities(const model::User& user) {
  if (auto cleared = run(conn_, "DELETE FROM user_identities WHERE user_id = ?", {user.id});
      !cleared) {
    return cleared;
  }
  if (user.identities_json == "{}") return ok();
  // The same statement in each database's JSON functions.
  constexpr std::string_view kSqlite =
      "INSERT INTO user_identities (target, identity_id, user_id) "
      "SELECT j.key, json_extract(j.value, '$.userId'), ?1 FROM json_each(?2) j "
      "WHERE json_type(j.value, '$.userId') = 'text'";
  constexpr std::string_view kPostgres =
      "INSERT INTO user_identities (target, identity_id, user_id) "
      "SELECT j.key, j.value->>'userId', ?1::text FROM json_each(?2::json) j "
      "WHERE json_typeof(j.value->'userId') = 'string'";
  return run(conn_, conn_.dialect() == Dialect::postgres ? kPostgres : kSqlite,
             {user.id, user.identities_json});
}

Result<void> SqlUserRepository::insert(const model::User& user) {
  auto inserted = run(
      conn_,
      "INSERT INTO users (id, username, username_lower, primary_email, email_lower, "
      "primary_phone, name, avatar, password_hash, password_algorithm, profile, custom_data, "
      "identities, is_suspended, last_sign_in_at, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {user.id, nullable(user.username), nullable(ascii_lower_or_null(user.username)),
       nullable(user.primary_email), nullable(ascii_lower_or_null(user.primary_email)),
       nullable(user.primary_phone), nullable(user.name), nullable(user.avatar), user.password_hash,
       user.password_algorithm, user.profile_json, user.custom_data_json, user.identities_json,
       user.is_suspended, user.last_sign_in_at, user.created_at, user.updated_at});
  if (!inserted) return inserted;
  if (auto indexed = index_identities(user); !indexed) return indexed;
  return run(conn_,
             "INSERT INTO users_roles (user_id, role_id, created_at) "
             "SELECT ?, id, ? FROM roles WHERE is_default = 1 AND type = 'User'",
             {user.id, user.created_at});
}

Result<void> SqlUserRepository::update(const model::User& user) {
  auto updated = execute_one(
      conn_,
      "UPDATE users SET username = ?, username_lower = ?, primary_email = ?, email_lower = ?, "
      "primary_phone = ?, name = ?, avatar = ?, password_hash = ?, password_algorithm = ?, "
      "profile = ?, custom_data = ?, identities = ?, is_suspended = ?, last_sign_in_at = ?, "
      "updated_at = ? WHERE id = ?",
      {nullable(user.username), nullable(ascii_lower_or_null(user.username)),
       nullable(user.primary_email), nullable(ascii_lower_or_null(user.primary_email)),
       nullable(user.primary_phone), nullable(user.name), nullable(user.avatar), user.password_hash,
       user.password_algorithm, user.profile_json, user.custom_data_json, user.identities_json,
       user.is_suspended, user.last_sign_in_at, user.updated_at, user.id},
      "user");
  if (!updated) return updated;
  return index_identities(user);
}

Result<std::optional<model::User>> SqlUserRepository::find(std::string_view id) {
  return query_one<model::User>(conn_, kFind, {id}, read_user);
}

Result<std::optional<model::User>> SqlUserRepository::find_by_username(std::string_view u) {
  return query_one<model::User>(conn_, kFindByUsername, {ascii_lower(u)}, read_user);
}

Result<std::optional<model::User>> SqlUserRepository::find_by_email(std::string_view e) {
  return query_one<model::User>(conn_, kFindByEmail, {ascii_lower(e)}, read_user);
}

Result<std::optional<model::User>> SqlUserRepository::find_by_phone(std::string_view p) {
  return query_one<model::User>(conn_, kFindByPhone, {p}, read_user);
}

Result<std::optional<model::User>> SqlUserRepository::find_by_identity(
    std::string_view target, std::string_view identity_id) {
  return query_one<model::User>(conn_, kFindByIdentity, {target, identity_id}, read_user);
}

Result<std::vector<model::User>> SqlUserRepository::list(std::string_view text, Page page) {
  auto search = parse_search(text);
  if (!search) return search.error();
  Window w = window(page.page, page.page_size);
  const Search& s = *search;
  switch (s.kind) {
    case Search::Kind::all:
      return query_all<model::User>(conn_, kAll.list, {w.limit, w.offset}, read_user);
    case Search::Kind::contains:
      return query_all<model::User>(conn_, kByContains.list,
                                    {contains_pattern(s.term), w.limit, w.offset}, read_user);
    case Search::Kind::prefix:
      break;
  }
  return query_all<model::User>(conn_, prefix_sql(conn_.dialect()).list,
                                {s.lower, s.lower_end, s.term, s.raw_end, w.limit, w.offset},
                                read_user);
}

Result<std::int64_t> SqlUserRepository::count(std::string_view text) {
  auto search = parse_search(text);
  if (!search) return search.error();
  const Search& s = *search;
  switch (s.kind) {
    case Search::Kind::all:
      return query_int64(conn_, kAll.count, {});
    case Search::Kind::contains:
      return query_int64(conn_, kByContains.count, {contains_pattern(s.term)});
    case Search::Kind::prefix:
      break;
  }
  return query_int64(conn_, prefix_sql(conn_.dialect()).count,
                     {s.lower, s.lower_end, s.term, s.raw_end});
}

Result<void> SqlUserRepository::set_admin(std::string_view user_id, bool admin, std::int64_t at) {
  auto user = find(user_id);
  if (!user) return user.error();
  if (!*user) return make_error(Errc::NotFound, "user not found");
  if (!admin) {
    return run(conn_, "DELETE FROM users_roles WHERE user_id = ? AND role_id = ?",
               {user_id, model::kOperatorRoleId});
  }
  return run(conn_,
             "INSERT INTO users_roles (user_id, role_id, created_at) VALUES (?, ?, ?) "
             "ON CONFLICT DO NOTHING",
             {user_id, model::kOperatorRoleId, at});
}

Result<bool> SqlUserRepository::is_admin(std::string_view user_id) {
  auto n = query_int64(conn_, "SELECT COUNT(*) FROM users_roles WHERE user_id = ? AND role_id = ?",
                       {user_id, model::kOperatorRoleId});
  if (!n) return n.error();
  return *n > 0;
}

Result<std::vector<std::string>> SqlUserRepository::admin_ids() {
  return query_all<std::string>(
      conn_, "SELECT user_id FROM users_roles WHERE role_id = ? ORDER BY created_at, user_id",
      {model::kOperatorRoleId}, [](const Row& s) { return s.text(0); });
}

Result<bool> SqlUserRepository::replace_password_hash(const PasswordHashSwap& swap) {
  // Compare-and-set on the hash itself: whatever changed it since it was read wins.
  auto changed =
      execute(conn_,
              "UPDATE users SET password_hash = ?, password_algorithm = ?, updated_at = ? "
              "WHERE id = ? AND password_hash = ?",
              {swap.hash, swap.algorithm, swap.at, swap.user_id, swap.expected_hash});
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<void> SqlUserRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM users WHERE id = ?", {id}, "user");
}

}  // namespace latch::storage::sql
