#include "experience/i18n/i18n.hpp"

#include <optional>
#include <unordered_map>
#include <vector>

namespace latch::experience {
namespace {

using Table = std::unordered_map<std::string_view, std::string_view>;

Table build(std::span<const Phrase> phrases) {
  Table table;
  for (const auto& p : phrases) table.emplace(p.key, p.text);
  return table;
}

const Table& table(Lang lang) {
  static const Table en = build(english_phrases());
  static const Table ja = build(japanese_phrases());
  return lang == Lang::Ja ? ja : en;
}

std::string substitute(std::string_view text, const Vars& vars) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      auto end = text.find('}', i);
      if (end != std::string_view::npos) {
        auto it = vars.find(text.substr(i + 1, end - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = end;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::optional<Lang> supported(std::string_view tag) {
  auto primary = tag.substr(0, tag.find_first_of("-_;"));
  std::string lower;
  for (char c : primary) lower.push_back(static_cast<char>(c | 0x20));
  if (lower == "en") return Lang::En;
  if (lower == "ja") return Lang::Ja;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The first supported tag of a list separated by `sep` (q=0 entries skipped).
std::optional<Lang> first_supported(std::string_view list, char sep) {
  while (!list.empty()) {
    auto end = list.find(sep);
    auto item = trim(list.substr(0, end));
    bool refused =
        item.find(";q=0") != std::string_view::npos && item.find(";q=0.") == std::string_view::npos;
    if (auto lang = supported(item); lang && !refused) return lang;
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace

std::string tr(Lang lang, std::string_view key, const Vars& vars) {
  const auto& t = table(lang);
  auto it = t.find(key);
  if (it == t.end()) return std::string(key);
  return substitute(it->second, vars);
}

bool has_phrase(Lang lang, std::string_view key) { return table(lang).contains(key); }

std::string error_text(Lang lang, const Error& error, const Vars& vars) {
  std::string key = "error." + error.key;
  if (!error.key.empty() && has_phrase(lang, key)) {
    Vars all = vars;
    all.emplace("seconds", std::to_string(error.retry_after));  // TooManyRequests phrases
    all.emplace("details", "");  // Logto's {{details}}, when the caller has none to give
    return tr(lang, key, all);
  }
  if (error.code == Errc::Internal || error.code == Errc::Unavailable) {
    return tr(lang, "error.request.general");
  }
  return error.description;
}

std::string_view tag(Lang lang) { return lang == Lang::Ja ? "ja" : "en"; }

Lang choose_language(const SignInExperience& config, std::string_view ui_locales,
                     std::string_view accept_language) {
  Lang fallback = config.fallback_language == "ja" ? Lang::Ja : Lang::En;
  if (!config.auto_detect_language) return fallback;
  if (auto lang = first_supported(ui_locales, ' ')) return *lang;
  if (auto lang = first_supported(accept_language, ',')) return *lang;
  return fallback;
}

}  // namespace latch::experience
