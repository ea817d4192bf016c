#include <boost/json/parse.hpp>

#include "connectors/http/outbound.hpp"
#include "connectors/social/factories.hpp"
#include "connectors/social/provider_http.hpp"
#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "http/form.hpp"

// GitHub (OAuth apps and GitHub apps acting as OAuth apps): the web application flow
// (docs.github.com "Authorizing OAuth apps") and the REST API's /user and /user/emails.
namespace latch::connectors {
namespace {

namespace json = boost::json;

constexpr std::string_view kLogo =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z"/></svg>)svg";

constexpr std::string_view kReadme = R"md(# GitHub

1. At GitHub, open Settings > Developer settings > OAuth Apps and click "New OAuth App".
2. Enter an Application name and your app's Homepage URL. Leave Application description empty
   if you like, and set **Authorization callback URL** to the callback URL shown here:
   `${endpoint}/callback/${connector_id}`. It must match exactly, protocol included.
3. Leave "Enable Device Flow" unchecked.
4. Register the application, then copy its **Client ID** and generate a **Client secret**.
5. Enter both here. `scope` is a space-separated list of GitHub scopes; it defaults to
   `read:user`. Add `user:email` to read the primary verified address of users who keep their
   email private.
)md";

class GitHubConnector final : public SocialConnector {
 public:
  GitHubConnector(const json::object& config, ConnectorEnv env)
      : client_id_(json_text(config, "clientId")),
        client_secret_(json_text(config, "clientSecret")),
        scope_(json_text(config, "scope")),
        oauth_base_(trim_slash(json_text(config, "oauthBaseUrl"))),
        api_base_(trim_slash(json_text(config, "apiBaseUrl"))),
        env_(env) {}

  Result<std::string> authorization_uri(SocialSession& session) const override {
    return http::with_query(oauth_base_ + "/login/oauth/authorize",
                            {{"client_id", client_id_},
                             {"redirect_uri", session.redirect_uri},
                             {"state", session.state},
                             {"scope", scope_}});
  }

  Result<SocialUserInfo> user_info(const CallbackParams& callback,
                                   const SocialSession& session) const override {
    if (callback.contains("error")) return callback_error(callback, "GitHub");
    auto code = callback.find("code");
    if (code == callback.end() || code->second.empty()) {
      return connector_failure(Errc::InvalidRequest, "connector.general",
                               "GitHub's callback has neither a code nor an error");
    }
    auto token = exchange(code->second, session.redirect_uri);
    if (!token) return token.error();
    return profile(token->first, token->second);
  }

 private:
  static std::string trim_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  // The access token and the scopes GitHub granted.
  Result<std::pair<std::string, std::string>> exchange(const std::string& code,
                                                       const std::string& redirect_uri) const {
    // GitHub takes the client's credentials in the body (client_secret_post).
    auto res = post_token_request(oauth_base_ + "/login/oauth/access_token",
                                  {{"code", code}, {"redirect_uri", redirect_uri}}, client_id_,
                                  client_secret_, false, env_.timeout);
    if (!res) return res.error();
    auto body = json_body(*res, "GitHub's token endpoint");
    if (!body) return body.error();
    if (!body->is_object()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "GitHub's token endpoint answered JSON that is not an object");
    }
    const auto& o = body->as_object();
    std::string error = json_text(o, "error");
    std::string detail = error + ": " + json_text(o, "error_description");
    if (error == "incorrect_client_credentials") {
      return connector_failure(Errc::Unavailable, keys::kInvalidConnectorConfig,
                               "GitHub refused the client ID or secret (" + detail + ")");
    }
    if (error == "bad_verification_code") {
      return connector_failure(Errc::InvalidGrant, "connector.social_auth_code_invalid", detail);
    }
    if (error == "redirect_uri_mismatch") {
      return connector_failure(Errc::InvalidRequest, keys::kRedirectUriMismatch, detail);
    }
    if (!error.empty()) return connector_failure(Errc::InvalidRequest, "connector.general", detail);
    std::string access_token = json_text(o, "access_token");
    if (res->status != 200 || access_token.empty()) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "GitHub's token endpoint answered HTTP " +
                                   std::to_string(res->status) + " without an access_token");
    }
    return std::pair{access_token, json_text(o, "scope")};
  }

  Result<OutboundResponse> api_get(const std::string& path, const std::string& token) const {
    OutboundRequest req{.method = "GET", .url = api_base_ + path};
    req.headers = {{"Accept", "application/vnd.github+json"},
                   {"Authorization", "Bearer " + token},
                   {"X-GitHub-Api-Version", "2022-11-28"}};
    req.timeout = env_.timeout;
    return call_provider(std::move(req), "GitHub's API " + path);
  }

  static bool granted(const std::string& scopes, std::string_view wanted) {
    std::size_t start = 0;
    while (start <= scopes.size()) {
      std::size_t end = scopes.find_first_of(", ", start);
      if (end == std::string::npos) end = scopes.size();
      if (std::string_view(scopes).substr(start, end - start) == wanted) return true;
      start = end + 1;
    }
    return false;
  }

  // The primary verified address from /user/emails; "" when it cannot be read (tolerated, as
  // the scope may not allow it).
  std::string primary_email(const std::string& token) const {
    auto res = api_get("/user/emails", token);
    if (!res || res->status != 200) return {};
    auto body = json_body(*res, "GitHub's API /user/emails");
    if (!body || !body->is_array()) return {};
    for (const auto& item : body->as_array()) {
      if (!item.is_object()) continue;
      const auto& e = item.as_object();
      const auto* primary = e.if_contains("primary");
      const auto* verified = e.if_contains("verified");
      if (primary && primary->is_bool() && primary->as_bool() && verified && verified->is_bool() &&
          verified->as_bool()) {
        return json_text(e, "email");
      }
    }
    return {};
  }

  Result<SocialUserInfo> profile(const std::string& token, const std::string& scopes) const {
    auto res = api_get("/user", token);
    if (!res) return res.error();
    if (res->status == 401) {
      return connector_failure(Errc::Unavailable, "connector.social_invalid_access_token",
                               "GitHub's API /user answered 401 to the new access token");
    }
    auto body = json_body(*res, "GitHub's API /user");
    if (!body) return body.error();
    const auto* id = body->is_object() ? body->as_object().if_contains("id") : nullptr;
    if (res->status != 200 || !id || !(id->is_int64() || id->is_uint64())) {
      return connector_failure(Errc::Unavailable, "connector.invalid_response",
                               "GitHub's API /user answered HTTP " + std::to_string(res->status) +
                                   " without a numeric id");
    }
    const auto& user = body->as_object();
    SocialUserInfo info;
    info.id = id->is_int64() ? std::to_string(id->as_int64()) : std::to_string(id->as_uint64());
    info.name = json_text(user, "name");
    info.avatar = json_text(user, "avatar_url");
    info.email = json_text(user, "email");  // public addresses are verified ones
    info.raw = user;
    if (info.email.empty() && (granted(scopes, "user:email") || granted(scopes, "user"))) {
      info.email = primary_email(token);
    }
    return info;
  }

  std::string client_id_, client_secret_, scope_, oauth_base_, api_base_;
  ConnectorEnv env_;
};

class GitHubFactory final : public ConnectorFactory {
 public:
  const ConnectorMetadata& metadata() const override { return metadata_; }
  const std::vector<ConfigField>& fields() const override { return fields_; }
  std::unique_ptr<SocialConnector> create(const json::object& config,
                                          const ConnectorEnv& env) const override {
    return std::make_unique<GitHubConnector>(config, env);
  }

 private:
  ConnectorMetadata metadata_{"github-universal",  "github", "GitHub",
                              "Universal",         false,    std::string(kLogo),
                              std::string(kReadme)};
  std::vector<ConfigField> fields_{
      {"clientId", "Client ID", "string", true, false, "", {}, "The OAuth app's Client ID."},
      {"clientSecret",
       "Client Secret",
       "string",
       true,
       true,
       "",
       {},
       "A client secret generated on the OAuth app's page."},
      {"scope",
       "Scope",
       "multiline",
       false,
       false,
       "read:user",
       {},
       "Space-separated GitHub scopes; add user:email to read private primary addresses."},
      {"oauthBaseUrl",
       "OAuth base URL",
       "url",
       false,
       false,
       "https://github.com",
       {},
       "Where GitHub's sign-in pages live (change only for GitHub Enterprise or tests)."},
      {"apiBaseUrl",
       "API base URL",
       "url",
       false,
       false,
       "https://api.github.com",
       {},
       "Where GitHub's REST API lives."},
  };
};

}  // namespace

const ConnectorFactory& github_factory() {
  static const GitHubFactory factory;
  return factory;
}

}  // namespace latch::connectors
