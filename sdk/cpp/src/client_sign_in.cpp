#include <algorithm>
#include <boost/url.hpp>

#include "client_impl.hpp"
#include "jose.hpp"

namespace latch {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using Metadata = std::shared_ptr<const detail::ProviderMetadata>;
using detail::FormFields;

// Logto's defaults first, then the app's, then this sign-in's; each once.
std::string scope_of(const Config& config, const SignInOptions& options) {
  std::vector<std::string> scopes = {"openid", "offline_access", "profile"};
  for (const auto* list : {&config.scopes, &options.extra_scopes}) {
    for (const auto& s : *list) {
      if (!s.empty() && std::find(scopes.begin(), scopes.end(), s) == scopes.end()) {
        scopes.push_back(s);
      }
    }
  }
  std::string out;
  for (const auto& s : scopes) {
    out += (out.empty() ? "" : " ") + s;
  }
  return out;
}

// The app's resources, plus the reserved organizations resource when the sign-in asks for
// urn:logto:scope:organizations, so that organization scopes can be granted (Logto's
// normalizeLogtoConfig does the same); each once.
std::vector<std::string> resources_of(const Config& config, const SignInOptions& options) {
  std::vector<std::string> out = config.resources;
  auto asks = [](const std::vector<std::string>& scopes) {
    return std::find(scopes.begin(), scopes.end(), kOrganizationsScope) != scopes.end();
  };
  bool organizations = asks(config.scopes) || asks(options.extra_scopes);
  if (organizations && std::find(out.begin(), out.end(), kOrganizationsResource) == out.end()) {
    out.emplace_back(kOrganizationsResource);
  }
  return out;
}

// The decoded query parameters of a callback URL (absolute, or a path and query).
std::vector<std::pair<std::string, std::string>> callback_params(std::string_view url) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) {
    throw Error(Errc::callback_error, "the callback URL cannot be parsed");
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto param : parsed->params()) {
    out.emplace_back(param.key, param.value);
  }
  return out;
}

std::string param(const std::vector<std::pair<std::string, std::string>>& params,
                  std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

}  // namespace

namespace detail {

Config checked_config(Config config) {
  while (!config.endpoint.empty() && config.endpoint.back() == '/') {
    config.endpoint.pop_back();
  }
  bool web = config.endpoint.starts_with("http://") || config.endpoint.starts_with("https://");
  if (!web || config.app_id.empty()) {
    throw Error(Errc::invalid_config, "Config needs an http(s) endpoint and an app_id");
  }
  return config;
}

std::string with_query(const std::string& endpoint, const FormFields& fields) {
  char separator = endpoint.find('?') == std::string::npos ? '?' : '&';
  return endpoint + separator + detail::form_encode(fields);
}

}  // namespace detail

// OIDC Core §3.1.2.1; RFC 7636 §4.3; RFC 8707 §2.
awaitable<std::string> Client::Impl::sign_in(std::string redirect_uri, SignInOptions options) {
  Metadata meta = co_await metadata();
  detail::SignInSession session{redirect_uri, detail::random_token(32), detail::random_token(32),
                                detail::random_token(32)};
  FormFields fields{{"client_id", config_.app_id},
                    {"redirect_uri", redirect_uri},
                    {"response_type", "code"},
                    {"scope", scope_of(config_, options)}};
  for (const auto& resource : resources_of(config_, options)) {
    fields.emplace_back("resource", resource);
  }
  if (!config_.prompt.empty()) {
    fields.emplace_back("prompt", config_.prompt);
  }
  fields.emplace_back("code_challenge", detail::s256_challenge(session.code_verifier));
  fields.emplace_back("code_challenge_method", "S256");
  if (config_.dpop_key) fields.emplace_back("dpop_jkt", config_.dpop_key->jkt());  // RFC 9449 §10
  fields.emplace_back("state", session.state);
  fields.emplace_back("nonce", session.nonce);
  if (options.interaction_mode) {
    bool sign_up = *options.interaction_mode == InteractionMode::sign_up;
    fields.emplace_back("interaction_mode", sign_up ? "signUp" : "signIn");
  }
  if (!options.login_hint.empty()) {
    fields.emplace_back("login_hint", options.login_hint);
  }
  if (!options.first_screen.empty()) {
    fields.emplace_back("first_screen", options.first_screen);
  }
  store_.set_sign_in_session(session);
  co_return detail::with_query(meta->authorization_endpoint, fields);
}

// RFC 6749 §4.1.2 (state), RFC 9207 (iss), then the code exchange (§4.1.3).
awaitable<void> Client::Impl::handle_callback(std::string callback_url) {
  auto session = store_.sign_in_session();
  if (!session) {
    throw Error(Errc::sign_in_session_missing, "no sign-in was started in this storage");
  }
  auto params = callback_params(callback_url);
  if (auto error = param(params, "error"); !error.empty()) {
    store_.remove(detail::kSignInSessionKey);
    auto description = param(params, "error_description");
    throw Error(Errc::callback_error, "the sign-in failed",
                description.empty() ? error : error + ": " + description);
  }
  if (param(params, "state") != session->state) {
    throw Error(Errc::state_mismatch, "the callback does not belong to this sign-in (state)");
  }
  store_.remove(detail::kSignInSessionKey);  // from here on, the callback is used up
  Metadata meta = co_await metadata();
  if (auto iss = param(params, "iss"); !iss.empty() && iss != meta->issuer) {
    throw Error(Errc::callback_error, "the callback came from another issuer", iss);
  }
  auto code = param(params, "code");
  if (code.empty()) {
    throw Error(Errc::callback_error, "the callback carries no authorization code");
  }
  detail::TokenResponse tokens = co_await redeem(*session, std::move(code));
  co_await verify(tokens.id_token, *meta, session->nonce);
  store_.set_id_token(tokens.id_token);
  if (!tokens.refresh_token.empty()) {
    store_.set_refresh_token(tokens.refresh_token);
  }
  store_access_token("", tokens);
}

awaitable<detail::TokenResponse> Client::Impl::redeem(const detail::SignInSession& session,
                                                      std::string code) {
  Metadata meta = co_await metadata();
  FormFields fields{{"grant_type", "authorization_code"},
                    {"code", std::move(code)},
                    {"redirect_uri", session.redirect_uri},
                    {"code_verifier", session.code_verifier}};
  co_return co_await detail::request_tokens(meta->token_endpoint, std::move(fields), config_,
                                            Errc::token_request_failed);
}

}  // namespace latch
