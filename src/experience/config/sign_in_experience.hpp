#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "experience/config/identifier_type.hpp"

// The sign-in experience configuration, one per deployment, in Logto's JSON shape
// (`sign_in_experiences` table; GET/PATCH /api/sign-in-exp).
namespace latch::experience {

struct SignUpSettings {
  std::vector<IdentifierType> identifiers;  // empty: social only
  bool password = true;                     // a password is set at sign-up
  bool verify = false;                      // email/phone verified by a code at sign-up
};

struct SignInMethod {
  IdentifierType identifier = IdentifierType::Username;
  bool password = true;
  bool verification_code = false;
  bool is_password_primary = true;
};

struct PasswordPolicy {
  int min_length = 8;
  int max_length = 256;
  int min_character_types = 1;  // of lower, upper, digit, symbol
  bool reject_common = true;    // Logto's rejects.pwned, served from Latch's shipped list
  bool reject_user_info = true;
  std::vector<std::string> words;  // custom rejected words
};

// signInMode: "SignIn", "Register", "SignInAndRegister".
enum class SignInMode { SignIn, Register, SignInAndRegister };
std::string_view sign_in_mode_name(SignInMode mode);
std::optional<SignInMode> parse_sign_in_mode(std::string_view text);

struct SignInExperience {
  std::int64_t version = 0;  // storage version; 0 = built-in defaults
  std::string primary_color = "#5D34F2";
  bool dark_mode_enabled = true;
  std::string dark_primary_color = "#8B6DFF";
  std::string app_name = "Latch";  // branding.appName (Latch extension)
  std::string logo_url, dark_logo_url, favicon;
  bool auto_detect_language = true;
  std::string fallback_language = "en";
  std::string terms_of_use_url, privacy_policy_url;
  std::string agree_to_terms_policy = "Automatic";  // Automatic, ManualRegistrationOnly, Manual
  SignUpSettings sign_up{{IdentifierType::Username}, true, false};
  std::vector<SignInMethod> sign_in{{IdentifierType::Username, true, false, true}};
  std::vector<std::string> social_targets;
  SignInMode sign_in_mode = SignInMode::SignInAndRegister;
  std::string custom_css;
  PasswordPolicy password_policy;
  int max_attempts = 5;      // sentinelPolicy.maxAttempts per identifier
  int lockout_minutes = 15;  // sentinelPolicy.lockoutDuration

  bool sign_up_enabled() const { return sign_in_mode != SignInMode::SignIn; }
  bool social_only() const { return sign_up.identifiers.empty(); }
  const SignInMethod* method(IdentifierType identifier) const;
  bool requires_identifier(IdentifierType type) const;
};

boost::json::object to_json(const SignInExperience& config);

// Applies a JSON merge of `patch` (objects merge, other values replace) over `base` and validates
// the result. InvalidRequest naming the first bad field (unknown keys included).
[[nodiscard]] Result<SignInExperience> apply_patch(const SignInExperience& base,
                                                   const boost::json::object& patch);

// The whole stored document (defaults fill anything missing).
[[nodiscard]] Result<SignInExperience> from_stored_json(std::string_view json);

// Presets the console and CLI switch between: "password", "passwordless", "social-only".
[[nodiscard]] Result<boost::json::object> sign_up_preset(std::string_view name);

}  // namespace latch::experience
