#include "support/client_world.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/client_browser.hpp"

namespace latch::sdk_test {
namespace {

ClientApp create_app(const LatchServer& server, const std::string& type, const ClientWorld& w) {
  auto app =
      server.cli_json({"app", "create", "--name", type + " app", "--type", type, "--redirect-uri",
                       w.redirect_uri, "--post-logout-redirect-uri", w.post_logout_uri, "--json"});
  ClientApp out{std::string(app.at("id").as_string()), ""};
  if (const auto* secret = app.as_object().if_contains("secret")) {
    out.secret = std::string(secret->as_string());
  }
  return out;
}

// The server reloads its catalog from the database every 250 ms: wait until it knows `app`.
void wait_until_known(const LatchServer& server, const ClientApp& app, const std::string& uri) {
  std::string target = "/oidc/auth?" + form_encode({{"client_id", app.id},
                                                    {"redirect_uri", uri},
                                                    {"response_type", "code"},
                                                    {"scope", "openid"},
                                                    {"code_challenge", std::string(43, 'a')},
                                                    {"code_challenge_method", "S256"}});
  for (int i = 0; i < 250; ++i) {
    auto status = server.get(target).status;
    if (status >= 300 && status < 400) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("the server never learned about app " + app.id);
}

}  // namespace

ClientWorld::ClientWorld() {
  auto api = server.cli_json({"resource", "create", "--name", "Bookstore API", "--indicator",
                              resource, "--scope", "read:books", "--json"});
  read_books_id = std::string(api.at("scopes").at(0).at("id").as_string());
  auto user = server.cli_json(
      {"user", "create", "--username", username, "--password", password, "--name", name, "--json"});
  user_id = std::string(user.at("id").as_string());
  web = create_app(server, "traditional", *this);
  other_web = create_app(server, "traditional", *this);
  spa = create_app(server, "spa", *this);
  wait_until_known(server, spa, redirect_uri);
}

Config ClientWorld::config(const ClientApp& app) const {
  Config config;
  config.endpoint = server.endpoint();
  config.app_id = app.id;
  config.app_secret = app.secret;
  config.timeout = std::chrono::seconds(5);
  return config;
}

Config ClientWorld::config_with_resource() const {
  Config out = config(web);
  out.resources = {resource};
  out.scopes = {"read:books"};
  return out;
}

ClientWorld& client_world() {
  static ClientWorld world;
  return world;
}

std::string sign_in_at_server(const std::string& authorization_url) {
  ClientWorld& w = client_world();
  HostedBrowser browser(w.server);
  return browser.sign_in(authorization_url, w.username, w.password);
}

void sign_in_fully(Client& client) {
  std::string url = client.sign_in(client_world().redirect_uri);
  client.handle_sign_in_callback(sign_in_at_server(url));
}

}  // namespace latch::sdk_test
