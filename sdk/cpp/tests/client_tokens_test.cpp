// latch::Client after the sign-in: access tokens per resource, refresh, lost storage, sign-out,
// signing key rotation.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "jose.hpp"
#include "latch/client.hpp"
#include "latch/storage.hpp"
#include "support/client_fixture.hpp"

namespace latch {
namespace {

using sdk_test::client_world;
using sdk_test::error_of;
using sdk_test::query_param;
using sdk_test::sign_in_fully;
using sdk_test::system_now;

// A clock the test moves.
struct TestClock {
  std::shared_ptr<std::int64_t> offset = std::make_shared<std::int64_t>(0);
  std::function<std::int64_t()> fn() const {
    return [o = offset] { return system_now() + *o; };
  }
};

boost::json::object payload_of(const std::string& jwt) { return detail::parse_jws(jwt).payload; }

// The refresh grant straight at the token endpoint, as the app.
sdk_test::Response refresh_directly(const sdk_test::ClientApp& app, const std::string& token) {
  auto& w = client_world();
  std::string body = sdk_test::form_encode({{"grant_type", "refresh_token"},
                                            {"refresh_token", token},
                                            {"client_id", app.id},
                                            {"client_secret", app.secret}});
  return w.server.request({.method = "POST",
                           .target = "/oidc/token",
                           .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                           .body = body});
}

TEST(ClientTokensTest, AccessTokenForAResourceIsAJwtForItCachedThenRefreshed) {
  auto& w = client_world();
  MemoryStorage storage;
  TestClock clock;
  Config config = w.config_with_resource();
  config.now_seconds = clock.fn();
  Client client(config, storage);
  sign_in_fully(client);
  std::string refresh_before = *storage.get("refreshToken");

  std::string token = client.access_token(w.resource);
  auto claims = payload_of(token);
  EXPECT_EQ(claims.at("aud").as_string(), w.resource);
  EXPECT_EQ(claims.at("sub").as_string(), w.user_id);
  EXPECT_EQ(client.access_token(w.resource), token);  // cached
  std::string rotated = *storage.get("refreshToken");
  EXPECT_NE(rotated, refresh_before);

  *clock.offset = 3600 - 59;  // the resource's tokens live 3600 s; refreshed 60 s before
  std::string fresh = client.access_token(w.resource);
  EXPECT_NE(fresh, token);
  EXPECT_EQ(payload_of(fresh).at("aud").as_string(), w.resource);
  EXPECT_NE(*storage.get("refreshToken"), rotated);
  auto map = boost::json::parse(*storage.get("accessTokenMap")).as_object();
  EXPECT_EQ(map.at(w.resource).at("token").as_string(), fresh);
  EXPECT_TRUE(map.contains(""));
}

TEST(ClientTokensTest, UserinfoTokenIsRefreshedWhenItExpires) {
  auto& w = client_world();
  MemoryStorage storage;
  TestClock clock;
  Config config = w.config(w.web);
  config.now_seconds = clock.fn();
  Client client(config, storage);
  sign_in_fully(client);
  std::string first = client.access_token();
  EXPECT_EQ(client.access_token(), first);
  *clock.offset = 3600 - 59;  // within 60 s of the 3600 s lifetime: refreshed
  std::string second = client.access_token();
  EXPECT_NE(second, first);
  EXPECT_TRUE(client.is_authenticated());
}

TEST(ClientTokensTest, StorageThatLostEverythingIsNotAuthenticated) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  sign_in_fully(client);
  for (auto key : {"idToken", "refreshToken", "accessTokenMap", "signInSession"}) {
    storage.remove(key);
  }
  EXPECT_FALSE(client.is_authenticated());
  EXPECT_EQ(error_of([&] { client.access_token(); }), Errc::not_authenticated);
  EXPECT_EQ(error_of([&] { client.fetch_user_info(); }), Errc::not_authenticated);
  EXPECT_EQ(error_of([&] { client.id_token_claims(); }), Errc::not_authenticated);
}

TEST(ClientTokensTest, StorageThatLostTheRefreshTokenCannotRefresh) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  sign_in_fully(client);
  storage.remove("refreshToken");
  storage.set("accessTokenMap", "{garbled");
  EXPECT_TRUE(client.is_authenticated());
  EXPECT_EQ(error_of([&] { client.access_token(); }), Errc::refresh_failed);
}

TEST(ClientTokensTest, RefusedRefreshTokenIsRefreshFailedWithTheServersError) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  sign_in_fully(client);
  storage.set("refreshToken", "not-a-token-the-server-issued");
  storage.remove("accessTokenMap");
  std::string detail;
  EXPECT_EQ(error_of([&] { client.access_token(); }, &detail), Errc::refresh_failed);
  EXPECT_TRUE(detail.starts_with("invalid_grant")) << detail;
}

TEST(ClientTokensTest, RefusedAccessTokenIsUserinfoFailed) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  sign_in_fully(client);
  boost::json::object map{{"", {{"token", "forged"}, {"expiresAt", system_now() + 3600}}}};
  storage.set("accessTokenMap", boost::json::serialize(map));
  EXPECT_EQ(error_of([&] { client.fetch_user_info(); }), Errc::userinfo_failed);
}

TEST(ClientTokensTest, SignOutRevokesTheRefreshTokenAndEmptiesTheStorage) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  sign_in_fully(client);
  std::string refresh = *storage.get("refreshToken");
  std::string id_token = *storage.get("idToken");
  std::string url = client.sign_out(w.post_logout_uri);
  EXPECT_TRUE(url.starts_with(w.issuer() + "/session/end?") || url.find("?client_id=") != url.npos)
      << url;
  EXPECT_EQ(query_param(url, "client_id"), w.web.id);
  EXPECT_EQ(query_param(url, "post_logout_redirect_uri"), w.post_logout_uri);
  EXPECT_EQ(query_param(url, "id_token_hint"), id_token);
  EXPECT_FALSE(client.is_authenticated());
  for (auto key : {"idToken", "refreshToken", "accessTokenMap", "signInSession"}) {
    EXPECT_FALSE(storage.get(key)) << key;
  }
  auto refused = refresh_directly(w.web, refresh);
  EXPECT_EQ(refused.status, 400u) << refused.body;
  // The end-session URL is one the server accepts: it sends the browser back to the app.
  std::string target = url.substr(w.server.endpoint().size());
  auto end = w.server.get(target);
  EXPECT_EQ(end.status, 302u) << end.body;
  EXPECT_EQ(end.header("Location"), w.post_logout_uri);
}

TEST(ClientTokensTest, SignOutWithoutTokensStillReturnsTheUrl) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string url = client.sign_out();
  EXPECT_EQ(query_param(url, "client_id"), w.web.id);
  EXPECT_EQ(query_param(url, "post_logout_redirect_uri"), "");
}

TEST(ClientTokensTest, SignInAfterKeyRotationVerifiesWithTheNewKey) {
  auto& w = client_world();
  MemoryStorage before_storage;
  Client before(w.config(w.web), before_storage);
  sign_in_fully(before);  // caches the JWKS
  std::string old_kid(
      detail::parse_jws(*before_storage.get("idToken")).header.at("kid").as_string());

  auto rotated = w.server.cli_json({"keys", "rotate", "--json"});
  std::vector<std::string> new_kids;
  for (const auto& key : rotated.as_array()) {
    new_kids.emplace_back(key.at("kid").as_string());
  }
  // The server reloads keys every 250 ms; sign in until its ID tokens carry a new kid.
  std::string kid = old_kid;
  for (int attempt = 0; attempt < 20 && kid == old_kid; ++attempt) {
    MemoryStorage storage;
    Client client(w.config(w.web), storage);
    sign_in_fully(client);  // verifies: the unknown kid makes the SDK refetch the JWKS
    kid = std::string(detail::parse_jws(*storage.get("idToken")).header.at("kid").as_string());
    if (kid == old_kid) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
  }
  EXPECT_NE(std::find(new_kids.begin(), new_kids.end(), kid), new_kids.end()) << kid;
  EXPECT_TRUE(before.is_authenticated());
  EXPECT_FALSE(before.fetch_user_info().empty());  // the old sign-in keeps working
}

}  // namespace
}  // namespace latch
