// latch::Client against a real Latch: the sign-in, its callback and what can go wrong there.
#include "latch/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <chrono>

#include "latch/storage.hpp"
#include "support/client_browser.hpp"
#include "support/client_fixture.hpp"

namespace latch {
namespace {

using sdk_test::client_world;
using sdk_test::error_of;
using sdk_test::query_param;
using sdk_test::sign_in_at_server;
using sdk_test::sign_in_fully;
using sdk_test::system_now;

TEST(ClientTest, SignsInThenReadsClaimsAndUserInfo) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  EXPECT_FALSE(client.is_authenticated());
  sign_in_fully(client);
  ASSERT_TRUE(client.is_authenticated());
  IdTokenClaims claims = client.id_token_claims();
  EXPECT_EQ(claims.sub, w.user_id);
  EXPECT_EQ(claims.username, w.username);
  EXPECT_EQ(claims.iss, w.issuer());
  EXPECT_EQ(claims.aud, w.web.id);
  auto info = client.fetch_user_info();
  EXPECT_EQ(info.at("sub").as_string(), w.user_id);
  EXPECT_FALSE(storage.get("signInSession"));
  EXPECT_TRUE(storage.get("refreshToken"));  // offline_access for a first-party app
}

TEST(ClientTest, AuthorizationUrlCarriesPkceStateNonceScopesAndResources) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = w.config_with_resource();
  config.scopes.push_back("email");
  Client client(config, storage);
  std::string url = client.sign_in(
      w.redirect_uri, {.login_hint = "reader", .first_screen = "", .extra_scopes = {"openid"}});
  EXPECT_TRUE(url.starts_with(w.issuer() + "/auth?")) << url;
  EXPECT_EQ(query_param(url, "scope"), "openid offline_access profile read:books email");
  EXPECT_EQ(query_param(url, "resource"), w.resource);
  EXPECT_EQ(query_param(url, "prompt"), "consent");
  EXPECT_EQ(query_param(url, "code_challenge_method"), "S256");
  EXPECT_EQ(query_param(url, "code_challenge").size(), 43u);
  EXPECT_EQ(query_param(url, "login_hint"), "reader");
  EXPECT_EQ(query_param(url, "interaction_mode"), "");
  auto session = boost::json::parse(*storage.get("signInSession")).as_object();
  EXPECT_EQ(session.at("state").as_string(), query_param(url, "state"));
  EXPECT_EQ(session.at("nonce").as_string(), query_param(url, "nonce"));
  EXPECT_EQ(session.at("redirectUri").as_string(), w.redirect_uri);
  EXPECT_EQ(session.at("codeVerifier").as_string().size(), 43u);
}

TEST(ClientTest, SignUpModeOpensTheRegistrationPage) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string url = client.sign_in(w.redirect_uri, {.interaction_mode = InteractionMode::sign_up});
  EXPECT_EQ(query_param(url, "interaction_mode"), "signUp");
  sdk_test::HostedBrowser browser(w.server);
  auto page = browser.open(url);
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(browser.last_path(), "/register");
}

TEST(ClientTest, CallbackWithAnotherStateIsRefusedAndTheSignInGoesOn) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  std::string forged = w.redirect_uri + "?code=x&state=another";
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(forged); }), Errc::state_mismatch);
  client.handle_sign_in_callback(callback);  // the real callback still completes
  EXPECT_TRUE(client.is_authenticated());
}

TEST(ClientTest, ReplayedCallbackFindsNoSignInSession) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  client.handle_sign_in_callback(callback);
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(callback); }),
            Errc::sign_in_session_missing);
}

TEST(ClientTest, CallbackAcceptsAPathAndQuery) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  client.handle_sign_in_callback(callback.substr(callback.find("/callback")));
  EXPECT_TRUE(client.is_authenticated());
}

TEST(ClientTest, ErrorCallbackIsReportedWithTheServersError) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string url = client.sign_in(w.redirect_uri);
  std::string callback = w.redirect_uri + "?error=access_denied&error_description=no%20thanks" +
                         "&state=" + query_param(url, "state");
  std::string detail;
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(callback); }, &detail),
            Errc::callback_error);
  EXPECT_EQ(detail, "access_denied: no thanks");
  EXPECT_FALSE(client.is_authenticated());
}

TEST(ClientTest, CallbackFromAnotherIssuerIsRefused) {  // RFC 9207
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  std::string forged =
      callback.substr(0, callback.find("&iss=")) + "&iss=https%3A%2F%2Fevil.example%2Foidc";
  ASSERT_NE(forged, callback);
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(forged); }), Errc::callback_error);
  EXPECT_FALSE(client.is_authenticated());
}

TEST(ClientTest, IdTokenWithAnotherNonceIsRejected) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  auto session = boost::json::parse(*storage.get("signInSession")).as_object();
  session["nonce"] = "not-the-nonce-the-server-saw";
  storage.set("signInSession", boost::json::serialize(session));
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(callback); }), Errc::invalid_id_token);
  EXPECT_FALSE(client.is_authenticated());
  EXPECT_FALSE(storage.get("refreshToken"));
}

TEST(ClientTest, ExpiredIdTokenIsRejected) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = w.config(w.web);
  config.now_seconds = [] { return system_now() + 86400; };
  Client client(config, storage);
  std::string callback = sign_in_at_server(client.sign_in(w.redirect_uri));
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(callback); }), Errc::invalid_id_token);
  EXPECT_FALSE(client.is_authenticated());
}

TEST(ClientTest, CodeIssuedToAnotherAppIsRefusedByTheServer) {
  auto& w = client_world();
  MemoryStorage storage_b, storage_a;
  Client client_b(w.config(w.other_web), storage_b);
  std::string callback = sign_in_at_server(client_b.sign_in(w.redirect_uri));
  storage_a.set("signInSession", *storage_b.get("signInSession"));
  Client client_a(w.config(w.web), storage_a);
  std::string detail;
  EXPECT_EQ(error_of([&] { client_a.handle_sign_in_callback(callback); }, &detail),
            Errc::token_request_failed);
  EXPECT_TRUE(detail.starts_with("invalid_grant")) << detail;
  EXPECT_FALSE(client_a.is_authenticated());
}

TEST(ClientTest, PublicClientSignsInWithPkceOnly) {
  auto& w = client_world();
  MemoryStorage storage;
  ASSERT_TRUE(w.spa.secret.empty());
  Client client(w.config(w.spa), storage);
  sign_in_fully(client);
  EXPECT_EQ(client.id_token_claims().aud, w.spa.id);
  EXPECT_FALSE(client.access_token().empty());
  EXPECT_EQ(client.fetch_user_info().at("sub").as_string(), w.user_id);
}

TEST(ClientTest, AsyncApiRunsInACoroutine) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  boost::asio::io_context io;
  std::string sub;
  std::exception_ptr failure;
  auto flow = [&]() -> boost::asio::awaitable<void> {
    std::string url = co_await client.async_sign_in(w.redirect_uri);
    std::string callback = sign_in_at_server(url);  // the "browser", blocking is fine here
    co_await client.async_handle_sign_in_callback(callback);
    auto info = co_await client.async_fetch_user_info();
    sub = std::string(info.at("sub").as_string());
    std::string token = co_await client.async_access_token();
    EXPECT_FALSE(token.empty());
    std::string end = co_await client.async_sign_out(w.post_logout_uri);
    EXPECT_FALSE(end.empty());
  };
  boost::asio::co_spawn(io, flow, [&](std::exception_ptr e) { failure = e; });
  io.run_for(std::chrono::seconds(20));
  ASSERT_FALSE(failure);
  EXPECT_EQ(sub, w.user_id);
  EXPECT_FALSE(client.is_authenticated());
}

TEST(ClientTest, CallbackWithoutASignInFindsNoSession) {
  auto& w = client_world();
  MemoryStorage storage;
  Client client(w.config(w.web), storage);
  EXPECT_EQ(error_of([&] { client.handle_sign_in_callback(w.redirect_uri + "?code=a&state=b"); }),
            Errc::sign_in_session_missing);
  EXPECT_EQ(error_of([&] { client.id_token_claims(); }), Errc::not_authenticated);
}

TEST(ClientTest, IncompleteConfigIsRefused) {
  MemoryStorage storage;
  EXPECT_EQ(error_of([&] { Client client(Config{.endpoint = "", .app_id = "x"}, storage); }),
            Errc::invalid_config);
  EXPECT_EQ(error_of([&] { Client client(Config{.endpoint = "http://x", .app_id = ""}, storage); }),
            Errc::invalid_config);
}

}  // namespace
}  // namespace latch
