#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "experience/config/sign_in_experience.hpp"

// Message catalogs of the hosted sign-in experience. Every user-facing string comes from here;
// English and Japanese are complete (a unit test checks they have the same keys).
namespace latch::experience {

enum class Lang { En, Ja };

struct Phrase {
  std::string_view key;
  std::string_view text;  // may contain {name} placeholders
};

std::span<const Phrase> english_phrases();
std::span<const Phrase> japanese_phrases();

using Vars = std::map<std::string, std::string, std::less<>>;

// The phrase `key` in `lang` with placeholders replaced from `vars`; the key itself when the
// catalog lacks it. Thread-safe.
std::string tr(Lang lang, std::string_view key, const Vars& vars = {});
bool has_phrase(Lang lang, std::string_view key);

// The user-facing text of `error`: the phrase of its key ("session.invalid_credentials" →
// "error.session.invalid_credentials"); without a key (or a phrase for it), a general phrase
// for Internal and Unavailable, else the description (English) as is. {seconds} in the phrase
// is the error's retry_after; {details} (Logto's request.invalid_input) is nothing unless `vars`
// gives it.
std::string error_text(Lang lang, const Error& error, const Vars& vars = {});

// "en" or "ja".
std::string_view tag(Lang lang);

// The page language: fixed (autoDetect off: the fallback), else the first supported tag of
// `ui_locales` (space-separated, from the authorization request), then of Accept-Language, then
// the configured fallback.
Lang choose_language(const SignInExperience& config, std::string_view ui_locales,
                     std::string_view accept_language);

}  // namespace latch::experience
