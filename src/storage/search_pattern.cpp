#include "storage/search_pattern.hpp"

#include <string>

namespace latch::storage {
namespace {

bool is_regex_special(char c) {
  return std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos;
}

void append_literal(std::string& out, char c) {
  if (is_regex_special(c)) out.push_back('\\');
  out.push_back(c);
}

// SQL LIKE: % any text, _ one character, \ takes the next character as it is.
std::string like_regex(std::string_view pattern) {
  std::string out = "^(?:";
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      append_literal(out, pattern[++i]);
    } else if (c == '%') {
      out += "[\\s\\S]*";
    } else if (c == '_') {
      out += "[\\s\\S]";
    } else {
      append_literal(out, c);
    }
  }
  return out + ")$";
}

// SQL SIMILAR TO: LIKE's wildcards with the regular expression operators | * + ? {m,n} ( ) [ ];
// every other character (. ^ $ included) stands for itself.
std::string similar_regex(std::string_view pattern) {
  std::string out = "^(?:";
  int brackets = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      append_literal(out, pattern[++i]);
    } else if (brackets > 0) {
      if (c == ']') --brackets;
      out.push_back(c);
    } else if (c == '%') {
      out += "[\\s\\S]*";
    } else if (c == '_') {
      out += "[\\s\\S]";
    } else if (std::string_view("|*+?{}()[").find(c) != std::string_view::npos ||
               (c == ',' || (c >= '0' && c <= '9'))) {
      if (c == '[') ++brackets;
      out.push_back(c);
    } else {
      append_literal(out, c);
    }
  }
  return out + ")$";
}

}  // namespace

std::optional<std::regex> search_regex(UserSearchMatch::Mode mode, std::string_view pattern,
                                       bool case_sensitive) {
  if (pattern.size() > kMaxSearchPattern) return std::nullopt;
  std::string source;
  switch (mode) {
    case UserSearchMatch::Mode::Like:
      source = like_regex(pattern);
      break;
    case UserSearchMatch::Mode::SimilarTo:
      source = similar_regex(pattern);
      break;
    case UserSearchMatch::Mode::Posix:
      source = std::string(pattern);
      break;
    case UserSearchMatch::Mode::Exact:
      return std::nullopt;
  }
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  if (!case_sensitive) flags |= std::regex::icase;
#ifdef __GLIBCXX__
  flags |= std::regex_constants::__polynomial;  // no backtracking, no recursion per character
#endif
  try {
    std::regex compiled(source, flags);
    // A back-reference cannot be matched without backtracking: libstdc++ refuses it only when
    // matching, so try once here.
    std::regex_search(std::string(), compiled);
    return compiled;
  } catch (const std::regex_error&) {  // std::regex reports a bad pattern only by throwing
    return std::nullopt;
  }
}

bool search_matches(const std::regex& pattern, std::string_view text) noexcept {
  try {
    return std::regex_search(text.begin(), text.end(), pattern);
  } catch (...) {
    return false;
  }
}

}  // namespace latch::storage
