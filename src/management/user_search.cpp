#include "management/user_search.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

#include "storage/search_pattern.hpp"

namespace latch::management {
namespace {

using storage::UserSearchField;
using Mode = storage::UserSearchMatch::Mode;

Error invalid(std::string message) {
  Error error = keyed_error(Errc::InvalidRequest, "request.invalid_input");
  error.description = std::move(message);
  return error;
}

constexpr std::array<std::pair<std::string_view, UserSearchField>, 5> kFields{{
    {"id", UserSearchField::Id},
    {"primary_email", UserSearchField::PrimaryEmail},
    {"primary_phone", UserSearchField::PrimaryPhone},
    {"username", UserSearchField::Username},
    {"name", UserSearchField::Name},
}};
constexpr std::string_view kFieldList = "id, primary_email, primary_phone, username, name";

constexpr std::array<std::pair<std::string_view, Mode>, 4> kModes{{
    {"like", Mode::Like},
    {"exact", Mode::Exact},
    {"similar_to", Mode::SimilarTo},
    {"posix", Mode::Posix},
}};

// "primaryEmail" → "primary_email" (snake_case, as Logto names the columns).
std::string snake_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && name[i - 1] != '_') out.push_back('_');
    out.push_back(upper ? static_cast<char>(c + 32) : c);
  }
  return out;
}

// The field of "search.foo" or "mode.foo" ("" for the general "search" or "mode").
Result<std::string> field_of(std::string_view key) {
  auto dot = key.find('.');
  if (dot == std::string_view::npos) return std::string();
  std::string_view rest = key.substr(dot + 1);
  if (rest.find('.') != std::string_view::npos) {
    return invalid("Unsupported nested search field path `" + std::string(rest) +
                   "` detected. Only the first level field is supported.");
  }
  return std::string(rest);
}

Result<bool> joint_is_and(const QueryPairs& query) {
  std::string joint;
  for (std::string_view name : {"joint", "jointMode"}) {
    auto it =
        std::find_if(query.begin(), query.end(), [&](const auto& p) { return p.first == name; });
    if (it != query.end()) {
      joint = it->second;
      break;
    }
  }
  if (joint.empty() || joint == "or") return false;
  if (joint == "and") return true;
  return invalid("Search joint mode `" + joint + "` is not valid, expect one of or, and.");
}

Result<Mode> mode_named(const std::string& value, const std::string& field) {
  for (const auto& [name, mode] : kModes) {
    if (name == value) return mode;
  }
  std::string of = field.empty() ? "" : " for field `" + field + "`";
  return invalid("Search match mode `" + value + "`" + of +
                 " is not valid, expect one of like, exact, similar_to, posix.");
}

struct Parsed {
  std::map<std::string, Mode> modes;                                     // by field ("" = general)
  std::vector<std::pair<std::string, std::vector<std::string>>> values;  // in order of appearance
};

Result<Parsed> read(const QueryPairs& query) {
  Parsed parsed;
  for (const auto& [key, value] : query) {
    const bool is_mode = key.starts_with("mode");
    if (!is_mode && !key.starts_with("search")) continue;
    auto field = field_of(key);
    if (!field) return field.error();
    if (is_mode) {
      auto mode = mode_named(value, *field);
      if (!mode) return mode.error();
      parsed.modes[*field] = *mode;
      continue;
    }
    auto slot = std::find_if(parsed.values.begin(), parsed.values.end(),
                             [&](const auto& p) { return p.first == *field; });
    if (slot == parsed.values.end()) {
      parsed.values.push_back({*field, {}});
      slot = std::prev(parsed.values.end());
    }
    slot->second.push_back(value);
  }
  return parsed;
}

Mode mode_for(const Parsed& parsed, const std::string& field) {
  if (auto it = parsed.modes.find(field); it != parsed.modes.end()) return it->second;
  if (auto it = parsed.modes.find(""); it != parsed.modes.end()) return it->second;
  return Mode::Like;
}

Result<void> check_values(Mode mode, const std::vector<std::string>& values) {
  if (mode != Mode::Exact && values.size() != 1) {
    return invalid("Only one search value is allowed when search mode is not `exact`.");
  }
  if (std::any_of(values.begin(), values.end(), [](const auto& v) { return v.empty(); })) {
    return invalid("Search value cannot be empty.");
  }
  return ok();
}

Result<std::vector<UserSearchField>> fields_of(const std::string& field) {
  std::vector<UserSearchField> out;
  if (field.empty()) {
    for (const auto& [name, f] : kFields) out.push_back(f);
    return out;
  }
  std::string column = snake_case(field);
  for (const auto& [name, f] : kFields) {
    if (name == column) return std::vector<UserSearchField>{f};
  }
  return invalid("Search field `" + column + "` is not valid, expect one of " +
                 std::string(kFieldList) + ".");
}

Result<void> check_pattern(const storage::UserSearchMatch& m, bool case_sensitive) {
  if (m.mode == Mode::SimilarTo && !case_sensitive) {
    return invalid("Cannot use case-insensitive match for `similar to`.");
  }
  if (m.mode == Mode::Exact || m.mode == Mode::Like) return ok();
  if (!storage::search_regex(m.mode, m.values.front(), case_sensitive)) {
    return invalid("Search pattern `" + m.values.front() + "` is not a valid regular expression.");
  }
  return ok();
}

}  // namespace

bool is_yes(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  return lower == "true" || lower == "1" || lower == "yes" || lower == "y";
}

bool is_advanced_user_search(const QueryPairs& query) {
  return std::any_of(query.begin(), query.end(), [](const auto& p) {
    const std::string& key = p.first;
    return key.starts_with("search.") || key.starts_with("mode") || key == "joint" ||
           key == "jointMode" || key == "isCaseSensitive" || key == "excludeOrganizationId";
  });
}

Result<storage::UserSearch> parse_user_search(const QueryPairs& query) {
  storage::UserSearch search;
  auto joint = joint_is_and(query);
  if (!joint) return joint.error();
  search.all_of = *joint;
  for (const auto& [key, value] : query) {
    if (key == "isCaseSensitive") {
      search.case_sensitive = is_yes(value);
      break;
    }
  }
  auto parsed = read(query);
  if (!parsed) return parsed.error();
  for (const auto& [field, values] : parsed->values) {
    storage::UserSearchMatch match{.mode = mode_for(*parsed, field), .values = values};
    if (auto r = check_values(match.mode, values); !r) return r.error();
    auto fields = fields_of(field);
    if (!fields) return fields.error();
    match.fields = std::move(*fields);
    if (auto r = check_pattern(match, search.case_sensitive); !r) return r.error();
    search.matches.push_back(std::move(match));
  }
  for (const auto& [key, value] : query) {
    if (key == "excludeRoleId" && search.exclude_role_id.empty()) search.exclude_role_id = value;
    if (key == "excludeOrganizationId" && search.exclude_organization_id.empty()) {
      search.exclude_organization_id = value;
    }
  }
  if (!search.exclude_role_id.empty() && !search.exclude_organization_id.empty()) {
    return invalid(
        "Parameter `excludeRoleId` and `excludeOrganizationId` cannot be used at the same time.");
  }
  return search;
}

}  // namespace latch::management
