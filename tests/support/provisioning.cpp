#include "support/provisioning.hpp"

#include <atomic>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "http/form.hpp"
#include "support/eventually.hpp"

namespace latch::test {
namespace {

ProcessResult must_succeed(const TestServer& server, const std::vector<std::string>& args) {
  ProcessResult result = server.cli(args);
  if (result.exit_code != 0) {
    std::string command = "latch";
    for (const auto& arg : args) command += " " + arg;
    throw std::runtime_error(command + " exited with " + std::to_string(result.exit_code) + ": " +
                             result.err);
  }
  return result;
}

}  // namespace

boost::json::value cli_json(const TestServer& server, const std::vector<std::string>& args) {
  ProcessResult result = must_succeed(server, args);
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(result.out, ec);
  if (ec) throw std::runtime_error("not JSON: " + result.out);
  return value;
}

AppCredentials create_app(const TestServer& server, const std::string& type,
                          const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"app", "create", "--name", type + " app", "--type", type};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--json");
  boost::json::value app = cli_json(server, args);
  AppCredentials out{std::string(app.at("id").as_string()), ""};
  if (const auto* secret = app.as_object().if_contains("secret")) {
    out.secret = std::string(secret->as_string());
  }
  return out;
}

boost::json::value create_resource(const TestServer& server, const ResourceSpec& spec) {
  std::vector<std::string> args = {"resource", "create",      "--name",
                                   spec.name,  "--indicator", spec.indicator};
  for (const auto& scope : spec.scopes) {
    args.push_back("--scope");
    args.push_back(scope);
  }
  if (spec.is_default) args.push_back("--default");
  if (spec.ttl > 0) {
    args.push_back("--ttl");
    args.push_back(std::to_string(spec.ttl));
  }
  args.push_back("--json");
  return cli_json(server, args);
}

std::string give_user_scopes(const TestServer& server, const std::string& user,
                             const std::string& indicator, const std::vector<std::string>& scopes) {
  static std::atomic<int> made{0};
  std::string name = "Scopes for " + user + " #" + std::to_string(++made);
  std::vector<std::string> args = {"role", "create", "--name", name, "--type", "user"};
  for (const auto& scope : scopes) {
    args.push_back("--scope");
    args.push_back(indicator + ":" + scope);
  }
  must_succeed(server, args);
  must_succeed(server, {"role", "assign", name, "--user", user});
  return name;
}

void grant_scopes(const TestServer& server, const std::string& app_id, const std::string& indicator,
                  const std::vector<std::string>& scopes) {
  std::vector<std::string> args = {"app", "grant", app_id, "--resource", indicator};
  for (const auto& scope : scopes) {
    args.push_back("--scope");
    args.push_back(scope);
  }
  must_succeed(server, args);
}

HttpResponse management_request(const TestServer& server, boost::beast::http::verb method,
                                const std::string& path, const boost::json::value& body,
                                const std::string& token) {
  Headers headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  std::string text;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    text = boost::json::serialize(body);
  }
  return server.client().request(method, path, text, headers);
}

HttpResponse token_with_basic(const TestServer& server, const AppCredentials& app,
                              const std::string& body) {
  return server.client().post_form("/oidc/token", body,
                                   {{"Authorization", basic_auth(app.id, app.secret)}});
}

bool wait_until_token_issued(const TestServer& server, const AppCredentials& app,
                             const std::string& indicator) {
  http::Params params;
  params.add("grant_type", "client_credentials");
  params.add("resource", indicator);
  const std::string body = http::encode_form(params);
  return eventually([&] { return token_with_basic(server, app, body).status == 200; });
}

}  // namespace latch::test
