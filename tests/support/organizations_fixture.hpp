#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "support/roles_fixture.hpp"

namespace latch::test {

// RolesFixture (a management token, the kBooks resource, users and apps) plus helpers that make
// organizations, organization roles and organization scopes through the management API.
template <class Suite>
class OrganizationsFixture : public RolesFixture<Suite> {
 protected:
  using Base = RolesFixture<Suite>;
  using Base::call;

  static boost::json::array ids(std::initializer_list<std::string> values) {
    boost::json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
  }
  // The ids of a JSON array answer, in order.
  static std::vector<std::string> listed_ids(const HttpResponse& res) {
    std::vector<std::string> out;
    boost::json::value items = res.json();
    for (const auto& item : items.as_array()) out.push_back(json_text(item, "id"));
    return out;
  }
  static std::string code_of(const HttpResponse& res) { return json_text(res.json(), "code"); }

  // POST; the new id ("" and a test failure when refused).
  static std::string created_id(const std::string& path, const boost::json::object& body) {
    auto res = call(boost::beast::http::verb::post, path, body);
    EXPECT_EQ(res.status, 201u) << path << " " << res.body;
    return res.status == 201 ? json_text(res.json(), "id") : "";
  }
  static std::string create_org(const std::string& name) {
    return created_id("/api/organizations", {{"name", name}});
  }
  static std::string create_org_role(const std::string& name, const std::string& type = "User") {
    return created_id("/api/organization-roles", {{"name", name}, {"type", type}});
  }
  static std::string create_org_scope(const std::string& name) {
    return created_id("/api/organization-scopes", {{"name", name}});
  }
};

}  // namespace latch::test
