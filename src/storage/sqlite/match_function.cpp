#include "storage/sqlite/match_function.hpp"

#include <sqlite3.h>

#include <memory>
#include <string_view>

#include "storage/search_pattern.hpp"

namespace latch::storage::sqlite {
namespace {

std::string_view text_of(sqlite3_value* value) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
  return text == nullptr ? std::string_view() : std::string_view(text, sqlite3_value_bytes(value));
}

std::optional<UserSearchMatch::Mode> mode_named(std::string_view name) {
  if (name == "like") return UserSearchMatch::Mode::Like;
  if (name == "similar_to") return UserSearchMatch::Mode::SimilarTo;
  if (name == "posix") return UserSearchMatch::Mode::Posix;
  return std::nullopt;
}

// The pattern compiled anew, or nullptr when the arguments name no valid pattern.
std::unique_ptr<std::regex> compile(sqlite3_value** args) {
  auto mode = mode_named(text_of(args[0]));
  if (!mode) return nullptr;
  auto compiled = search_regex(*mode, text_of(args[2]), sqlite3_value_int(args[1]) != 0);
  if (!compiled) return nullptr;
  return std::make_unique<std::regex>(std::move(*compiled));
}

bool matches(const std::regex& pattern, sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return false;
  return search_matches(pattern, text_of(value));
}

// The compiled pattern is kept on the pattern argument for the statement's next rows (SQLite
// may drop it at any time, even at once, so this row is matched before it is handed over).
void latch_match(sqlite3_context* context, int, sqlite3_value** args) {
  if (const auto* kept = static_cast<const std::regex*>(sqlite3_get_auxdata(context, 2))) {
    sqlite3_result_int(context, matches(*kept, args[3]) ? 1 : 0);
    return;
  }
  std::unique_ptr<std::regex> pattern = compile(args);
  if (!pattern) {
    sqlite3_result_error(context, "latch_match: not a valid search pattern", -1);
    return;
  }
  sqlite3_result_int(context, matches(*pattern, args[3]) ? 1 : 0);
  sqlite3_set_auxdata(context, 2, pattern.release(),
                      [](void* p) { delete static_cast<std::regex*>(p); });
}

}  // namespace

int register_match_function(sqlite3* db) {
  return sqlite3_create_function_v2(db, "latch_match", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, latch_match, nullptr, nullptr, nullptr);
}

}  // namespace latch::storage::sqlite
