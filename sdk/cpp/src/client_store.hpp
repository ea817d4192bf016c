#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "latch/storage.hpp"

// What a Client keeps in its Storage, under Logto's keys, as Logto's SDKs shape it.
namespace latch::detail {

inline constexpr std::string_view kSignInSessionKey = "signInSession";
inline constexpr std::string_view kIdTokenKey = "idToken";
inline constexpr std::string_view kRefreshTokenKey = "refreshToken";
inline constexpr std::string_view kAccessTokenMapKey = "accessTokenMap";

// {"redirectUri", "codeVerifier", "state", "nonce"}: a sign-in started in this storage.
struct SignInSession {
  std::string redirect_uri, code_verifier, state, nonce;
};

struct StoredAccessToken {
  std::string token;
  std::int64_t expires_at = 0;  // seconds since the epoch
};

// Typed reads and writes over a Storage. Unreadable values (a storage that lost or garbled them)
// read as absent, never as an exception.
class ClientStore {
 public:
  explicit ClientStore(Storage& storage) : storage_(storage) {}

  std::optional<SignInSession> sign_in_session();
  void set_sign_in_session(const SignInSession& session);

  std::optional<std::string> id_token() { return non_empty(kIdTokenKey); }
  std::optional<std::string> refresh_token() { return non_empty(kRefreshTokenKey); }
  void set_id_token(std::string token) { storage_.set(kIdTokenKey, std::move(token)); }
  void set_refresh_token(std::string token) { storage_.set(kRefreshTokenKey, std::move(token)); }

  // The token stored for `resource` ("" = the userinfo token), whatever its expiry.
  std::optional<StoredAccessToken> access_token(const std::string& resource);
  void set_access_token(const std::string& resource, StoredAccessToken token);

  void remove(std::string_view key) { storage_.remove(key); }
  void clear();  // every key a Client writes

 private:
  std::optional<std::string> non_empty(std::string_view key);
  boost::json::object access_token_map();

  Storage& storage_;
};

}  // namespace latch::detail
