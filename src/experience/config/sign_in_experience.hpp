#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "experience/config/identifier_type.hpp"
#include "model/mfa.hpp"

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
  // rejects.repetitionAndSequence: passwords that are mostly runs ("aaa", "123", "qwerty").
  bool reject_repetition_and_sequence = false;
  std::vector<std::string> words;  // custom rejected words
};

// Logto's usernamePolicy. Latch keeps usernames unique and matched without regard to case
// (caseSensitive: false); a PATCH asking for case-sensitive usernames is refused. The length and
// character limits apply where end users choose a username (registration, the account API);
// admin writes keep only the hard floor, as in Logto.
struct UsernamePolicy {
  bool case_sensitive = false;
  int min_length = 1;
  int max_length = 128;
  bool lowercase = true, uppercase = true, numbers = true, underscore = true;
};

// Whether an end user may choose `username` under `policy` (Logto's validateUsernameAgainstPolicy
// past the hard floor, which callers check first): Conflict (422) user.username_too_short,
// _too_long, _uppercase_not_allowed, _lowercase_not_allowed, _numbers_not_allowed,
// _underscore_not_allowed. Lengths count characters (code points).
[[nodiscard]] Result<void> check_username_policy(const UsernamePolicy& policy,
                                                 std::string_view username);

// forgotPasswordMethods: how a user who forgot the password proves who they are.
inline constexpr std::string_view kForgotByEmail = "EmailVerificationCode";
inline constexpr std::string_view kForgotByPhone = "PhoneVerificationCode";

// Logto's MfaPolicy: when a user without a factor is asked to add one, and whether they may
// skip it. A user who has a factor is always asked for it at sign-in (unless a trusted device
// spares them).
//  - UserControlled, PromptAtSignInAndSignUp: offered at sign-up and sign-in, skippable, asked
//    once (a skip is remembered on the user);
//  - PromptOnlyAtSignIn: offered at sign-in only, skippable, asked once;
//  - Mandatory: every user must add one before the sign-in completes;
//  - NoPrompt: never offered (users add factors in the account center);
//  - PromptAtSignInAndSignUpMandatory: Logto's adaptive-MFA name, read here as Mandatory;
//  - PromptOnlyAtSignInMandatory: not asked at sign-up, must add one at the next sign-in.
enum class MfaPolicy {
  UserControlled,
  Mandatory,
  PromptOnlyAtSignIn,
  PromptAtSignInAndSignUp,
  NoPrompt,
  PromptAtSignInAndSignUpMandatory,
  PromptOnlyAtSignInMandatory,
};
std::string_view mfa_policy_name(MfaPolicy policy);
std::optional<MfaPolicy> parse_mfa_policy(std::string_view text);

// The sign-in experience's `mfa` (Logto's Mfa), `trustedDevice` and `passkeySignIn`.
struct MfaSettings {
  std::vector<model::MfaFactor> factors;  // enabled second factors, in the console's order
  MfaPolicy policy = MfaPolicy::UserControlled;
  // organizationRequiredMfaPolicy: "NoPrompt" or "Mandatory" (members of organizations that
  // require MFA must add a factor at sign-in).
  bool organization_mandatory = false;
  // trustedDevice: after a second factor the user may have the browser remembered for
  // `trusted_device_days` days, during which sign-ins there skip the second factor.
  bool trusted_device = false;
  int trusted_device_days = 30;  // 1 to 365

  bool enabled(model::MfaFactor factor) const;
  bool mandatory() const {
    return policy == MfaPolicy::Mandatory ||
           policy == MfaPolicy::PromptAtSignInAndSignUpMandatory ||
           policy == MfaPolicy::PromptOnlyAtSignInMandatory;
  }
};

// passkeySignIn: "Sign in with a passkey" on the first screen (usernameless, discoverable
// credentials) as an alternative to a password and a second factor.
struct PasskeySignIn {
  bool enabled = false;
  bool show_passkey_button = true;
  bool allow_autofill = false;
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
  MfaSettings mfa;
  PasskeySignIn passkey_sign_in;
  // singleSignOnEnabled: "Single sign-on" on the sign-in page; an email whose domain belongs to
  // an enterprise SSO connector must sign in there (Logto's default: off).
  bool single_sign_on_enabled = false;
  // adaptiveMfa.enabled: Latch has no risk signals, so it counts every sign-in as risky: with a
  // PromptAtSignInAndSignUpMandatory or PromptOnlyAtSignInMandatory policy the factor is always
  // required (Logto's rules on which policies go with it are checked on PATCH).
  bool adaptive_mfa = false;
  // supportEmail, supportWebsiteUrl, unknownSessionRedirectUrl ("" = unset, shown as null).
  std::string support_email, support_website_url, unknown_session_redirect_url;
  // nullopt (never set): a reset by email whenever an email connector is configured, as before
  // the setting existed; otherwise only the methods listed (kForgotByEmail, kForgotByPhone).
  std::optional<std::vector<std::string>> forgot_password_methods;
  UsernamePolicy username_policy;

  bool sign_up_enabled() const { return sign_in_mode != SignInMode::SignIn; }
  bool social_only() const { return sign_up.identifiers.empty(); }
  const SignInMethod* method(IdentifierType identifier) const;
  bool requires_identifier(IdentifierType type) const;
  // Whether forgotPasswordMethods lets a user reset the password by `method`.
  bool allows_reset_by(std::string_view method) const;
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
