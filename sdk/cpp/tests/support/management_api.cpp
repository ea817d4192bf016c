#include "support/management_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace latch::sdk_test {

ManagementApi::ManagementApi(const LatchServer& server) : server_(server) {
  auto app = server.cli_json(
      {"app", "create", "--name", "roles", "--type", "m2m", "--management-api", "--json"});
  M2mApp management{.id = std::string(app.at("id").as_string()),
                    .secret = std::string(app.at("secret").as_string())};
  token_ = client_credentials_token(server, management, "urn:latch:management", "all");
}

boost::json::value ManagementApi::call(const std::string& method, const std::string& path,
                                       const boost::json::value& body, unsigned expected) const {
  Request request{.method = method,
                  .target = "/api" + path,
                  .headers = {{"Authorization", "Bearer " + token_}}};
  if (!body.is_null()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = boost::json::serialize(body);
  }
  Response res = server_.request(request);
  if (res.status != expected) {
    throw std::runtime_error(method + " /api" + path + " answered " + std::to_string(res.status) +
                             ", not " + std::to_string(expected) + ": " + res.body);
  }
  return res.body.empty() ? boost::json::value() : boost::json::parse(res.body);
}

std::string ManagementApi::create_role(const std::string& name, const std::string& type,
                                       const std::vector<std::string>& scope_ids) const {
  boost::json::array ids(scope_ids.begin(), scope_ids.end());
  boost::json::object body{{"name", name},
                           {"description", name + " (SDK test)"},
                           {"type", type},
                           {"scopeIds", std::move(ids)}};
  return std::string(call("POST", "/roles", body, 200).at("id").as_string());
}

std::string ManagementApi::create_organization_scope(const std::string& name) const {
  boost::json::object body{{"name", name}, {"description", name + " (SDK test)"}};
  return std::string(call("POST", "/organization-scopes", body, 201).at("id").as_string());
}

std::string ManagementApi::create_organization_role(
    const std::string& name, const std::vector<std::string>& scope_ids) const {
  boost::json::object body{
      {"name", name},
      {"type", "User"},
      {"organizationScopeIds", boost::json::array(scope_ids.begin(), scope_ids.end())}};
  return std::string(call("POST", "/organization-roles", body, 201).at("id").as_string());
}

std::string ManagementApi::create_organization(const std::string& name) const {
  boost::json::object body{{"name", name}};
  return std::string(call("POST", "/organizations", body, 201).at("id").as_string());
}

void ManagementApi::add_member(const std::string& organization_id, const std::string& user_id,
                               const std::vector<std::string>& role_ids) const {
  std::string path = "/organizations/" + organization_id + "/users";
  call("POST", path, boost::json::object{{"userIds", boost::json::array{user_id}}}, 201);
  if (!role_ids.empty()) {
    boost::json::object body{
        {"userIds", boost::json::array{user_id}},
        {"organizationRoleIds", boost::json::array(role_ids.begin(), role_ids.end())}};
    call("POST", path + "/roles", body, 201);
  }
}

std::map<std::string, std::string> scope_ids(const boost::json::value& resource) {
  std::map<std::string, std::string> out;
  for (const auto& scope : resource.at("scopes").as_array()) {
    out[std::string(scope.at("name").as_string())] = std::string(scope.at("id").as_string());
  }
  return out;
}

}  // namespace latch::sdk_test
