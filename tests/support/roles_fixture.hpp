#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/code_flow.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {

// A shared server for the role tests: a management token, and an API resource kBooks with scopes
// read:books and write:books. Helpers make roles, users and apps through the management API.
// `Suite` may define `static void provision_more(TestServer&)`.
template <class Suite>
class RolesFixture : public SharedServerTest<Suite> {
 public:
  static constexpr const char* kBooks = "https://books.example.test";

  static void provision(TestServer& server) {
    admin_ = create_app(server, "m2m", {"--management-api"});
    auto books = create_resource(
        server, {.name = "Books", .indicator = kBooks, .scopes = {"read:books", "write:books"}});
    books_id_ = json_text(books, "id");
    for (const auto& scope : books.at("scopes").as_array()) {
      (json_text(scope, "name") == "read:books" ? read_scope_id_ : write_scope_id_) =
          json_text(scope, "id");
    }
    if (!wait_until_token_issued(server, admin_, "urn:latch:management")) {
      throw std::runtime_error("the server did not load the management app");
    }
    http::Params params{{"grant_type", "client_credentials"},
                        {"resource", "urn:latch:management"},
                        {"scope", "all"}};
    token_ = json_text(token_request(server, admin_, params).json(), "access_token");
    Suite::provision_more(server);
  }
  static void provision_more(TestServer&) {}

 protected:
  static HttpResponse call(boost::beast::http::verb method, const std::string& path,
                           const boost::json::value& body = nullptr) {
    return management_request(SharedServerTest<Suite>::server(), method, path, body, token_);
  }

  // POST /api/roles; the new role's id ("" and a test failure when refused).
  static std::string create_role(const std::string& name, const std::string& type = "User",
                                 const std::vector<std::string>& scope_ids = {}) {
    boost::json::array ids;
    for (const auto& id : scope_ids) ids.emplace_back(id);
    auto res = call(boost::beast::http::verb::post, "/api/roles",
                    boost::json::object{{"name", name},
                                        {"description", "the " + name + " role"},
                                        {"type", type},
                                        {"scopeIds", std::move(ids)}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.status == 200 ? json_text(res.json(), "id") : "";
  }

  // POST /api/users with a username; the user's id.
  static std::string create_api_user(const std::string& username) {
    auto res = call(boost::beast::http::verb::post, "/api/users",
                    boost::json::object{{"username", username}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }

  // POST /api/applications; the app's id.
  static std::string create_api_app(const std::string& name, const std::string& type) {
    auto res = call(boost::beast::http::verb::post, "/api/applications",
                    boost::json::object{{"name", name}, {"type", type}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
  static std::string create_m2m_app(const std::string& name) {
    return create_api_app(name, "MachineToMachine");
  }

  static inline AppCredentials admin_;
  static inline std::string token_, books_id_, read_scope_id_, write_scope_id_;
};

}  // namespace latch::test
