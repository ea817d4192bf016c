#include <boost/json/parse.hpp>
#include <chrono>
#include <map>
#include <mutex>

#include "connectors/social/factories.hpp"
#include "connectors/social/oidc_discovery.hpp"
#include "connectors/social/provider_http.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"

// OpenID Connect (Core 1.0, Discovery 1.0) for any provider, with PKCE (RFC 7636) and the
// RFC 9207 `iss` callback parameter; presets for Google and Microsoft Entra ID.
namespace latch::connectors {
namespace {

namespace json = boost::json;

constexpr std::int64_t kSkew = 120;  // seconds of clock difference tolerated
constexpr auto kCacheTtl = std::chrono::minutes(10);

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Discovery documents and key sets by URL, shared by every connector of the process. Ages are
// read from the connectors' Clock, so a test can move time past kCacheTtl.
class ProviderCache {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  struct Entry {
    json::value value;
    TimePoint fetched;
  };
  // The document fetched from `url` at most kCacheTtl before `now`; none when the clock has
  // been set back past its fetch.
  std::optional<json::value> get(const std::string& url, TimePoint now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(url);
    if (it == entries_.end() || now < it->second.fetched || now - it->second.fetched > kCacheTtl) {
      return std::nullopt;
    }
    return it->second.value;
  }
  void put(const std::string& url, json::value value, TimePoint now) {
    std::lock_guard lock(mutex_);
    entries_[url] = {std::move(value), now};
  }
  void forget(const std::string& url) {
    std::lock_guard lock(mutex_);
    entries_.erase(url);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

ProviderCache& cache() {
  static ProviderCache instance;
  return instance;
}

Result<json::value> fetch_json(const std::string& url, const ConnectorEnv& env,
                               std::string_view what, bool use_cache = true) {
  if (use_cache) {
    if (auto hit = cache().get(url, env.clock.now())) return *hit;
  }
  OutboundRequest req{.method = "GET", .url = url};
  req.headers = {{"Accept", "application/json"}};
  req.timeout = env.timeout;
  auto res = call_provider(std::move(req), what);
  if (!res) return res.error();
  if (res->status != 200) {
    return connector_failure(Errc::Unavailable, "connector.invalid_response",
                             std::string(what) + " answered HTTP " + std::to_string(res->status));
  }
  auto body = json_body(*res, what);
  if (!body) return body.error();
  if (!body->is_object()) {
    return connector_failure(Errc::Unavailable, "connector.invalid_response",
                             std::string(what) + " is not a JSON object");
  }
  cache().put(url, *body, env.clock.now());
  return body;
}

struct OidcSettings {
  std::string issuer, client_id, client_secret, scope, auth_method;
  // Microsoft's multi-tenant authorities (common, organizations, consumers) issue tokens whose
  // `iss` names the user's tenant: accept `{tenantid}` in the discovered issuer as the `tid`.
  bool tenant_issuer = false;
};

class OidcConnector final : public SocialConnector {
 public:
  OidcConnector(OidcSettings settings, ConnectorEnv env) : s_(std::move(settings)), env_(env) {}

  Result<std::string> authorization_uri(SocialSession& session) const override {
    auto meta = discovery();
    if (!meta) return meta.error();
    std::string endpoint = scalar_text(meta->as_object().if_contains("authorization_endpoint"));
    session.nonce = crypto::random_token(24);
    session.code_verifier = crypto::random_token(32);
    std::string challenge = crypto::base64url_encode(crypto::sha256(session.code_verifier));
    return http::with_query(endpoint, {{"response_type", "code"},
                                       {"client_id", s_.client_id},
                                       {"redirect_uri", session.redirect_uri},
                                       {"scope", s_.scope},
                                       {"state", session.state},
                                       {"nonce", session.nonce},
                                       {"code_challenge", challenge},
                                       {"code_challenge_method", "S256"}});
  }

  Result<SocialUserInfo> user_info(const CallbackParams& callback,
                                   const SocialSession& session) const override {
    if (callback.contains("error")) return callback_error(callback, "the OpenID provider");
    auto meta = discovery();
    if (!meta) return meta.error();
    const auto& m = meta->as_object();
    std::string issuer = scalar_text(m.if_contains("issuer"));
    // RFC 9207: a callback that names its issuer must name this one (mix-up defence).
    if (auto iss = callback.find("iss");
        iss != callback.end() && iss->second != issuer && !s_.tenant_issuer) {
      return connector_failure(Errc::InvalidRequest, "connector.general",
                               "the callback's iss " + iss->second + " is not " + issuer);
    }
    auto code = callback.find("code");
    if (code == callback.end() || code->second.empty()) {
      return connector_failure(Errc::InvalidRequest, "connector.general",
                               "the callback has neither a code nor an error");
    }
    auto tokens = exchange(m, code->second, session);
    if (!tokens) return tokens.error();
    std::string id_token = scalar_text(tokens->if_contains("id_token"));
    if (id_token.empty()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "the token endpoint answered without an id_token");
    }
    auto claims = verify_id_token(m, id_token, session.nonce);
    if (!claims) return claims.error();
    SocialUserInfo info;
    info.id = scalar_text(claims->if_contains("sub"));
    info.name = scalar_text(claims->if_contains("name"));
    info.avatar = scalar_text(claims->if_contains("picture"));
    if (scalar_text(claims->if_contains("email_verified")) == "true") {
      info.email = scalar_text(claims->if_contains("email"));
    }
    if (scalar_text(claims->if_contains("phone_number_verified")) == "true") {
      info.phone = scalar_text(claims->if_contains("phone_number"));
    }
    std::string access_token = scalar_text(tokens->if_contains("access_token"));
    std::string userinfo = scalar_text(m.if_contains("userinfo_endpoint"));
    if ((info.name.empty() || info.email.empty()) && !access_token.empty() && !userinfo.empty()) {
      merge_userinfo(userinfo, access_token, info, *claims);
    }
    info.raw = std::move(*claims);
    return info;
  }

 private:
  Result<json::value> discovery() const {
    auto doc = fetch_oidc_discovery(s_.issuer, env_);
    if (!doc) return doc.error();
    return json::value(std::move(*doc));
  }

  Result<json::object> exchange(const json::object& m, const std::string& code,
                                const SocialSession& session) const {
    http::Params form{{"grant_type", "authorization_code"},
                      {"code", code},
                      {"redirect_uri", session.redirect_uri},
                      {"code_verifier", session.code_verifier}};
    auto res = post_token_request(scalar_text(m.if_contains("token_endpoint")), std::move(form),
                                  s_.client_id, s_.client_secret,
                                  s_.auth_method != "client_secret_post", env_.timeout);
    if (!res) return res.error();
    auto body = json_body(*res, "the token endpoint");
    if (!body) return body.error();
    if (!body->is_object()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "the token endpoint answered JSON that is not an object");
    }
    const auto& o = body->as_object();
    if (auto refused = token_error(o); !refused) return refused.error();
    if (res->status != 200) {
      return connector_failure(Errc::InvalidRequest, "connector.general",
                               "the token endpoint answered HTTP " + std::to_string(res->status));
    }
    return o;
  }

  Result<std::vector<crypto::VerifyKey>> keys(const std::string& jwks_uri, bool fresh) const {
    auto set = fetch_json(jwks_uri, env_, "the provider's JWKS", !fresh);
    if (!set) return set.error();
    std::vector<crypto::VerifyKey> out;
    if (const auto* list = set->as_object().if_contains("keys"); list && list->is_array()) {
      for (const auto& jwk : list->as_array()) {
        if (!jwk.is_object()) continue;
        const auto* use = jwk.as_object().if_contains("use");
        if (use && use->is_string() && use->as_string() != "sig") continue;
        if (auto key = crypto::VerifyKey::from_jwk(jwk.as_object())) out.push_back(*key);
      }
    }
    return out;
  }

  Result<json::object> verify_id_token(const json::object& m, const std::string& token,
                                       const std::string& nonce) const {
    std::string jwks_uri = scalar_text(m.if_contains("jwks_uri"));
    auto invalid = [](std::string why) {
      return connector_failure(Errc::InvalidToken, "connector.social_invalid_id_token",
                               std::move(why));
    };
    Result<crypto::VerifiedJwt> verified = invalid("no key");
    for (bool fresh : {false, true}) {  // a key rotated at the provider: fetch the set again
      auto set = keys(jwks_uri, fresh);
      if (!set) return set.error();
      verified = crypto::verify_jwt(token, [&](std::string_view kid) -> const crypto::VerifyKey* {
        for (const auto& key : *set) {
          if (kid.empty() || key.kid() == kid) return &key;
        }
        return nullptr;
      });
      if (verified) break;
    }
    if (!verified) return invalid("the ID token's signature: " + verified.error().description);
    const auto& c = verified->payload;
    std::string issuer = scalar_text(m.if_contains("issuer"));
    std::string iss = scalar_text(c.if_contains("iss"));
    if (s_.tenant_issuer) {
      auto at = issuer.find("{tenantid}");
      if (at != std::string::npos) issuer.replace(at, 10, scalar_text(c.if_contains("tid")));
    }
    if (iss != issuer) return invalid("iss " + iss + " is not " + issuer);
    bool audience = false;
    if (const auto* aud = c.if_contains("aud"); aud && aud->is_array()) {
      for (const auto& a : aud->as_array()) audience = audience || scalar_text(&a) == s_.client_id;
    } else {
      audience = scalar_text(c.if_contains("aud")) == s_.client_id;
    }
    if (!audience) return invalid("aud does not include this client");
    const auto* exp = c.if_contains("exp");
    const auto* iat = c.if_contains("iat");
    std::int64_t now = env_.clock.now_seconds();
    if (!exp || !exp->is_int64() || exp->as_int64() + kSkew <= now) return invalid("expired");
    if (iat && iat->is_int64() && iat->as_int64() - kSkew > now) return invalid("iat in future");
    if (scalar_text(c.if_contains("nonce")) != nonce) return invalid("nonce mismatch");
    if (scalar_text(c.if_contains("sub")).empty()) return invalid("no sub");
    return c;
  }

  // Fills name, picture and verified email from the userinfo endpoint (same `sub` only).
  void merge_userinfo(const std::string& url, const std::string& token, SocialUserInfo& info,
                      const json::object& claims) const {
    OutboundRequest req{.method = "GET", .url = url};
    req.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + token}};
    req.timeout = env_.timeout;
    auto res = call_provider(std::move(req), "the userinfo endpoint");
    if (!res || res->status != 200) return;
    auto body = json_body(*res, "the userinfo endpoint");
    if (!body || !body->is_object()) return;
    const auto& u = body->as_object();
    if (scalar_text(u.if_contains("sub")) != scalar_text(claims.if_contains("sub"))) return;
    if (info.name.empty()) info.name = scalar_text(u.if_contains("name"));
    if (info.avatar.empty()) info.avatar = scalar_text(u.if_contains("picture"));
    if (info.email.empty() && scalar_text(u.if_contains("email_verified")) == "true") {
      info.email = scalar_text(u.if_contains("email"));
    }
  }

  OidcSettings s_;
  ConnectorEnv env_;
};

constexpr std::string_view kOidcLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M11 3l3-1.5V21l-3 1.5C5.9 21.8 2 19 2 15.5c0-3.2 3.2-5.8 7.5-6.4v2C6.4 11.7 4 13.4 4 15.5c0 2.3 3 4.3 7 4.8zm4 4.6c2.1.2 4 .9 5.4 1.9l1.6-1v5l-5.3-1.2 1.6-.9c-.9-.5-2-.8-3.3-1z"/></svg>)svg";
constexpr std::string_view kGoogleLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="#4285F4" d="M22.6 12.3c0-.8-.1-1.5-.2-2.3H12v4.4h5.9a5 5 0 0 1-2.2 3.3v2.7h3.6c2.1-1.9 3.3-4.8 3.3-8.1z"/><path fill="#34A853" d="M12 23c3 0 5.5-1 7.3-2.7l-3.6-2.7c-1 .7-2.2 1-3.7 1-2.9 0-5.3-1.9-6.2-4.5H2.1v2.8A11 11 0 0 0 12 23z"/><path fill="#FBBC05" d="M5.8 14.1a6.6 6.6 0 0 1 0-4.2V7.1H2.1a11 11 0 0 0 0 9.8z"/><path fill="#EA4335" d="M12 5.4c1.6 0 3.1.6 4.2 1.7l3.2-3.2A11 11 0 0 0 2.1 7.1l3.7 2.8C6.7 7.3 9.1 5.4 12 5.4z"/></svg>)svg";
constexpr std::string_view kMicrosoftLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="#F25022" d="M2 2h9.5v9.5H2z"/><path fill="#7FBA00" d="M12.5 2H22v9.5h-9.5z"/><path fill="#00A4EF" d="M2 12.5h9.5V22H2z"/><path fill="#FFB900" d="M12.5 12.5H22V22h-9.5z"/></svg>)svg";

const std::vector<std::string> kAuthMethods{"client_secret_basic", "client_secret_post"};

ConfigField client_id_field() {
  return {"clientId", "Client ID", "string", true, false, "", {}, "The client ID at the provider."};
}
ConfigField client_secret_field() {
  return {"clientSecret",
          "Client Secret",
          "string",
          true,
          true,
          "",
          {},
          "The client secret at the provider."};
}
ConfigField scope_field() {
  return {"scope",  "Scope",
          "string", false,
          false,    "openid profile email",
          {},       "Space-separated scopes; openid is always sent."};
}
ConfigField auth_method_field() {
  return {"tokenEndpointAuthMethod",
          "Token endpoint auth method",
          "select",
          false,
          false,
          "client_secret_basic",
          kAuthMethods,
          "How Latch authenticates at the token endpoint."};
}

std::string with_openid(std::string scope) {
  for (std::size_t at = 0; (at = scope.find("openid", at)) != std::string::npos; at += 6) {
    bool starts = at == 0 || scope[at - 1] == ' ';
    bool ends = at + 6 == scope.size() || scope[at + 6] == ' ';
    if (starts && ends) return scope;
  }
  return scope.empty() ? "openid" : "openid " + scope;
}

// Every OpenID Connect connector: the generic one and the presets differ only in metadata,
// fields and how the configuration becomes OidcSettings.
class OidcFamilyFactory final : public ConnectorFactory {
 public:
  using Settings = OidcSettings (*)(const json::object&);
  OidcFamilyFactory(ConnectorMetadata metadata, std::vector<ConfigField> fields, Settings settings)
      : metadata_(std::move(metadata)), fields_(std::move(fields)), settings_(settings) {}
  const ConnectorMetadata& metadata() const override { return metadata_; }
  const std::vector<ConfigField>& fields() const override { return fields_; }
  std::unique_ptr<SocialConnector> create(const json::object& c,
                                          const ConnectorEnv& env) const override {
    return std::make_unique<OidcConnector>(settings_(c), env);
  }

 private:
  ConnectorMetadata metadata_;
  std::vector<ConfigField> fields_;
  Settings settings_;
};

}  // namespace

Result<json::object> fetch_oidc_discovery(const std::string& issuer, const ConnectorEnv& env) {
  std::string url = issuer + "/.well-known/openid-configuration";
  auto doc = fetch_json(url, env, "the OpenID provider's discovery document");
  if (!doc) return doc.error();
  const auto& o = doc->as_object();
  for (const char* key : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"}) {
    std::string value = scalar_text(o.if_contains(key));
    // The browser is sent to the authorization endpoint: it must be a URL, not any text.
    if (value.empty() || (key != std::string_view("issuer") && !is_http_url(value))) {
      cache().forget(url);
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               std::string("the discovery document lacks an http(s) ") + key);
    }
  }
  return doc->as_object();
}

// Generic OpenID Connect: any issuer; the admin names the target (the identity key).
const ConnectorFactory& oidc_factory() {
  static const OidcFamilyFactory factory{
      ConnectorMetadata{"oidc", "oidc", "OpenID Connect", "Universal", true, std::string(kOidcLogo),
                        R"md(# OpenID Connect

Any provider that publishes `/.well-known/openid-configuration` under its issuer.

1. Register a web application at the provider with the redirect URI shown here
   (`${endpoint}/callback/${connector_id}`).
2. Enter the provider's issuer URL, the client ID and the client secret.
3. Choose a short **target** (for example `okta`): it names the identity in users' profiles and
   must stay the same once people have signed in.

Latch uses the authorization code flow with PKCE and a nonce, and validates the ID token
against the provider's keys (iss, aud, exp, nonce). Email addresses are used only when the
provider marks them verified.
)md"},
      std::vector<ConfigField>{
          {"target",
           "Target",
           "string",
           true,
           false,
           "",
           {},
           "A short name for this provider (letters, digits, -), e.g. okta."},
          {"displayName",
           "Button name",
           "string",
           false,
           false,
           "",
           {},
           "Shown on the sign-in page as \"Continue with …\"."},
          {"issuer", "Issuer", "url", true, false, "", {}, "The provider's issuer URL."},
          client_id_field(),
          client_secret_field(),
          scope_field(),
          auth_method_field()},
      [](const json::object& c) -> OidcSettings {
        return OidcSettings{trim_slash(json_text(c, "issuer")),
                            json_text(c, "clientId"),
                            json_text(c, "clientSecret"),
                            with_openid(json_text(c, "scope")),
                            json_text(c, "tokenEndpointAuthMethod"),
                            false};
      }};
  return factory;
}

const ConnectorFactory& google_factory() {
  static const OidcFamilyFactory factory{
      ConnectorMetadata{"google-universal", "google", "Google", "Universal", false,
                        std::string(kGoogleLogo), R"md(# Google

1. In the Google Cloud console, open APIs & Services > Credentials and create an
   **OAuth client ID** of type **Web application**.
2. Add the redirect URI shown here (`${endpoint}/callback/${connector_id}`) under
   **Authorized redirect URIs**.
3. Copy the client ID and client secret here.
)md"},
      std::vector<ConfigField>{client_id_field(),
                               client_secret_field(),
                               scope_field(),
                               {"issuer",
                                "Issuer",
                                "url",
                                false,
                                false,
                                "https://accounts.google.com",
                                {},
                                "Change only for tests."}},
      [](const json::object& c) -> OidcSettings {
        return OidcSettings{trim_slash(json_text(c, "issuer")),
                            json_text(c, "clientId"),
                            json_text(c, "clientSecret"),
                            with_openid(json_text(c, "scope")),
                            "client_secret_post",
                            false};
      }};
  return factory;
}

const ConnectorFactory& microsoft_factory() {
  static const OidcFamilyFactory factory{
      ConnectorMetadata{"microsoft-entra-id", "microsoft", "Microsoft", "Universal", false,
                        std::string(kMicrosoftLogo),
                        R"md(# Microsoft Entra ID

1. In the Microsoft Entra admin center, open App registrations > New registration.
2. Choose who may sign in, and add a **Web** redirect URI: the one shown here
   (`${endpoint}/callback/${connector_id}`).
3. Under Certificates & secrets, create a client secret. Copy the Application (client) ID, the
   secret's value and the Directory (tenant) ID here. Use `common` as the tenant to let any
   Microsoft account sign in, `organizations` for work accounts only.
)md"},
      std::vector<ConfigField>{client_id_field(),
                               client_secret_field(),
                               {"tenantId",
                                "Tenant ID",
                                "string",
                                false,
                                false,
                                "common",
                                {},
                                "Directory (tenant) ID, or common, organizations, consumers."},
                               scope_field(),
                               {"authorityBaseUrl",
                                "Authority",
                                "url",
                                false,
                                false,
                                "https://login.microsoftonline.com",
                                {},
                                "Change only for national clouds or tests."}},
      [](const json::object& c) -> OidcSettings {
        std::string tenant = json_text(c, "tenantId");
        bool multi = tenant == "common" || tenant == "organizations" || tenant == "consumers";
        return OidcSettings{trim_slash(json_text(c, "authorityBaseUrl")) + "/" + tenant + "/v2.0",
                            json_text(c, "clientId"),
                            json_text(c, "clientSecret"),
                            with_openid(json_text(c, "scope")),
                            "client_secret_post",
                            multi};
      }};
  return factory;
}

}  // namespace latch::connectors
