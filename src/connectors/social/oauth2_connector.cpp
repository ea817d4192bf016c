#include <boost/json/parse.hpp>

#include "connectors/social/factories.hpp"
#include "connectors/social/provider_http.hpp"
#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"

// Generic OAuth 2.0 (RFC 6749 authorization code grant, PKCE optional): the admin gives the
// three endpoints and where the profile's fields sit in the userinfo answer.
namespace latch::connectors {
namespace {

namespace json = boost::json;

// Where each profile field sits in the userinfo JSON (dotted paths).
struct ProfileMap {
  std::string id = "id", email = "email", email_verified, name = "name", avatar = "avatar";
  std::string phone;
};

ProfileMap profile_map(const json::object& config) {
  ProfileMap map;
  const auto* m = config.if_contains("profileMap");
  if (!m || !m->is_object()) return map;
  const auto& o = m->as_object();
  map.id = json_text(o, "id", map.id);
  map.email = json_text(o, "email", map.email);
  map.email_verified = json_text(o, "emailVerified");
  map.name = json_text(o, "name", map.name);
  map.avatar = json_text(o, "avatar", map.avatar);
  map.phone = json_text(o, "phone");
  return map;
}

// The token endpoint's answer: JSON, or form-encoded as some older providers send it (an
// answer that is neither reads as no fields).
json::object token_fields(const OutboundResponse& res) {
  boost::system::error_code ec;
  auto parsed = json::parse(res.body, ec);
  if (!ec && parsed.is_object()) return parsed.as_object();
  json::object out;
  if (res.content_type.find("x-www-form-urlencoded") == std::string::npos &&
      res.content_type.find("text/plain") == std::string::npos) {
    return out;
  }
  auto form = http::parse_form(res.body);
  if (!form) return out;
  for (const auto& [name, value] : form->items()) out[name] = value;
  return out;
}

class OAuth2Connector final : public SocialConnector {
 public:
  OAuth2Connector(const json::object& c, ConnectorEnv env)
      : authorize_(json_text(c, "authorizationEndpoint")),
        token_(json_text(c, "tokenEndpoint")),
        userinfo_(json_text(c, "userInfoEndpoint")),
        client_id_(json_text(c, "clientId")),
        client_secret_(json_text(c, "clientSecret")),
        scope_(json_text(c, "scope")),
        auth_method_(json_text(c, "tokenEndpointAuthMethod")),
        pkce_(c.if_contains("pkce") && c.at("pkce").is_bool() && c.at("pkce").as_bool()),
        trust_email_(c.if_contains("trustEmail") && c.at("trustEmail").is_bool() &&
                     c.at("trustEmail").as_bool()),
        map_(profile_map(c)),
        env_(env) {}

  Result<std::string> authorization_uri(SocialSession& session) const override {
    http::Params query{{"response_type", "code"},
                       {"client_id", client_id_},
                       {"redirect_uri", session.redirect_uri},
                       {"state", session.state}};
    if (!scope_.empty()) query.add("scope", scope_);
    if (pkce_) {
      session.code_verifier = crypto::random_token(32);
      query.add("code_challenge", crypto::base64url_encode(crypto::sha256(session.code_verifier)));
      query.add("code_challenge_method", "S256");
    }
    return http::with_query(authorize_, query);
  }

  Result<SocialUserInfo> user_info(const CallbackParams& callback,
                                   const SocialSession& session) const override {
    if (callback.contains("error")) return callback_error(callback, "the OAuth provider");
    auto code = callback.find("code");
    if (code == callback.end() || code->second.empty()) {
      return connector_failure(Errc::InvalidRequest, "connector.general",
                               "the callback has neither a code nor an error");
    }
    auto token = exchange(code->second, session);
    if (!token) return token.error();
    OutboundRequest req{.method = "GET", .url = userinfo_};
    req.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + *token}};
    req.timeout = env_.timeout;
    auto res = call_provider(std::move(req), "the userinfo endpoint");
    if (!res) return res.error();
    if (res->status == 401 || res->status == 403) {
      return connector_failure(
          Errc::Unavailable, "connector.social_invalid_access_token",
          "the userinfo endpoint answered HTTP " + std::to_string(res->status));
    }
    auto body = json_body(*res, "the userinfo endpoint");
    if (!body) return body.error();
    SocialUserInfo info;
    info.id = scalar_text(at_path(*body, map_.id));
    if (res->status != 200 || info.id.empty()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "the userinfo endpoint answered HTTP " +
                                   std::to_string(res->status) + " without " + map_.id);
    }
    info.name = scalar_text(at_path(*body, map_.name));
    info.avatar = scalar_text(at_path(*body, map_.avatar));
    bool verified = map_.email_verified.empty()
                        ? trust_email_
                        : scalar_text(at_path(*body, map_.email_verified)) == "true";
    if (verified) info.email = scalar_text(at_path(*body, map_.email));
    if (!map_.phone.empty() && trust_email_) info.phone = scalar_text(at_path(*body, map_.phone));
    if (body->is_object()) info.raw = body->as_object();
    return info;
  }

 private:
  Result<std::string> exchange(const std::string& code, const SocialSession& session) const {
    http::Params form{{"grant_type", "authorization_code"},
                      {"code", code},
                      {"redirect_uri", session.redirect_uri}};
    if (!session.code_verifier.empty()) form.add("code_verifier", session.code_verifier);
    auto res = post_token_request(token_, std::move(form), client_id_, client_secret_,
                                  auth_method_ == "client_secret_basic", env_.timeout);
    if (!res) return res.error();
    auto o = token_fields(*res);
    if (auto refused = token_error(o); !refused) return refused.error();
    std::string token = scalar_text(o.if_contains("access_token"));
    if (res->status != 200 || token.empty()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "the token endpoint answered HTTP " + std::to_string(res->status) +
                                   " without an access_token");
    }
    return token;
  }

  std::string authorize_, token_, userinfo_, client_id_, client_secret_, scope_, auth_method_;
  bool pkce_, trust_email_;
  ProfileMap map_;
  ConnectorEnv env_;
};

constexpr std::string_view kLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.6-4A6 6 0 1 0 12.6 14H17v3h3v-3h2v-4z"/></svg>)svg";

class OAuth2Factory final : public ConnectorFactory {
 public:
  const ConnectorMetadata& metadata() const override { return metadata_; }
  const std::vector<ConfigField>& fields() const override { return fields_; }
  std::unique_ptr<SocialConnector> create(const json::object& config,
                                          const ConnectorEnv& env) const override {
    return std::make_unique<OAuth2Connector>(config, env);
  }

 private:
  ConnectorMetadata metadata_{"oauth2", "oauth2",           "OAuth 2.0",     "Universal",
                              true,     std::string(kLogo), R"md(# OAuth 2.0

For providers that speak plain OAuth 2.0 without OpenID Connect.

1. Register a web application at the provider with the redirect URI shown here
   (`${endpoint}/callback/${connector_id}`).
2. Enter its authorization, token and userinfo endpoints, the client ID and secret.
3. Map the userinfo answer to the profile with dotted paths in **profileMap**, for example
   `{"id": "data.id", "name": "data.display_name", "email": "data.email",
   "emailVerified": "data.email_verified"}`. An email is used only when `emailVerified` points
   at `true`, or when **trustEmail** is on because the provider only returns verified addresses.
4. Choose a short **target**: it names the identity in users' profiles.
)md"};
  std::vector<ConfigField> fields_{
      {"target", "Target", "string", true, false, "", {}, "A short name, e.g. discord."},
      {"displayName", "Button name", "string", false, false, "", {}, "Continue with …"},
      {"authorizationEndpoint", "Authorization endpoint", "url", true, false, "", {}, ""},
      {"tokenEndpoint", "Token endpoint", "url", true, false, "", {}, ""},
      {"userInfoEndpoint", "Userinfo endpoint", "url", true, false, "", {}, ""},
      {"clientId", "Client ID", "string", true, false, "", {}, ""},
      {"clientSecret", "Client Secret", "string", true, true, "", {}, ""},
      {"scope", "Scope", "string", false, false, "", {}, "Space-separated scopes."},
      {"tokenEndpointAuthMethod",
       "Token endpoint auth method",
       "select",
       false,
       false,
       "client_secret_post",
       {"client_secret_post", "client_secret_basic"},
       ""},
      {"pkce", "PKCE", "boolean", false, false, "true", {}, "Send an S256 code challenge."},
      {"trustEmail",
       "Trust email",
       "boolean",
       false,
       false,
       "false",
       {},
       "Treat the returned email as verified."},
      {"profileMap",
       "Profile map",
       "json",
       false,
       false,
       "",
       {},
       "Dotted paths of id, email, emailVerified, name, avatar, phone in the userinfo JSON."}};
};

}  // namespace

const ConnectorFactory& oauth2_factory() {
  static const OAuth2Factory factory;
  return factory;
}

}  // namespace latch::connectors
