#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "support/http_test_client.hpp"
#include "support/test_server.hpp"

namespace latch::test {

// Provisioning through the CLI, as an operator does. Each throws std::runtime_error (with the
// command's stderr) when the command fails.

struct AppCredentials {
  std::string id;
  std::string secret;  // empty for public clients
};

// `latch app create --name NAME --type TYPE [extra...] --json`.
AppCredentials create_app(const TestServer& server, const std::string& type,
                          const std::vector<std::string>& extra = {});

struct ResourceSpec {
  std::string name = "API";
  std::string indicator;
  std::vector<std::string> scopes;
  bool is_default = false;
  std::int64_t ttl = 0;  // 0: the CLI's default
};

// `latch resource create ... --json`; returns the resource's JSON.
boost::json::value create_resource(const TestServer& server, const ResourceSpec& spec);

// Gives `user` (id, username or email) `scopes` of the resource `indicator` through a new user
// role: `latch role create --name NAME --type user --scope INDICATOR:S...` then
// `latch role assign NAME --user USER`. Returns the role's name.
std::string give_user_scopes(const TestServer& server, const std::string& user,
                             const std::string& indicator, const std::vector<std::string>& scopes);

// `latch app grant ID --resource INDICATOR --scope S...` (the app's own role).
void grant_scopes(const TestServer& server, const std::string& app_id, const std::string& indicator,
                  const std::vector<std::string>& scopes);

// Runs the CLI, requires exit code 0 and returns stdout parsed as JSON.
boost::json::value cli_json(const TestServer& server, const std::vector<std::string>& args);

// POST /oidc/token with the form `body` (already encoded) and HTTP Basic credentials.
HttpResponse token_with_basic(const TestServer& server, const AppCredentials& app,
                              const std::string& body);

// `method path` on the management API with `Authorization: Bearer token` (none when empty) and
// `body` as JSON (none when null).
HttpResponse management_request(const TestServer& server, boost::beast::http::verb method,
                                const std::string& path, const boost::json::value& body,
                                const std::string& token);

// True once a client_credentials request for `indicator` succeeds: the running server has
// loaded `app` and the resource (bounded wait, see eventually()).
bool wait_until_token_issued(const TestServer& server, const AppCredentials& app,
                             const std::string& indicator);

}  // namespace latch::test
