#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/user_search.hpp"

// The query of Logto's GET /api/users (its utils/search.ts and routes/admin-user/search.ts):
// search.<field>=value (several for mode exact), plain search=value for every field,
// mode.<field> or mode=like|exact|similar_to|posix, joint=or|and, isCaseSensitive, and
// excludeRoleId or excludeOrganizationId. Pure; thread-safe.
namespace latch::management {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// Logto's yes(): "true", "1", "yes" or "y", in any case.
bool is_yes(std::string_view text);

// True when `query` uses more than Latch's own search (plain search= and excludeRoleId), which
// UserService::list answers through indexes.
bool is_advanced_user_search(const QueryPairs& query);

// The search `query` asks for. InvalidRequest "request.invalid_input", its description Logto's
// words, for: a joint or mode that is none of Logto's; a field that is not one of id,
// primaryEmail, primaryPhone, username, name (camelCase or snake_case); a field path with more
// than one dot; an empty value; several values for a mode that is not exact; similar_to without
// isCaseSensitive; excludeRoleId with excludeOrganizationId; and (Latch) a similar_to or posix
// pattern that is no regular expression or is longer than storage::kMaxSearchPattern.
[[nodiscard]] Result<storage::UserSearch> parse_user_search(const QueryPairs& query);

}  // namespace latch::management
