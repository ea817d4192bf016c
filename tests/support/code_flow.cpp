#include "support/code_flow.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "core/json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "support/eventually.hpp"
#include "support/jwt_inspect.hpp"

namespace latch::test {
namespace {

bool is_redirect(unsigned status) { return status >= 300 && status < 400; }

std::string query_of(std::string_view location) {
  std::size_t q = location.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view query = location.substr(q + 1);
  return std::string(query.substr(0, query.find('#')));
}

void add_client_auth(const AppCredentials& app, http::Params& params, Headers& headers) {
  if (app.secret.empty()) {
    params.add("client_id", app.id);
  } else {
    headers.emplace_back("Authorization", basic_auth(app.id, app.secret));
  }
}

HttpResponse authenticated_post(const TestServer& server, const AppCredentials& app,
                                std::string_view path, http::Params params) {
  Headers headers;
  add_client_auth(app, params, headers);
  return server.client().post_form(path, http::encode_form(params), headers);
}

::testing::AssertionResult redirects_to(const HttpResponse& response,
                                        const std::string& redirect_uri) {
  if (response.status != 302 && response.status != 303) {
    return ::testing::AssertionFailure()
           << "status " << response.status << ", want 302 or 303; body: " << response.body;
  }
  if (location_base(response) != redirect_uri) {
    return ::testing::AssertionFailure()
           << "Location " << response.header("Location") << " does not go to " << redirect_uri;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

Pkce make_pkce() {
  std::string verifier = crypto::random_token(32);  // 43 characters of [A-Za-z0-9_-]
  return {verifier, crypto::base64url_encode(crypto::sha256(verifier))};
}

std::string AuthorizeRequest::target() const {
  http::Params params;
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) params.add(name, value);
  };
  add("client_id", client_id);
  add("redirect_uri", redirect_uri);
  add("response_type", response_type);
  add("scope", scope);
  add("state", state);
  add("nonce", nonce);
  // Logto's SDKs' default: offline_access is granted only with prompt=consent (OIDC Core §11).
  if (extra.count("prompt") == 0) params.add("prompt", "consent");
  if (!code_challenge.empty()) {
    params.add("code_challenge", code_challenge);
    params.add("code_challenge_method", "S256");
  }
  for (const auto& [name, value] : extra.items()) params.add(name, value);
  return "/oidc/auth?" + http::encode_form(params);
}

http::Params location_query(const HttpResponse& response) {
  auto params = http::parse_form(query_of(response.header("Location")));
  return params ? *params : http::Params{};
}

std::string location_base(const HttpResponse& response) {
  std::string location = response.header("Location");
  return location.substr(0, location.find_first_of("?#"));
}

::testing::AssertionResult is_code_redirect(const HttpResponse& response,
                                            const std::string& redirect_uri,
                                            const std::string& state, const std::string& issuer) {
  if (auto ok = redirects_to(response, redirect_uri); !ok) return ok;
  http::Params query = location_query(response);
  if (query.value("code").empty()) {
    return ::testing::AssertionFailure() << "no code in " << response.header("Location");
  }
  if (query.value("state") != state || query.value("iss") != issuer) {
    return ::testing::AssertionFailure() << "state or iss wrong in " << response.header("Location");
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_error_redirect(const HttpResponse& response,
                                             const std::string& redirect_uri,
                                             std::string_view error, const std::string& state,
                                             const std::string& issuer) {
  if (auto ok = redirects_to(response, redirect_uri); !ok) return ok;
  http::Params query = location_query(response);
  if (query.value("error") != error || query.value("error_description").empty()) {
    return ::testing::AssertionFailure()
           << "want error " << error << " in " << response.header("Location");
  }
  if (query.get("code")) return ::testing::AssertionFailure() << "a code came with the error";
  if (query.value("state") != state || query.value("iss") != issuer) {
    return ::testing::AssertionFailure() << "state or iss wrong in " << response.header("Location");
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_error_page(const HttpResponse& response) {
  if (response.status < 400 || response.status >= 500) {
    return ::testing::AssertionFailure()
           << "status " << response.status << ", want 4xx; body: " << response.body;
  }
  if (response.has_header("Location")) {
    return ::testing::AssertionFailure() << "Location " << response.header("Location");
  }
  if (response.header("Content-Type").find("text/html") == std::string::npos) {
    return ::testing::AssertionFailure() << "Content-Type " << response.header("Content-Type");
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_sign_in_page(const HttpResponse& response) {
  if (response.status != 200) {
    return ::testing::AssertionFailure()
           << "status " << response.status << " (Location " << response.header("Location")
           << "), want the sign-in page; body: " << response.body;
  }
  if (form_action(response.body) != "/sign-in" || !input_value(response.body, "csrf") ||
      !input_value(response.body, "identifier") || !input_value(response.body, "password")) {
    return ::testing::AssertionFailure() << "not the sign-in form: " << response.body;
  }
  return ::testing::AssertionSuccess();
}

HttpResponse authorize_and_sign_in(BrowserSession& browser, const AuthorizeRequest& request,
                                   const std::string& identifier, const std::string& password) {
  HttpResponse page = browser.navigate(request.target());
  if (page.status != 200 || form_action(page.body) != "/sign-in") return page;
  http::Params fields;
  fields.add("identifier", identifier);
  fields.add("password", password);
  return browser.submit(page, fields);
}

std::string code_of(const HttpResponse& response) {
  if (!is_redirect(response.status)) return {};
  return std::string(location_query(response).value("code"));
}

std::string create_user(const TestServer& server, const UserSpec& user) {
  std::vector<std::string> args = {"user",        "create",     "--username",
                                   user.username, "--password", user.password};
  if (!user.email.empty()) args.insert(args.end(), {"--email", user.email});
  if (!user.name.empty()) args.insert(args.end(), {"--name", user.name});
  args.push_back("--json");
  return std::string(cli_json(server, args).at("id").as_string());
}

AppCredentials create_user_app(const TestServer& server, const AppSpec& spec) {
  std::vector<std::string> extra;
  for (const auto& uri : spec.redirect_uris) extra.insert(extra.end(), {"--redirect-uri", uri});
  for (const auto& uri : spec.post_logout_redirect_uris) {
    extra.insert(extra.end(), {"--post-logout-redirect-uri", uri});
  }
  if (spec.third_party) extra.push_back("--third-party");
  return create_app(server, spec.type, extra);
}

bool wait_until_client_known(const TestServer& server, const AppCredentials& app,
                             const std::string& redirect_uri) {
  AuthorizeRequest request{.client_id = app.id, .redirect_uri = redirect_uri};
  request.code_challenge = make_pkce().challenge;
  std::string target = request.target();
  return eventually([&] { return is_redirect(server.client().get(target).status); });
}

HttpResponse token_request(const TestServer& server, const AppCredentials& app,
                           http::Params params) {
  return authenticated_post(server, app, "/oidc/token", std::move(params));
}

HttpResponse redeem_code(const TestServer& server, const AppCredentials& app,
                         const std::string& code, const std::string& redirect_uri,
                         const std::string& verifier) {
  http::Params params;
  params.add("grant_type", "authorization_code");
  params.add("code", code);
  params.add("redirect_uri", redirect_uri);
  if (!verifier.empty()) params.add("code_verifier", verifier);
  return token_request(server, app, std::move(params));
}

HttpResponse refresh(const TestServer& server, const AppCredentials& app,
                     const std::string& refresh_token, http::Params extra) {
  http::Params params;
  params.add("grant_type", "refresh_token");
  params.add("refresh_token", refresh_token);
  for (const auto& [name, value] : extra.items()) params.add(name, value);
  return token_request(server, app, std::move(params));
}

HttpResponse userinfo(const TestServer& server, const std::string& access_token) {
  return server.client().get("/oidc/me", {{"Authorization", "Bearer " + access_token}});
}

HttpResponse introspect(const TestServer& server, const AppCredentials& app,
                        const std::string& token) {
  http::Params params;
  params.add("token", token);
  return authenticated_post(server, app, "/oidc/token/introspection", std::move(params));
}

HttpResponse revoke(const TestServer& server, const AppCredentials& app, const std::string& token) {
  http::Params params;
  params.add("token", token);
  return authenticated_post(server, app, "/oidc/token/revocation", std::move(params));
}

boost::json::object sign_in_and_redeem(const TestServer& server, const AppCredentials& app,
                                       AuthorizeRequest request, const UserSpec& user) {
  Pkce pkce;
  if (request.code_challenge.empty() && app.secret.empty()) {
    pkce = make_pkce();
    request.code_challenge = pkce.challenge;
  }
  BrowserSession browser(server);
  HttpResponse callback = authorize_and_sign_in(browser, request, user.username, user.password);
  std::string code = code_of(callback);
  if (code.empty()) {
    ADD_FAILURE() << "no code: status " << callback.status << " Location "
                  << callback.header("Location") << " body " << callback.body;
    return {};
  }
  HttpResponse tokens = redeem_code(server, app, code, request.redirect_uri, pkce.verifier);
  if (tokens.status != 200 || !tokens.json().is_object()) {
    ADD_FAILURE() << "code redemption failed: " << tokens.status << " " << tokens.body;
    return {};
  }
  return tokens.json().as_object();
}

boost::json::object verified_payload(const TestServer& server, const std::string& jwt) {
  auto decoded = decode_jwt(jwt);
  if (!decoded) {
    ADD_FAILURE() << "not a JWS: " << jwt;
    return {};
  }
  HttpResponse jwks = server.client().get("/oidc/jwks");
  auto verified = verified_by_jwks(*decoded, jwks.json());
  if (!verified) {
    ADD_FAILURE() << verified.message();
    return {};
  }
  return decoded->payload;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string json_text(const boost::json::value& value, std::string_view name) {
  return value.is_object() ? latch::json_text(value.as_object(), name) : std::string();
}

}  // namespace latch::test
