#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>
#include <utility>

#include "experience/config/sign_in_experience.hpp"

// Reading the configuration document strictly: every field is typed and range-checked, and the
// error names the field, so a bad PATCH never reaches storage.
namespace latch::experience {
namespace {

namespace json = boost::json;

// The field is also in Error::field (the API's "field"), so the console need not read the words.
Error bad(std::string_view field, std::string_view why) {
  return with_field(make_error(Errc::InvalidRequest, std::string(field) + ": " + std::string(why)),
                    std::string(field));
}

// An object of the document and its path ("passwordPolicy.length"; "" for the document): a
// member read through it is named with the whole path in the error
// ("trustedDevice.durationDays: ...").
struct Section {
  const json::object* object = nullptr;
  std::string path;

  explicit operator bool() const { return object != nullptr; }
  const json::object* operator->() const { return object; }
  const json::value* member(std::string_view key) const { return object->if_contains(key); }
  std::string name(std::string_view key) const {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
};

Result<void> read(const Section& s, std::string_view key, std::string& out) {
  const auto* v = s.member(key);
  if (!v) return ok();
  if (v->is_null()) {
    out.clear();
    return ok();
  }
  if (!v->is_string()) return bad(s.name(key), "must be a string");
  if (v->as_string().size() > 100000) return bad(s.name(key), "is too long");
  out = std::string(v->as_string());
  return ok();
}

Result<void> read(const Section& s, std::string_view key, bool& out) {
  const auto* v = s.member(key);
  if (!v) return ok();
  if (!v->is_bool()) return bad(s.name(key), "must be true or false");
  out = v->as_bool();
  return ok();
}

Result<void> read(const Section& s, std::string_view key, int& out, int lo, int hi) {
  const auto* v = s.member(key);
  if (!v) return ok();
  if (!v->is_int64() || v->as_int64() < lo || v->as_int64() > hi) {
    return bad(s.name(key),
               "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  out = static_cast<int>(v->as_int64());
  return ok();
}

Result<void> read(const Section& s, std::string_view key, std::vector<std::string>& out) {
  const auto* v = s.member(key);
  if (!v) return ok();
  if (!v->is_array()) return bad(s.name(key), "must be an array of strings");
  out.clear();
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) return bad(s.name(key), "must be an array of strings");
    out.emplace_back(item.as_string());
  }
  return ok();
}

// A member of the document itself.
template <typename... Args>
Result<void> read(const json::object& o, std::string_view key, Args&&... args) {
  return read(Section{&o, ""}, key, std::forward<Args>(args)...);
}

Result<Section> section_at(const json::object& o, std::string_view key, std::string path) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return Section{};
  if (!v->is_object()) return bad(path, "must be an object");
  return Section{&v->as_object(), std::move(path)};
}

Result<Section> section(const json::object& o, std::string_view key) {
  return section_at(o, key, std::string(key));
}

Result<Section> section(const Section& parent, std::string_view key) {
  return section_at(*parent.object, key, parent.name(key));
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (a == v) return true;
  }
  return false;
}

bool color_ok(const std::string& c) {
  if (c.size() != 7 || c[0] != '#') return false;
  return c.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
}

// An absolute URL (Logto takes any scheme: `mock://fake-url/logo.png`) or a path; never a
// scheme that runs script where the pages show it as a link or an image. (The pages escape
// whatever else the URL holds.)
bool url_ok(const std::string& u) {
  if (u.empty() || (u.rfind("/", 0) == 0 && u.rfind("//", 0) != 0)) return true;
  auto colon = u.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == u.size()) return false;
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    char ch = u[i];
    bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    bool other = (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.';
    if (!letter && (i == 0 || !other)) return false;
    scheme += static_cast<char>(letter ? (ch | 0x20) : ch);
  }
  return scheme != "javascript" && scheme != "data" && scheme != "vbscript";
}

#define LATCH_TRY(expr)          \
  do {                           \
    if (auto r_ = (expr); !r_) { \
      return r_.error();         \
    }                            \
  } while (false)

Result<void> read_branding(const json::object& o, SignInExperience& c) {
  auto color = section(o, "color");
  if (!color) return color.error();
  if (*color) {
    LATCH_TRY(read(*color, "primaryColor", c.primary_color));
    LATCH_TRY(read(*color, "isDarkModeEnabled", c.dark_mode_enabled));
    LATCH_TRY(read(*color, "darkPrimaryColor", c.dark_primary_color));
  }
  if (!color_ok(c.primary_color)) return bad("color.primaryColor", "must look like #5D34F2");
  if (!color_ok(c.dark_primary_color)) return bad("color.darkPrimaryColor", "must be #RRGGBB");
  auto branding = section(o, "branding");
  if (!branding) return branding.error();
  if (*branding) {
    LATCH_TRY(read(*branding, "appName", c.app_name));
    LATCH_TRY(read(*branding, "logoUrl", c.logo_url));
    LATCH_TRY(read(*branding, "darkLogoUrl", c.dark_logo_url));
    LATCH_TRY(read(*branding, "favicon", c.favicon));
  }
  for (const auto* u : {&c.logo_url, &c.dark_logo_url, &c.favicon}) {
    if (!url_ok(*u)) return bad("branding", "URLs must be absolute URLs or paths");
  }
  LATCH_TRY(read(o, "customCss", c.custom_css));
  if (c.custom_css.find("</") != std::string::npos) return bad("customCss", "must not contain </");
  return ok();
}

Result<void> read_terms(const json::object& o, SignInExperience& c) {
  LATCH_TRY(read(o, "termsOfUseUrl", c.terms_of_use_url));
  LATCH_TRY(read(o, "privacyPolicyUrl", c.privacy_policy_url));
  LATCH_TRY(read(o, "agreeToTermsPolicy", c.agree_to_terms_policy));
  if (!url_ok(c.terms_of_use_url) || !url_ok(c.privacy_policy_url)) {
    return bad("termsOfUseUrl", "URLs must be absolute URLs or paths");
  }
  if (!one_of(c.agree_to_terms_policy, {"Automatic", "ManualRegistrationOnly", "Manual"})) {
    return bad("agreeToTermsPolicy", "must be Automatic, ManualRegistrationOnly or Manual");
  }
  auto lang = section(o, "languageInfo");
  if (!lang) return lang.error();
  if (*lang) {
    LATCH_TRY(read(*lang, "autoDetect", c.auto_detect_language));
    LATCH_TRY(read(*lang, "fallbackLanguage", c.fallback_language));
  }
  if (!one_of(c.fallback_language, {"en", "ja"})) {
    return bad("languageInfo.fallbackLanguage", "must be en or ja");
  }
  return ok();
}

Result<void> read_sign_up(const json::object& o, SignInExperience& c) {
  auto up = section(o, "signUp");
  if (!up) return up.error();
  std::vector<std::string> names;
  for (IdentifierType id : c.sign_up.identifiers) names.emplace_back(identifier_type_name(id));
  if (*up) {
    LATCH_TRY(read(*up, "identifiers", names));
    LATCH_TRY(read(*up, "password", c.sign_up.password));
    LATCH_TRY(read(*up, "verify", c.sign_up.verify));
  }
  c.sign_up.identifiers.clear();
  for (const auto& name : names) {
    auto id = parse_identifier_type(name);
    if (!id || c.requires_identifier(*id)) {
      return bad("signUp.identifiers", "must be distinct values of username, email, phone");
    }
    c.sign_up.identifiers.push_back(*id);
  }
  if (c.requires_identifier(IdentifierType::Username) && !c.sign_up.password) {
    return bad("signUp.password", "must be true when signing up with a username");
  }
  bool contact =
      c.requires_identifier(IdentifierType::Email) || c.requires_identifier(IdentifierType::Phone);
  if (contact && !c.sign_up.password && !c.sign_up.verify) {
    return with_field(
        keyed_error(Errc::InvalidRequest, "sign_in_experiences.passwordless_requires_verify"),
        "signUp.verify");
  }
  return ok();
}

Result<void> read_method(const json::value& v, SignInMethod& m) {
  if (!v.is_object()) return bad("signIn.methods", "must be objects");
  Section o{&v.as_object(), "signIn.methods"};
  std::string identifier;
  LATCH_TRY(read(o, "identifier", identifier));
  LATCH_TRY(read(o, "password", m.password));
  LATCH_TRY(read(o, "verificationCode", m.verification_code));
  LATCH_TRY(read(o, "isPasswordPrimary", m.is_password_primary));
  auto type = parse_identifier_type(identifier);
  if (!type) return bad("signIn.methods.identifier", "must be username, email or phone");
  m.identifier = *type;
  if (!m.password && !m.verification_code) {
    return bad("signIn.methods", "each method needs password or verificationCode");
  }
  if (m.identifier == IdentifierType::Username && !m.password) {
    return bad("signIn.methods", "username sign-in needs a password");
  }
  return ok();
}

Result<void> read_sign_in(const json::object& o, SignInExperience& c) {
  auto in = section(o, "signIn");
  if (!in) return in.error();
  if (*in) {
    if (const auto* methods = (*in)->if_contains("methods")) {
      if (!methods->is_array()) return bad("signIn.methods", "must be an array");
      c.sign_in.clear();
      std::set<IdentifierType> seen;
      for (const auto& v : methods->as_array()) {
        SignInMethod m;
        LATCH_TRY(read_method(v, m));
        if (!seen.insert(m.identifier).second) return bad("signIn.methods", "repeats identifier");
        c.sign_in.push_back(m);
      }
    }
  }
  LATCH_TRY(read(o, "socialSignInConnectorTargets", c.social_targets));
  LATCH_TRY(read(o, "singleSignOnEnabled", c.single_sign_on_enabled));
  std::string mode(sign_in_mode_name(c.sign_in_mode));
  LATCH_TRY(read(o, "signInMode", mode));
  auto parsed_mode = parse_sign_in_mode(mode);
  if (!parsed_mode) return bad("signInMode", "must be SignIn, Register or SignInAndRegister");
  c.sign_in_mode = *parsed_mode;
  for (IdentifierType id : c.sign_up.identifiers) {
    if (!c.method(id)) {
      return bad("signIn.methods",
                 "must include the sign-up identifier " + std::string(identifier_type_name(id)));
    }
  }
  return ok();
}

Result<void> read_policy(const json::object& o, SignInExperience& c) {
  auto p = section(o, "passwordPolicy");
  if (!p) return p.error();
  auto& pol = c.password_policy;
  if (*p) {
    auto length = section(*p, "length");
    if (!length) return length.error();
    if (*length) LATCH_TRY(read(*length, "min", pol.min_length, 8, 256));
    if (*length) LATCH_TRY(read(*length, "max", pol.max_length, 8, 256));
    auto types = section(*p, "characterTypes");
    if (!types) return types.error();
    if (*types) LATCH_TRY(read(*types, "min", pol.min_character_types, 1, 4));
    auto rejects = section(*p, "rejects");
    if (!rejects) return rejects.error();
    if (*rejects) {
      LATCH_TRY(read(*rejects, "pwned", pol.reject_common));
      LATCH_TRY(read(*rejects, "userInfo", pol.reject_user_info));
      LATCH_TRY(read(*rejects, "repetitionAndSequence", pol.reject_repetition_and_sequence));
      LATCH_TRY(read(*rejects, "words", pol.words));
    }
  }
  if (pol.max_length < pol.min_length) return bad("passwordPolicy.length", "max below min");

  auto s = section(o, "sentinelPolicy");
  if (!s) return s.error();
  if (*s) LATCH_TRY(read(*s, "maxAttempts", c.max_attempts, 1, 1000));
  if (*s) LATCH_TRY(read(*s, "lockoutDuration", c.lockout_minutes, 1, 1440));
  return ok();
}

// Logto's rules for `mfa`, with its codes: distinct known factors (a repeated one is
// sign_in_experiences.duplicated_mfa_factors), backup codes only beside another factor
// (sign_in_experiences.backup_code_cannot_be_enabled_alone). Latch's own: a mandatory policy
// needs a factor to enrol (sign_in_experiences.mandatory_mfa_needs_a_factor).
Result<void> read_mfa(const json::object& o, SignInExperience& c) {
  auto m = section(o, "mfa");
  if (!m) return m.error();
  auto& mfa = c.mfa;
  if (*m) {
    std::vector<std::string> names;
    for (model::MfaFactor f : mfa.factors) names.emplace_back(model::mfa_factor_name(f));
    LATCH_TRY(read(*m, "factors", names));
    mfa.factors.clear();
    for (const auto& name : names) {
      auto factor = model::parse_mfa_factor(name);
      if (!factor) {
        return bad("mfa.factors",
                   "must be values of Totp, WebAuthn, BackupCode, EmailVerificationCode, "
                   "PhoneVerificationCode");
      }
      if (mfa.enabled(*factor)) {
        return with_field(
            keyed_error(Errc::InvalidRequest, "sign_in_experiences.duplicated_mfa_factors"),
            "mfa.factors");
      }
      mfa.factors.push_back(*factor);
    }
    std::string policy(mfa_policy_name(mfa.policy));
    LATCH_TRY(read(*m, "policy", policy));
    auto parsed = parse_mfa_policy(policy);
    if (!parsed) return bad("mfa.policy", "is not an MFA policy");
    mfa.policy = *parsed;
    std::string org = mfa.organization_mandatory ? "Mandatory" : "NoPrompt";
    LATCH_TRY(read(*m, "organizationRequiredMfaPolicy", org));
    if (!one_of(org, {"Mandatory", "NoPrompt"})) {
      return bad("mfa.organizationRequiredMfaPolicy", "must be Mandatory or NoPrompt");
    }
    mfa.organization_mandatory = org == "Mandatory";
  }
  if (mfa.factors.size() == 1 && mfa.factors.front() == model::MfaFactor::BackupCode) {
    return with_field(keyed_error(Errc::InvalidRequest,
                                  "sign_in_experiences.backup_code_cannot_be_enabled_alone"),
                      "mfa.factors");
  }
  if (mfa.mandatory() && mfa.factors.empty()) {
    return with_field(
        keyed_error(Errc::InvalidRequest, "sign_in_experiences.mandatory_mfa_needs_a_factor"),
        "mfa.policy");
  }
  auto trusted = section(o, "trustedDevice");
  if (!trusted) return trusted.error();
  if (*trusted) {
    LATCH_TRY(read(*trusted, "enabled", mfa.trusted_device));
    LATCH_TRY(read(*trusted, "durationDays", mfa.trusted_device_days, 1, 365));
  }
  auto passkey = section(o, "passkeySignIn");
  if (!passkey) return passkey.error();
  if (*passkey) {
    LATCH_TRY(read(*passkey, "enabled", c.passkey_sign_in.enabled));
    LATCH_TRY(read(*passkey, "showPasskeyButton", c.passkey_sign_in.show_passkey_button));
    LATCH_TRY(read(*passkey, "allowAutofill", c.passkey_sign_in.allow_autofill));
  }
  return ok();
}

// supportEmail, supportWebsiteUrl, unknownSessionRedirectUrl: null or "" clears.
Result<void> read_support(const json::object& o, SignInExperience& c) {
  LATCH_TRY(read(o, "supportEmail", c.support_email));
  LATCH_TRY(read(o, "supportWebsiteUrl", c.support_website_url));
  LATCH_TRY(read(o, "unknownSessionRedirectUrl", c.unknown_session_redirect_url));
  const auto& email = c.support_email;
  auto at = email.find('@');
  if (!email.empty() && (at == std::string::npos || at == 0 || at + 1 == email.size() ||
                         email.find_first_of(" \t\r\n<>\"", 0) != std::string::npos)) {
    return bad("supportEmail", "must be an email address");
  }
  for (auto [key, url] :
       {std::pair{"supportWebsiteUrl", &c.support_website_url},
        std::pair{"unknownSessionRedirectUrl", &c.unknown_session_redirect_url}}) {
    if (!url->empty() && (url->front() == '/' || !url_ok(*url))) {
      return bad(key, "must be an absolute URL");
    }
  }
  return ok();
}

// forgotPasswordMethods: null (every method, as before the setting) or distinct methods.
Result<void> read_forgot_password(const json::object& o, SignInExperience& c) {
  const auto* v = o.if_contains("forgotPasswordMethods");
  if (!v) return ok();
  if (v->is_null()) {
    c.forgot_password_methods.reset();
    return ok();
  }
  std::vector<std::string> methods;
  LATCH_TRY(read(o, "forgotPasswordMethods", methods));
  for (std::size_t i = 0; i < methods.size(); ++i) {
    bool known = methods[i] == kForgotByEmail || methods[i] == kForgotByPhone;
    if (!known || std::find(methods.begin(), methods.begin() + static_cast<std::ptrdiff_t>(i),
                            methods[i]) != methods.begin() + static_cast<std::ptrdiff_t>(i)) {
      return bad("forgotPasswordMethods",
                 "must be distinct values of EmailVerificationCode, PhoneVerificationCode");
    }
  }
  c.forgot_password_methods = std::move(methods);
  return ok();
}

// Logto's usernamePolicy guard: lengths 1 to 128 with min <= max, and lowercase, uppercase or
// underscore allowed (a username cannot start with a digit). Case-sensitive usernames are a
// feature Latch does not have: refused, naming it.
Result<void> read_username_policy(const json::object& o, SignInExperience& c) {
  auto p = section(o, "usernamePolicy");
  if (!p) return p.error();
  auto& u = c.username_policy;
  if (!*p) return ok();
  LATCH_TRY(read(*p, "caseSensitive", u.case_sensitive));
  LATCH_TRY(read(*p, "minLength", u.min_length, 1, 128));
  LATCH_TRY(read(*p, "maxLength", u.max_length, 1, 128));
  auto chars = section(*p, "allowedChars");
  if (!chars) return chars.error();
  if (*chars) {
    LATCH_TRY(read(*chars, "lowercase", u.lowercase));
    LATCH_TRY(read(*chars, "uppercase", u.uppercase));
    LATCH_TRY(read(*chars, "numbers", u.numbers));
    LATCH_TRY(read(*chars, "underscore", u.underscore));
  }
  if (u.min_length > u.max_length) {
    return bad("usernamePolicy.maxLength", "Minimum length cannot exceed maximum length.");
  }
  if (!u.lowercase && !u.uppercase && !u.underscore) {
    return bad("usernamePolicy.allowedChars",
               "At least one of lowercase, uppercase, or underscore must be enabled.");
  }
  if (u.case_sensitive) {
    return with_field(keyed_error(Errc::InvalidRequest, "request.invalid_input",
                                  "case-sensitive usernames are not available in Latch"),
                      "usernamePolicy.caseSensitive");
  }
  return ok();
}

Result<void> read_adaptive_mfa(const json::object& o, SignInExperience& c) {
  auto a = section(o, "adaptiveMfa");
  if (!a) return a.error();
  if (*a) LATCH_TRY(read(*a, "enabled", c.adaptive_mfa));
  return ok();
}

// Settings of Logto's for features Latch does not have. Each is accepted only when it asks for
// nothing (false, null, "", [], or an object of such values: what GET shows), so a document read
// from GET goes back unchanged; anything else is refused with request.invalid_input naming the
// setting, never silently kept.
struct Unsupported {
  std::string_view key;
  std::string_view feature;
};
constexpr Unsupported kUnsupported[] = {
    {"hideLogtoBranding", "hiding the product branding"},
    {"customUiAssets", "custom UI assets (bring your own UI)"},
    {"customUiCsp", "custom UI Content Security Policy sources"},
    {"customContent", "custom page content"},
    {"captchaPolicy", "CAPTCHA"},
    {"emailBlocklistPolicy", "email blocklists"},
    {"passwordExpiration", "password expiration"},
    {"verificationCodePolicy", "verification code policies"},
    {"signUpProfileFields", "custom sign-up profile fields"},
    {"socialSignIn", "automatic social account linking"},
};

bool asks_nothing(const json::value& v) {
  if (v.is_null()) return true;
  if (v.is_bool()) return !v.as_bool();
  if (v.is_string()) return v.as_string().empty();
  if (v.is_array()) return v.as_array().empty();
  if (!v.is_object()) return false;
  for (const auto& kv : v.as_object()) {
    if (!asks_nothing(kv.value())) return false;
  }
  return true;
}

Result<void> refuse_unsupported(const json::object& o) {
  for (const auto& [key, feature] : kUnsupported) {
    const auto* v = o.if_contains(key);
    if (v && !asks_nothing(*v)) {
      return with_field(keyed_error(Errc::InvalidRequest, "request.invalid_input",
                                    std::string(feature) + " is not available in Latch"),
                        std::string(key));
    }
  }
  return ok();
}

const std::set<std::string, std::less<>> kKeys = {"id",
                                                  "version",
                                                  "tenantId",
                                                  "color",
                                                  "branding",
                                                  "languageInfo",
                                                  "termsOfUseUrl",
                                                  "privacyPolicyUrl",
                                                  "agreeToTermsPolicy",
                                                  "signUp",
                                                  "signIn",
                                                  "socialSignInConnectorTargets",
                                                  "signInMode",
                                                  "customCss",
                                                  "passwordPolicy",
                                                  "sentinelPolicy",
                                                  "mfa",
                                                  "trustedDevice",
                                                  "passkeySignIn",
                                                  "singleSignOnEnabled",
                                                  "supportEmail",
                                                  "supportWebsiteUrl",
                                                  "unknownSessionRedirectUrl",
                                                  "forgotPasswordMethods",
                                                  "usernamePolicy",
                                                  "adaptiveMfa",
                                                  "hideLogtoBranding",
                                                  "customUiAssets",
                                                  "customUiCsp",
                                                  "customContent",
                                                  "captchaPolicy",
                                                  "emailBlocklistPolicy",
                                                  "passwordExpiration",
                                                  "verificationCodePolicy",
                                                  "signUpProfileFields",
                                                  "socialSignIn"};

Result<SignInExperience> from_object(const json::object& o, SignInExperience c) {
  for (const auto& kv : o) {
    if (!kKeys.contains(kv.key())) return bad(kv.key(), "is not a sign-in experience setting");
  }
  LATCH_TRY(read_branding(o, c));
  LATCH_TRY(read_terms(o, c));
  LATCH_TRY(read_sign_up(o, c));
  LATCH_TRY(read_sign_in(o, c));
  LATCH_TRY(read_policy(o, c));
  LATCH_TRY(read_mfa(o, c));
  LATCH_TRY(read_adaptive_mfa(o, c));
  LATCH_TRY(read_support(o, c));
  LATCH_TRY(read_forgot_password(o, c));
  LATCH_TRY(read_username_policy(o, c));
  LATCH_TRY(refuse_unsupported(o));
  return c;
}

// Logto's rule (libraries/sign-in-experience): an email or phone code cannot be both a way to
// sign in and the second factor, or one code would count as two factors. Checked when a PATCH
// changes `signIn` (reported against the sign-in methods, as Logto checks those first) or `mfa`;
// a stored document is read as it is.
Result<void> check_code_factors(const json::object& patch, const SignInExperience& c) {
  struct Pair {
    IdentifierType identifier;
    model::MfaFactor factor;
    std::string_view name;
  };
  for (const auto& [identifier, factor, name] :
       {Pair{IdentifierType::Email, model::MfaFactor::EmailVerificationCode, "email"},
        Pair{IdentifierType::Phone, model::MfaFactor::PhoneVerificationCode, "phone"}}) {
    const SignInMethod* method = c.method(identifier);
    if (!method || !method->verification_code || !c.mfa.enabled(factor)) continue;
    std::string key = "sign_in_experiences." + std::string(name) + "_verification_code_";
    if (patch.contains("signIn")) {
      return with_field(keyed_error(Errc::InvalidRequest, key + "cannot_be_used_for_sign_in"),
                        "signIn.methods");
    }
    if (patch.contains("mfa")) {
      return with_field(keyed_error(Errc::InvalidRequest, key + "cannot_be_used_for_mfa"),
                        "mfa.factors");
    }
  }
  return ok();
}

Error adaptive_refusal(std::string_view key) {
  return with_field(keyed_error(Errc::Conflict, "sign_in_experiences." + std::string(key)),
                    "adaptiveMfa");
}

bool non_skippable(MfaPolicy policy) {
  return policy == MfaPolicy::PromptAtSignInAndSignUpMandatory ||
         policy == MfaPolicy::PromptOnlyAtSignInMandatory;
}

// Logto's rules (422): adaptive MFA needs MFA (a factor) and one of the two non-skippable
// prompt policies; without it those policies are refused. A PATCH that turns MFA off without
// naming adaptiveMfa turns it off too.
Result<void> check_adaptive_mfa(const SignInExperience& base, const json::object& patch,
                                SignInExperience& c) {
  const auto* adaptive = patch.if_contains("adaptiveMfa");
  const json::value* enabled =
      adaptive && adaptive->is_object() ? adaptive->as_object().if_contains("enabled") : nullptr;
  bool named = enabled && enabled->is_bool();
  bool mfa_on = !c.mfa.factors.empty();
  if (named && enabled->as_bool()) {
    if (!mfa_on) return adaptive_refusal("adaptive_mfa_requires_mfa");
    if (!non_skippable(c.mfa.policy)) {
      return adaptive_refusal("adaptive_mfa_requires_non_skippable_policy");
    }
  }
  if (named && !enabled->as_bool() && non_skippable(c.mfa.policy)) {
    return adaptive_refusal("non_adaptive_mfa_requires_skippable_policy");
  }
  if (!named && patch.contains("mfa")) {
    if (mfa_on && base.adaptive_mfa && !non_skippable(c.mfa.policy)) {
      return adaptive_refusal("adaptive_mfa_requires_non_skippable_policy");
    }
    if (mfa_on && !base.adaptive_mfa && non_skippable(c.mfa.policy)) {
      return adaptive_refusal("non_adaptive_mfa_requires_skippable_policy");
    }
    if (!mfa_on) c.adaptive_mfa = false;
  }
  return ok();
}

}  // namespace

Result<SignInExperience> apply_patch(const SignInExperience& base, const json::object& patch) {
  auto c = from_object(patch, base);
  if (!c) return c;
  LATCH_TRY(check_code_factors(patch, *c));
  LATCH_TRY(check_adaptive_mfa(base, patch, *c));
  return c;
}

Result<SignInExperience> from_stored_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    return make_error(Errc::Internal, "stored sign-in experience is not a JSON object");
  }
  return from_object(value.as_object(), SignInExperience{});
}

}  // namespace latch::experience
