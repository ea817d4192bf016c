#pragma once

#include <optional>
#include <regex>
#include <string_view>

#include "storage/user_search.hpp"

// The patterns of Logto's user search as regular expressions (ECMAScript syntax, which covers
// what PostgreSQL's LIKE, SIMILAR TO and its ~ operator are given in practice), for SQLite,
// which has none of those operators, and to check a pattern before PostgreSQL sees it. Pure;
// thread-safe.
namespace latch::storage {

// Longest pattern a search takes: a regular expression is matched against every user.
inline constexpr std::size_t kMaxSearchPattern = 256;

// `pattern` of `mode` (not Exact) as a regular expression for std::regex_search: LIKE and
// SIMILAR TO anchored to the whole value (% any text, _ one character, \ escapes; SIMILAR TO
// keeps | * + ? {m,n} ( ) [ ]), POSIX as written. nullopt when it does not compile, is longer
// than kMaxSearchPattern, or needs backtracking (a back-reference): the pattern is matched in
// polynomial time (libstdc++'s Thompson NFA), so no pattern a caller sends can hold a thread for
// exponential time or recurse once per character.
std::optional<std::regex> search_regex(UserSearchMatch::Mode mode, std::string_view pattern,
                                       bool case_sensitive);

// True when `pattern` (from search_regex) occurs in `text`. Never throws: false when the
// matcher gives up.
bool search_matches(const std::regex& pattern, std::string_view text) noexcept;

}  // namespace latch::storage
