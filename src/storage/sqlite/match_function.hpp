#pragma once

struct sqlite3;

namespace latch::storage::sqlite {

// Registers latch_match(mode, case_sensitive, pattern, value) on `db`: 1 when `value` matches
// `pattern` of `mode` ('like', 'similar_to' or 'posix'; storage/search_pattern.hpp), 0 when it
// does not or is NULL; an SQL error for a pattern that is no regular expression. SQLite has no
// such operators; Logto's user search needs them. The compiled pattern is kept for the
// statement's other rows. Returns SQLite's result code.
int register_match_function(sqlite3* db);

}  // namespace latch::storage::sqlite
