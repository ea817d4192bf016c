#include "latch/client.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "client_id_token.hpp"
#include "client_impl.hpp"
#include "http_client.hpp"

namespace latch {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using Metadata = std::shared_ptr<const detail::ProviderMetadata>;
using detail::FormFields;

constexpr std::int64_t kExpiryMargin = 60;  // an access token this close to expiry is refreshed

// Every public call reports failures as latch::Error only (error.hpp's promise).
template <class T>
awaitable<T> guarded(awaitable<T> inner) {
  try {
    co_return co_await std::move(inner);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Errc::unexpected_response, "the SDK failed unexpectedly", e.what());
  }
}

}  // namespace

std::int64_t Client::Impl::now() const {
  if (config_.now_seconds) {
    return config_.now_seconds();
  }
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

awaitable<json::object> Client::Impl::verify(std::string id_token,
                                             const detail::ProviderMetadata& meta,
                                             std::optional<std::string> nonce) {
  if (id_token.empty()) {
    throw Error(Errc::invalid_id_token, "the token endpoint sent no ID token");
  }
  detail::IdTokenExpectations expect{meta.issuer, config_.app_id, std::move(nonce), now(),
                                     config_.clock_skew};
  detail::JwksSource jwks{meta.jwks_uri, detail::transport_of(config_), config_.discovery_ttl};
  co_return co_await detail::verify_id_token(std::move(id_token), std::move(expect),
                                             std::move(jwks));
}

void Client::Impl::store_access_token(const std::string& resource,
                                      const detail::TokenResponse& tokens) {
  store_.set_access_token(resource, {tokens.access_token, now() + tokens.expires_in});
}

awaitable<std::string> Client::Impl::access_token(std::string resource) {
  TokenTarget target{.key = resource, .fields = {}, .refused = {}};
  if (!resource.empty()) {
    target.fields.emplace_back("resource", std::move(resource));
  }
  target.refused = [](std::string_view) { return Errc::refresh_failed; };
  co_return co_await stored_or_refreshed(std::move(target));
}

awaitable<std::string> Client::Impl::stored_or_refreshed(TokenTarget target) {
  if (auto stored = store_.access_token(target.key);
      stored && stored->expires_at - kExpiryMargin > now()) {
    co_return stored->token;
  }
  co_return co_await refresh(std::move(target));
}

// RFC 6749 §6; OIDC Core §12.2 for the ID token a refresh may bring.
awaitable<std::string> Client::Impl::refresh(TokenTarget target) {
  auto refresh_token = store_.refresh_token();
  if (!refresh_token) {
    if (!store_.id_token()) {
      throw Error(Errc::not_authenticated, "sign in first");
    }
    throw Error(Errc::refresh_failed, "no refresh token is stored: sign in again");
  }
  Metadata meta = co_await metadata();
  FormFields fields{{"grant_type", "refresh_token"}, {"refresh_token", *refresh_token}};
  fields.insert(fields.end(), target.fields.begin(), target.fields.end());
  detail::TokenResponse tokens = co_await detail::request_tokens(
      meta->token_endpoint, std::move(fields), config_, std::move(target.refused));
  if (!tokens.refresh_token.empty()) {
    store_.set_refresh_token(tokens.refresh_token);
  }
  if (!tokens.id_token.empty()) {
    json::object payload = co_await verify(tokens.id_token, *meta, std::nullopt);
    auto previous = store_.id_token();
    if (previous && detail::decode_id_token(*previous)["sub"] != payload["sub"]) {
      throw Error(Errc::invalid_id_token, "the refreshed ID token names another user");
    }
    store_.set_id_token(tokens.id_token);
  }
  store_access_token(target.key, tokens);
  co_return tokens.access_token;
}

awaitable<json::object> Client::Impl::user_info() {
  std::string token = co_await access_token("");
  Metadata meta = co_await metadata();
  detail::HttpRequest request{
      .method = "GET", .url = meta->userinfo_endpoint, .headers = {}, .body = {}};
  request.headers.emplace_back("Authorization",
                               (config_.dpop_key ? "DPoP " : "Bearer ") + token);  // RFC 9449 §7.1
  request.headers.emplace_back("Accept", "application/json");
  detail::HttpResponse response =
      co_await detail::fetch_with_dpop(std::move(request), config_, token);
  if (response.status != 200) {
    throw Error(Errc::userinfo_failed, "the userinfo endpoint refused the access token",
                detail::oauth_error_detail(response));
  }
  boost::system::error_code ec;
  json::value body = json::parse(response.body, ec);
  if (ec || !body.is_object()) {
    throw Error(Errc::unexpected_response, "the userinfo endpoint did not answer a JSON object");
  }
  co_return std::move(body.as_object());
}

// RFC 7009, then OpenID Connect RP-Initiated Logout 1.0 §2.
awaitable<std::string> Client::Impl::sign_out(std::string post_logout_redirect_uri) {
  auto refresh_token = store_.refresh_token();
  auto id_token = store_.id_token();
  store_.clear();
  Metadata meta = co_await metadata();
  if (refresh_token) {
    co_await detail::revoke_refresh_token(meta->revocation_endpoint, *refresh_token, config_);
  }
  FormFields fields{{"client_id", config_.app_id}};
  if (!post_logout_redirect_uri.empty()) {
    fields.emplace_back("post_logout_redirect_uri", post_logout_redirect_uri);
  }
  if (id_token) {
    fields.emplace_back("id_token_hint", *id_token);
  }
  co_return detail::with_query(meta->end_session_endpoint, fields);
}

IdTokenClaims Client::Impl::claims() {
  auto token = store_.id_token();
  if (!token) {
    throw Error(Errc::not_authenticated, "sign in first");
  }
  try {
    return detail::to_id_token_claims(detail::decode_id_token(*token));
  } catch (const Error&) {
    throw Error(Errc::not_authenticated, "the stored ID token is unreadable: sign in again");
  }
}

Client::Client(Config config, Storage& storage)
    : impl_(std::make_unique<Impl>(std::move(config), storage)) {}

Client::~Client() = default;

std::string Client::sign_in(const std::string& redirect_uri, const SignInOptions& options) {
  return detail::run_blocking<std::string>(
      [&] { return guarded(impl_->sign_in(redirect_uri, options)); });
}

awaitable<std::string> Client::async_sign_in(std::string redirect_uri, SignInOptions options) {
  return guarded(impl_->sign_in(std::move(redirect_uri), std::move(options)));
}

void Client::handle_sign_in_callback(std::string_view callback_url) {
  detail::run_blocking<void>(
      [&] { return guarded(impl_->handle_callback(std::string(callback_url))); });
}

awaitable<void> Client::async_handle_sign_in_callback(std::string callback_url) {
  return guarded(impl_->handle_callback(std::move(callback_url)));
}

std::string Client::sign_out(const std::string& post_logout_redirect_uri) {
  return detail::run_blocking<std::string>(
      [&] { return guarded(impl_->sign_out(post_logout_redirect_uri)); });
}

awaitable<std::string> Client::async_sign_out(std::string post_logout_redirect_uri) {
  return guarded(impl_->sign_out(std::move(post_logout_redirect_uri)));
}

bool Client::is_authenticated() { return impl_->is_authenticated(); }

IdTokenClaims Client::id_token_claims() { return impl_->claims(); }

json::object Client::fetch_user_info() {
  return detail::run_blocking<json::object>([&] { return guarded(impl_->user_info()); });
}

awaitable<json::object> Client::async_fetch_user_info() { return guarded(impl_->user_info()); }

std::string Client::access_token(const std::string& resource) {
  return detail::run_blocking<std::string>([&] { return guarded(impl_->access_token(resource)); });
}

awaitable<std::string> Client::async_access_token(std::string resource) {
  return guarded(impl_->access_token(std::move(resource)));
}

std::string Client::organization_token(const std::string& organization_id) {
  return detail::run_blocking<std::string>(
      [&] { return guarded(impl_->organization_token(organization_id)); });
}

awaitable<std::string> Client::async_organization_token(std::string organization_id) {
  return guarded(impl_->organization_token(std::move(organization_id)));
}

std::vector<UserOrganization> Client::organizations() { return impl_->organizations(); }

void Client::clear_access_tokens() { impl_->clear_access_tokens(); }

}  // namespace latch
