#include "experience/config/sign_in_experience.hpp"

#include <algorithm>
#include <boost/json/array.hpp>

#include "core/enum_names.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;

constexpr NameTable<SignInMode, 3> kSignInModes = {
    {SignInMode::SignIn, "SignIn"},
    {SignInMode::Register, "Register"},
    {SignInMode::SignInAndRegister, "SignInAndRegister"},
};

constexpr NameTable<MfaPolicy, 7> kMfaPolicies = {
    {MfaPolicy::UserControlled, "UserControlled"},
    {MfaPolicy::Mandatory, "Mandatory"},
    {MfaPolicy::PromptOnlyAtSignIn, "PromptOnlyAtSignIn"},
    {MfaPolicy::PromptAtSignInAndSignUp, "PromptAtSignInAndSignUp"},
    {MfaPolicy::NoPrompt, "NoPrompt"},
    {MfaPolicy::PromptAtSignInAndSignUpMandatory, "PromptAtSignInAndSignUpMandatory"},
    {MfaPolicy::PromptOnlyAtSignInMandatory, "PromptOnlyAtSignInMandatory"},
};

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object policy_json(const PasswordPolicy& p) {
  return {{"length", {{"min", p.min_length}, {"max", p.max_length}}},
          {"characterTypes", {{"min", p.min_character_types}}},
          {"rejects",
           {{"pwned", p.reject_common},
            {"repetitionAndSequence", p.reject_repetition_and_sequence},
            {"userInfo", p.reject_user_info},
            {"words", strings(p.words)}}}};
}

json::array identifiers_json(const std::vector<IdentifierType>& types) {
  json::array out;
  for (IdentifierType type : types) out.emplace_back(identifier_type_name(type));
  return out;
}

json::array methods_json(const std::vector<SignInMethod>& methods) {
  json::array out;
  for (const auto& m : methods) {
    out.push_back(json::object{{"identifier", identifier_type_name(m.identifier)},
                               {"password", m.password},
                               {"verificationCode", m.verification_code},
                               {"isPasswordPrimary", m.is_password_primary}});
  }
  return out;
}

json::object mfa_json(const MfaSettings& m) {
  json::array factors;
  for (model::MfaFactor f : m.factors) factors.emplace_back(model::mfa_factor_name(f));
  return {{"factors", std::move(factors)},
          {"policy", mfa_policy_name(m.policy)},
          {"organizationRequiredMfaPolicy", m.organization_mandatory ? "Mandatory" : "NoPrompt"}};
}

json::value text_or_null(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object username_policy_json(const UsernamePolicy& u) {
  return {{"caseSensitive", u.case_sensitive},
          {"minLength", u.min_length},
          {"maxLength", u.max_length},
          {"allowedChars",
           {{"lowercase", u.lowercase},
            {"uppercase", u.uppercase},
            {"numbers", u.numbers},
            {"underscore", u.underscore}}}};
}

// Logto's settings for features Latch does not have, as they read when they ask for nothing.
void add_unsupported_settings(json::object& doc) {
  doc["hideLogtoBranding"] = false;
  doc["customUiAssets"] = nullptr;
  doc["customUiCsp"] = json::object{};
  doc["customContent"] = json::object{};
  doc["captchaPolicy"] = json::object{};
  doc["emailBlocklistPolicy"] = json::object{};
  doc["passwordExpiration"] = json::object{{"enabled", false}};
  doc["verificationCodePolicy"] = json::object{};
  doc["signUpProfileFields"] = json::array{};
  doc["socialSignIn"] = json::object{};
}

}  // namespace

std::string_view mfa_policy_name(MfaPolicy policy) { return name_in(kMfaPolicies, policy); }

std::optional<MfaPolicy> parse_mfa_policy(std::string_view text) {
  return parse_in(kMfaPolicies, text);
}

bool MfaSettings::enabled(model::MfaFactor factor) const {
  return std::find(factors.begin(), factors.end(), factor) != factors.end();
}

std::string_view sign_in_mode_name(SignInMode mode) { return name_in(kSignInModes, mode); }

std::optional<SignInMode> parse_sign_in_mode(std::string_view text) {
  return parse_in(kSignInModes, text);
}

const SignInMethod* SignInExperience::method(IdentifierType identifier) const {
  auto it = std::find_if(sign_in.begin(), sign_in.end(),
                         [&](const SignInMethod& m) { return m.identifier == identifier; });
  return it == sign_in.end() ? nullptr : &*it;
}

bool SignInExperience::requires_identifier(IdentifierType type) const {
  const auto& ids = sign_up.identifiers;
  return std::find(ids.begin(), ids.end(), type) != ids.end();
}

Result<void> check_username_policy(const UsernamePolicy& policy, std::string_view username) {
  auto refuse = [](std::string_view key) { return keyed_error(Errc::Conflict, key); };
  std::int64_t length = 0;
  for (unsigned char ch : username) length += (ch & 0xC0) != 0x80 ? 1 : 0;
  if (length < policy.min_length) return refuse("user.username_too_short");
  if (length > policy.max_length) return refuse("user.username_too_long");
  auto has = [&](auto pred) { return std::any_of(username.begin(), username.end(), pred); };
  if (!policy.uppercase && has([](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
    return refuse("user.username_uppercase_not_allowed");
  }
  if (!policy.lowercase && has([](char ch) { return ch >= 'a' && ch <= 'z'; })) {
    return refuse("user.username_lowercase_not_allowed");
  }
  if (!policy.numbers && has([](char ch) { return ch >= '0' && ch <= '9'; })) {
    return refuse("user.username_numbers_not_allowed");
  }
  if (!policy.underscore && has([](char ch) { return ch == '_'; })) {
    return refuse("user.username_underscore_not_allowed");
  }
  return ok();
}

bool SignInExperience::allows_reset_by(std::string_view method) const {
  if (!forgot_password_methods) return method == kForgotByEmail;
  const auto& m = *forgot_password_methods;
  return std::find(m.begin(), m.end(), method) != m.end();
}

json::object to_json(const SignInExperience& c) {
  json::object doc = {
      {"id", "default"},
      {"version", c.version},
      {"color",
       {{"primaryColor", c.primary_color},
        {"isDarkModeEnabled", c.dark_mode_enabled},
        {"darkPrimaryColor", c.dark_primary_color}}},
      {"branding",
       {{"appName", c.app_name},
        {"logoUrl", c.logo_url},
        {"darkLogoUrl", c.dark_logo_url},
        {"favicon", c.favicon}}},
      {"languageInfo",
       {{"autoDetect", c.auto_detect_language}, {"fallbackLanguage", c.fallback_language}}},
      {"termsOfUseUrl", c.terms_of_use_url},
      {"privacyPolicyUrl", c.privacy_policy_url},
      {"agreeToTermsPolicy", c.agree_to_terms_policy},
      {"signUp",
       {{"identifiers", identifiers_json(c.sign_up.identifiers)},
        {"password", c.sign_up.password},
        {"verify", c.sign_up.verify}}},
      {"signIn", {{"methods", methods_json(c.sign_in)}}},
      {"socialSignInConnectorTargets", strings(c.social_targets)},
      {"signInMode", sign_in_mode_name(c.sign_in_mode)},
      {"customCss", c.custom_css},
      {"passwordPolicy", policy_json(c.password_policy)},
      {"sentinelPolicy", {{"maxAttempts", c.max_attempts}, {"lockoutDuration", c.lockout_minutes}}},
      {"mfa", mfa_json(c.mfa)},
      {"trustedDevice",
       {{"enabled", c.mfa.trusted_device}, {"durationDays", c.mfa.trusted_device_days}}},
      {"passkeySignIn",
       {{"enabled", c.passkey_sign_in.enabled},
        {"showPasskeyButton", c.passkey_sign_in.show_passkey_button},
        {"allowAutofill", c.passkey_sign_in.allow_autofill}}},
      {"singleSignOnEnabled", c.single_sign_on_enabled},
      {"adaptiveMfa", {{"enabled", c.adaptive_mfa}}},
      {"supportEmail", text_or_null(c.support_email)},
      {"supportWebsiteUrl", text_or_null(c.support_website_url)},
      {"unknownSessionRedirectUrl", text_or_null(c.unknown_session_redirect_url)},
      {"usernamePolicy", username_policy_json(c.username_policy)},
  };
  if (c.forgot_password_methods) {
    doc["forgotPasswordMethods"] = strings(*c.forgot_password_methods);
  } else {
    doc["forgotPasswordMethods"] = nullptr;
  }
  add_unsupported_settings(doc);
  return doc;
}

Result<json::object> sign_up_preset(std::string_view name) {
  json::object none_social{{"socialSignInConnectorTargets", json::array{}}};
  if (name == "password") {
    return json::object{
        {"signUp", {{"identifiers", {"username"}}, {"password", true}, {"verify", false}}},
        {"signIn",
         {{"methods", json::array{{{"identifier", "username"},
                                   {"password", true},
                                   {"verificationCode", false},
                                   {"isPasswordPrimary", true}},
                                  {{"identifier", "email"},
                                   {"password", true},
                                   {"verificationCode", false},
                                   {"isPasswordPrimary", true}}}}}}};
  }
  if (name == "passwordless") {
    return json::object{
        {"signUp", {{"identifiers", {"email"}}, {"password", false}, {"verify", true}}},
        {"signIn",
         {{"methods", json::array{{{"identifier", "email"},
                                   {"password", false},
                                   {"verificationCode", true},
                                   {"isPasswordPrimary", false}}}}}}};
  }
  if (name == "social-only") {
    return json::object{
        {"signUp", {{"identifiers", json::array{}}, {"password", false}, {"verify", false}}},
        {"signIn", {{"methods", json::array{}}}}};
  }
  return make_error(Errc::InvalidRequest,
                    "unknown sign-up mode (use password, passwordless or social-only)");
}

}  // namespace latch::experience
