#include "connectors/sso/oidc_sso_provider.hpp"

#include <algorithm>

#include "connectors/social/factories.hpp"
#include "connectors/social/oidc_discovery.hpp"
#include "core/json.hpp"
#include "http/form.hpp"

namespace latch::connectors::sso {
namespace {

namespace json = boost::json;

constexpr std::string_view kGoogleIssuer = "https://accounts.google.com";

// How a preset differs from the generic provider.
struct OidcPreset {
  ProviderInfo info;
  bool fixed_google_issuer = false;  // GoogleWorkspace: no issuer in the configuration
};

// Logto's scopePostProcessor: openid, profile and email, then the admin's scopes (split on
// spaces or '+'), each once.
std::string sso_scope(std::string_view configured) {
  std::vector<std::string> scopes{"openid", "profile", "email"};
  std::string word;
  for (std::size_t i = 0; i <= configured.size(); ++i) {
    bool end = i == configured.size() || configured[i] == ' ' || configured[i] == '+';
    if (!end) {
      word += configured[i];
      continue;
    }
    if (!word.empty() && std::find(scopes.begin(), scopes.end(), word) == scopes.end()) {
      scopes.push_back(word);
    }
    word.clear();
  }
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
  return out;
}

// Copies the member `key` of `in` into `out` when it has `kind`'s type; errors as validate().
enum class Kind { String, Bool };
Result<void> copy_member(const json::object& in, json::object& out, std::string_view key, Kind kind,
                         bool required) {
  const auto* v = in.if_contains(key);
  if (!v) {
    if (required) return invalid_config(key, "is required");
    return ok();
  }
  bool good = kind == Kind::String ? v->is_string() : v->is_bool();
  if (!good)
    return invalid_config(key, kind == Kind::String ? "must be a string" : "must be true or false");
  out[key] = *v;
  return ok();
}

class OidcSsoConnector final : public SsoConnector {
 public:
  OidcSsoConnector(std::unique_ptr<SocialConnector> inner, std::string issuer, bool trust,
                   bool select_account)
      : inner_(std::move(inner)),
        issuer_(std::move(issuer)),
        trust_unverified_email_(trust),
        select_account_(select_account) {}

  Result<std::string> authorization_uri(SsoSession& session) const override {
    SocialSession social{session.state, session.redirect_uri, {}, {}};
    auto uri = inner_->authorization_uri(social);
    if (!uri) return uri.error();
    session.nonce = social.nonce;
    session.code_verifier = social.code_verifier;
    // Google Workspace: let the person choose among their Google accounts (Logto's preset).
    if (select_account_) return http::with_query(*uri, {{"prompt", "select_account"}});
    return uri;
  }

  Result<SsoUserInfo> verify(const CallbackParams& data, const SsoSession& session) const override {
    SocialSession social{session.state, session.redirect_uri, session.nonce, session.code_verifier};
    auto user = inner_->user_info(data, social);
    if (!user) return user.error();
    SsoUserInfo out{issuer_, user->id, user->email, user->name, user->avatar, user->raw, {}, 0};
    // Logto's trustUnverifiedEmail: an email the IdP does not mark either way is taken too.
    if (out.email.empty() && trust_unverified_email_ && !out.raw.contains("email_verified")) {
      out.email = json_text(out.raw, "email");
    }
    return out;
  }

 private:
  std::unique_ptr<SocialConnector> inner_;
  std::string issuer_;
  bool trust_unverified_email_;
  bool select_account_;
};

class OidcSsoProvider final : public SsoProvider {
 public:
  explicit OidcSsoProvider(OidcPreset preset) : preset_(preset) {}
  const ProviderInfo& info() const override { return preset_.info; }

  // Logto's basicOidcConnectorConfigGuard (GoogleWorkspace: without issuer, with offlineAccess).
  Result<json::object> validate(const json::object& config) const override {
    json::object out;
    for (auto [key, kind, required] :
         {std::tuple{"clientId", Kind::String, true},
          std::tuple{"clientSecret", Kind::String, true},
          std::tuple{"issuer", Kind::String, !preset_.fixed_google_issuer},
          std::tuple{"scope", Kind::String, false},
          std::tuple{"trustUnverifiedEmail", Kind::Bool, false}}) {
      if (preset_.fixed_google_issuer && std::string_view(key) == "issuer") continue;
      if (auto copied = copy_member(config, out, key, kind, required); !copied) {
        return copied.error();
      }
    }
    if (preset_.fixed_google_issuer) {
      if (auto copied = copy_member(config, out, "offlineAccess", Kind::Bool, false); !copied) {
        return copied.error();
      }
    }
    if (!out.contains("trustUnverifiedEmail")) out["trustUnverifiedEmail"] = false;
    if (auto social = social_config(out); !social) return social.error();
    return out;
  }

  Result<json::object> provider_config(const json::object& config,
                                       const ConnectorEnv& env) const override {
    auto discovered = fetch_oidc_discovery(issuer_of(config), env);
    if (!discovered) return discovered.error();
    // Logto's BaseOidcConfig: the discovery members it reads, in camelCase, and the
    // configuration's own (the client secret stays in `config`, where the console reads it).
    json::object out{{"issuer", json_text(*discovered, "issuer")},
                     {"authorizationEndpoint", json_text(*discovered, "authorization_endpoint")},
                     {"tokenEndpoint", json_text(*discovered, "token_endpoint")},
                     {"jwksUri", json_text(*discovered, "jwks_uri")},
                     {"clientId", json_text(config, "clientId")},
                     {"scope", sso_scope(json_text(config, "scope"))},
                     {"trustUnverifiedEmail", config.contains("trustUnverifiedEmail") &&
                                                  config.at("trustUnverifiedEmail") == true}};
    if (std::string userinfo = json_text(*discovered, "userinfo_endpoint"); !userinfo.empty()) {
      out["userinfoEndpoint"] = userinfo;
    }
    return out;
  }

  std::unique_ptr<SsoConnector> create(const json::object& config,
                                       const ConnectorEnv& env) const override {
    auto social = social_config(config);
    if (!social) return nullptr;
    auto inner = oidc_factory().create(*social, env);
    bool trust = false;
    if (const auto* t = config.if_contains("trustUnverifiedEmail"); t && t->is_bool()) {
      trust = t->as_bool();
    }
    return std::make_unique<OidcSsoConnector>(std::move(inner), issuer_of(config), trust,
                                              preset_.fixed_google_issuer);
  }

 private:
  std::string issuer_of(const json::object& config) const {
    if (preset_.fixed_google_issuer) return std::string(kGoogleIssuer);
    std::string issuer = json_text(config, "issuer");
    while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
    return issuer;
  }

  // The social OpenID Connect connector's configuration for this one, validated by its factory
  // (the issuer must be an http(s) URL).
  Result<json::object> social_config(const json::object& config) const {
    json::object social{{"target", "sso"},
                        {"issuer", issuer_of(config)},
                        {"clientId", json_text(config, "clientId")},
                        {"clientSecret", json_text(config, "clientSecret")},
                        {"scope", sso_scope(json_text(config, "scope"))},
                        {"tokenEndpointAuthMethod", "client_secret_basic"}};
    auto checked = oidc_factory().validate(social);
    if (!checked) {
      std::string why = checked.error().description;
      return invalid_config(checked.error().field.empty() ? "issuer" : checked.error().field, why);
    }
    return checked;
  }

  OidcPreset preset_;
};

constexpr std::string_view kOidcLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="10" fill="none" stroke="#f78c40" stroke-width="2"/><path fill="#f78c40" d="M11 6h2v12h-2z"/></svg>)svg";
constexpr std::string_view kOidcLogoDark =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="10" fill="none" stroke="#ffb27a" stroke-width="2"/><path fill="#ffb27a" d="M11 6h2v12h-2z"/></svg>)svg";
constexpr std::string_view kOktaLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="9" fill="none" stroke="#00297a" stroke-width="4"/></svg>)svg";
constexpr std::string_view kOktaLogoDark =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><circle cx="12" cy="12" r="9" fill="none" stroke="#ffffff" stroke-width="4"/></svg>)svg";
constexpr std::string_view kMicrosoftLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="#0078d4" d="M3 17 12 3l9 14-9 4z"/></svg>)svg";
constexpr std::string_view kGoogleLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="#4285f4" d="M21 12.2c0-.7-.1-1.3-.2-1.9H12v3.6h5a4.3 4.3 0 0 1-1.9 2.8v2.3h3A9 9 0 0 0 21 12.2z"/><path fill="#34a853" d="M12 21a9 9 0 0 0 6.1-2.2l-3-2.3a5.5 5.5 0 0 1-8.2-2.9H3.8v2.4A9 9 0 0 0 12 21z"/><path fill="#fbbc05" d="M6.9 13.6a5.4 5.4 0 0 1 0-3.4V7.8H3.8a9 9 0 0 0 0 8.2z"/><path fill="#ea4335" d="M12 6.6c1.4 0 2.6.5 3.5 1.4l2.7-2.7A9 9 0 0 0 3.8 7.8l3.1 2.4A5.4 5.4 0 0 1 12 6.6z"/></svg>)svg";

}  // namespace

const SsoProvider& oidc_provider() {
  static const OidcSsoProvider provider{OidcPreset{
      {"OIDC", "oidc", "OIDC",
       "Modern protocol built on OAuth 2.0 for identity verification in web and mobile apps.",
       "Web およびモバイルアプリで本人確認を行う、OAuth 2.0 上に構築されたモダンなプロトコル。",
       kOidcLogo, kOidcLogoDark},
      false}};
  return provider;
}

const SsoProvider& okta_provider() {
  static const OidcSsoProvider provider{OidcPreset{
      {"Okta", "oidc", "Okta",
       "Centralized identity management for customers, employees and partners.",
       "顧客、従業員、パートナーのための一元化された ID 管理。", kOktaLogo, kOktaLogoDark},
      false}};
  return provider;
}

const SsoProvider& azure_oidc_provider() {
  static const OidcSsoProvider provider{OidcPreset{
      {"AzureAdOidc", "oidc", "Microsoft Entra ID (OIDC)",
       "OpenID Connect on the Microsoft identity platform. Formerly known as Azure AD OIDC.",
       "Microsoft ID プラットフォーム上の OpenID Connect。旧称 Azure AD OIDC。", kMicrosoftLogo,
       kMicrosoftLogo},
      false}};
  return provider;
}

const SsoProvider& google_workspace_provider() {
  static const OidcSsoProvider provider{OidcPreset{
      {"GoogleWorkspace", "oidc", "Google Workspace",
       "Unified and secure management of user access within the Google ecosystem.",
       "Google エコシステム内のユーザーアクセスを統合的かつ安全に管理。", kGoogleLogo, kGoogleLogo},
      true}};
  return provider;
}

}  // namespace latch::connectors::sso
