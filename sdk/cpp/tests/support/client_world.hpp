#pragma once

#include <string>

#include "latch/client.hpp"
#include "latch/config.hpp"
#include "support/latch_server.hpp"

// One Latch for the whole Client suite (started on first use, stopped at exit), provisioned
// with the CLI: two traditional apps, a SPA, an API resource and a user (who holds no role).
namespace latch::sdk_test {

struct ClientApp {
  std::string id, secret;  // secret is "" for the SPA
};

struct ClientWorld {
  LatchServer server;
  ClientApp web, other_web, spa;
  std::string resource = "https://api.bookstore.test";
  std::string read_books_id;  // the id of the resource's scope read:books (no role holds it)
  std::string user_id, username = "reader", password = "correct-horse-9", name = "Rea Der";
  std::string redirect_uri = "http://127.0.0.1:3999/callback";
  std::string post_logout_uri = "http://127.0.0.1:3999/";

  ClientWorld();
  std::string issuer() const { return server.endpoint() + "/oidc"; }
  // A Config for `app` against this server (scopes and resources empty).
  Config config(const ClientApp& app) const;
  // A Config for the traditional app that also asks for `resource`.
  Config config_with_resource() const;
};

ClientWorld& client_world();

// Runs the hosted sign-in for `authorization_url` as the world's user; returns the callback URL.
std::string sign_in_at_server(const std::string& authorization_url);

// A completed sign-in of `client` (sign_in → hosted pages → handle_sign_in_callback).
void sign_in_fully(Client& client);

}  // namespace latch::sdk_test
