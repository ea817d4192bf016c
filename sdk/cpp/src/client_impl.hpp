#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client_oauth.hpp"
#include "client_store.hpp"
#include "latch/client.hpp"
#include "latch/organizations.hpp"
#include "provider.hpp"

// The Client's state and flows, shared by client.cpp (tokens, user info, sign-out, the public
// calls) and client_sign_in.cpp (the sign-in and its callback).
namespace latch {

namespace detail {
// `config` with the endpoint's trailing slashes removed. Throws Errc::invalid_config.
Config checked_config(Config config);
// `endpoint` with `fields` form-encoded into its query.
std::string with_query(const std::string& endpoint, const FormFields& fields);
}  // namespace detail

class Client::Impl {
 public:
  template <class T>
  using awaitable = boost::asio::awaitable<T>;
  using Metadata = std::shared_ptr<const detail::ProviderMetadata>;

  Impl(Config config, Storage& storage)
      : config_(detail::checked_config(std::move(config))), store_(storage) {}

  awaitable<std::string> sign_in(std::string redirect_uri, SignInOptions options);
  awaitable<void> handle_callback(std::string callback_url);
  awaitable<std::string> sign_out(std::string post_logout_redirect_uri);
  awaitable<std::string> access_token(std::string resource);
  awaitable<std::string> organization_token(std::string organization_id);
  awaitable<boost::json::object> user_info();
  bool is_authenticated() { return store_.id_token().has_value(); }
  void clear_access_tokens() { store_.remove(detail::kAccessTokenMapKey); }
  IdTokenClaims claims();
  std::vector<UserOrganization> organizations();

 private:
  awaitable<Metadata> metadata() {
    return detail::discover(config_.endpoint, detail::transport_of(config_), config_.discovery_ttl);
  }
  std::int64_t now() const;
  awaitable<boost::json::object> verify(std::string id_token, const detail::ProviderMetadata& meta,
                                        std::optional<std::string> nonce);
  awaitable<detail::TokenResponse> redeem(const detail::SignInSession& session, std::string code);
  // What one access token is for: its key in the accessTokenMap, the refresh grant's extra
  // fields (resource or organization_id) and the code a refusal is thrown with.
  struct TokenTarget {
    std::string key;
    detail::FormFields fields;
    detail::RefusalCode refused;
  };
  // The stored token for `target` while it has more than a minute left, else a refreshed one.
  awaitable<std::string> stored_or_refreshed(TokenTarget target);
  awaitable<std::string> refresh(TokenTarget target);
  void store_access_token(const std::string& resource, const detail::TokenResponse& tokens);

  Config config_;
  detail::ClientStore store_;
};

}  // namespace latch
