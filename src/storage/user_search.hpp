#pragma once

#include <string>
#include <vector>

// Logto's advanced user search (GET /api/users with search.<field>, mode.<field>, joint,
// isCaseSensitive, excludeRoleId, excludeOrganizationId), already checked: what
// UserRepository::search runs. management/user_search.hpp builds it from a query string.
namespace latch::storage {

// The users columns a search may name (Logto's userSearchFields).
enum class UserSearchField { Id, PrimaryEmail, PrimaryPhone, Username, Name };

struct UserSearchMatch {
  // Like: SQL LIKE (% and _); Exact: equality with any of `values`; SimilarTo: SQL SIMILAR TO
  // (always case-sensitive); Posix: a regular expression found anywhere in the value.
  enum class Mode { Like, Exact, SimilarTo, Posix } mode = Mode::Like;
  std::vector<UserSearchField> fields;  // one, or every field for Logto's general `search`
  std::vector<std::string> values;      // several only for Exact; never empty strings
};

struct UserSearch {
  std::vector<UserSearchMatch> matches;  // none: every user
  bool all_of = false;                   // joint=and; else any match will do
  bool case_sensitive = false;
  std::string exclude_role_id;          // users who do not hold this role
  std::string exclude_organization_id;  // users who are not members of this organization
};

}  // namespace latch::storage
