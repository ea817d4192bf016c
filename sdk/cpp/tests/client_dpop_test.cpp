// latch::Client with Config::dpop_key (RFC 9449): the sign-in's code is bound to the key
// (dpop_jkt), every token the Client gets is bound to it (cnf.jkt), userinfo is called with the
// DPoP scheme and a proof, a SPA's bound refresh token is worth nothing without the key, and a
// server that requires nonces gets one.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "jose.hpp"
#include "latch/client.hpp"
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

boost::json::object payload_of(const std::string& jwt) { return detail::parse_jws(jwt).payload; }

std::string jkt_of(const std::string& jwt) {
  auto payload = payload_of(jwt);
  const auto* cnf = payload.if_contains("cnf");
  if (!cnf || !cnf->is_object() || !cnf->as_object().contains("jkt")) return "";
  return std::string(cnf->as_object().at("jkt").as_string());
}

TEST(ClientDpopTest, TheCodeAndEveryTokenAreBoundToTheKeyAndUserinfoTakesThem) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = w.config_with_resource();
  DpopKey key = DpopKey::generate();
  config.dpop_key = key;
  Client client(config, storage);
  std::string url = client.sign_in(w.redirect_uri);
  EXPECT_EQ(query_param(url, "dpop_jkt"), key.jkt());
  client.handle_sign_in_callback(sign_in_at_server(url));

  std::string token = client.access_token(w.resource);
  EXPECT_EQ(jkt_of(token), key.jkt());
  EXPECT_EQ(client.fetch_user_info().at("sub").as_string(), w.user_id);
  client.clear_access_tokens();  // the next one comes through the refresh grant, with a proof
  std::string refreshed = client.access_token(w.resource);
  EXPECT_NE(refreshed, token);
  EXPECT_EQ(jkt_of(refreshed), key.jkt());
}

TEST(ClientDpopTest, ACodeBoundToTheKeyIsRefusedToAClientWithoutIt) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = w.config(w.web);
  config.dpop_key = DpopKey::generate();
  Client binding(config, storage);
  std::string callback = sign_in_at_server(binding.sign_in(w.redirect_uri));
  // The same storage (state, verifier, nonce) in a Client that lost the key.
  Config keyless = config;
  keyless.dpop_key.reset();
  Client without_key(keyless, storage);
  std::string detail;
  EXPECT_TRUE(error_of([&] { without_key.handle_sign_in_callback(callback); }, &detail));
  EXPECT_NE(detail.find("invalid_grant"), std::string::npos) << detail;
  EXPECT_FALSE(without_key.is_authenticated());
}

TEST(ClientDpopTest, ASpasRefreshTokenIsWorthNothingWithoutTheKey) {
  auto& w = client_world();
  MemoryStorage storage;
  Config config = w.config(w.spa);
  config.dpop_key = DpopKey::generate();
  Client owner(config, storage);
  sign_in_fully(owner);

  // Someone who copied the refresh token and ID token, but not the key.
  for (std::optional<DpopKey> other :
       {std::optional<DpopKey>(), std::optional(DpopKey::generate())}) {
    MemoryStorage copied;
    copied.set("refreshToken", *storage.get("refreshToken"));
    copied.set("idToken", *storage.get("idToken"));
    Config stolen = config;
    stolen.dpop_key = other;
    Client thief(stolen, copied);
    EXPECT_EQ(error_of([&] { thief.access_token(); }), Errc::refresh_failed);
  }

  owner.clear_access_tokens();
  EXPECT_FALSE(owner.access_token().empty());
}

// A Latch that requires server nonces in proofs (LATCH_DPOP_NONCE), with a user and a web app.
struct NonceWorld {
  sdk_test::LatchServer server{{"LATCH_DPOP_NONCE=true"}};
  std::string redirect_uri = "http://127.0.0.1:3998/callback";
  sdk_test::ClientApp app;

  NonceWorld() {
    server.cli_json({"user", "create", "--username", "nonce_user", "--password",
                     "Nonce-Passphrase-7", "--json"});
    auto created = server.cli_json({"app", "create", "--name", "nonce web", "--type", "traditional",
                                    "--redirect-uri", redirect_uri, "--json"});
    app = {std::string(created.at("id").as_string()),
           std::string(created.at("secret").as_string())};
  }

  Config config(const DpopKey& key) const {
    Config out;
    out.endpoint = server.endpoint();
    out.app_id = app.id;
    out.app_secret = app.secret;
    out.timeout = std::chrono::seconds(5);
    out.dpop_key = key;
    return out;
  }

  // The hosted sign-in for `url`, retried while the server's catalog does not know the app yet.
  std::string sign_in(const std::string& url) {
    for (int attempt = 0;; ++attempt) {
      try {
        sdk_test::HostedBrowser browser(server);
        return browser.sign_in(url, "nonce_user", "Nonce-Passphrase-7");
      } catch (const std::runtime_error&) {
        if (attempt == 50) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
};

TEST(ClientDpopTest, AServerThatRequiresNoncesIsAnsweredWithOne) {
  NonceWorld w;
  MemoryStorage storage;
  DpopKey key = DpopKey::generate();
  Client client(w.config(key), storage);
  client.handle_sign_in_callback(w.sign_in(client.sign_in(w.redirect_uri)));
  EXPECT_TRUE(client.is_authenticated());
  EXPECT_FALSE(client.fetch_user_info().at("sub").as_string().empty());
  client.clear_access_tokens();
  EXPECT_FALSE(client.access_token().empty());
}

}  // namespace
}  // namespace latch
