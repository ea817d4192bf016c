#include "storage/migrations/v6_user_search.hpp"

namespace latch::storage::migrations {

// User search matches a prefix of the username, email, phone, name or id with range conditions
// (see storage/sql/user_repository.cpp), so each needs an index ordered byte by byte. SQLite's
// UNIQUE constraints and primary key already are (BINARY collation); the name needs one.
extern const std::string_view kV6UserSearch = R"sql(
CREATE INDEX users_name_lower ON users (lower(name));
)sql";

// PostgreSQL orders text by the database's collation, which for en_US and most others is not the
// byte order that prefix ranges need: the searched expressions are indexed under COLLATE "C".
extern const std::string_view kV6UserSearchPostgres = R"sql(
CREATE INDEX users_username_prefix ON users ((username_lower COLLATE "C"));
CREATE INDEX users_email_prefix ON users ((email_lower COLLATE "C"));
CREATE INDEX users_phone_prefix ON users ((primary_phone COLLATE "C"));
CREATE INDEX users_name_prefix ON users ((lower(name) COLLATE "C"));
CREATE INDEX users_id_prefix ON users ((id COLLATE "C"));
)sql";

}  // namespace latch::storage::migrations
