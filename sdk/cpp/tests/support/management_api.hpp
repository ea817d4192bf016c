#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/latch_server.hpp"

// Roles and organizations set up the way an operator does it, through the management API
// (Logto's /api/roles and /api/organization* shapes), for the SDK tests that need a
// role-granted scope or an organization membership.
namespace latch::sdk_test {

class ManagementApi {
 public:
  // Creates an m2m app allowed the management API (`latch app create --management-api`) and
  // gets its token. REQUIRES: `server` outlives this. Throws std::runtime_error.
  explicit ManagementApi(const LatchServer& server);

  // `method` /api`path` with `body` as JSON (none when null); the parsed answer (null when
  // empty). Throws std::runtime_error with the answer unless its status is `expected`.
  boost::json::value call(const std::string& method, const std::string& path,
                          const boost::json::value& body, unsigned expected) const;

  // POST /api/roles: a role of `type` ("User" or "MachineToMachine") holding `scope_ids`;
  // returns its id.
  std::string create_role(const std::string& name, const std::string& type,
                          const std::vector<std::string>& scope_ids) const;

  // POST /api/organization-scopes; returns the scope's id.
  std::string create_organization_scope(const std::string& name) const;
  // POST /api/organization-roles: a User role holding the organization scopes `scope_ids`.
  std::string create_organization_role(const std::string& name,
                                       const std::vector<std::string>& scope_ids) const;
  // POST /api/organizations; returns its id.
  std::string create_organization(const std::string& name) const;
  // POST /api/organizations/:id/users, then (with roles) POST /api/organizations/:id/users/roles.
  void add_member(const std::string& organization_id, const std::string& user_id,
                  const std::vector<std::string>& role_ids) const;

 private:
  const LatchServer& server_;
  std::string token_;
};

// Scope name -> id of a resource as `latch resource create --json` prints it.
std::map<std::string, std::string> scope_ids(const boost::json::value& resource);

}  // namespace latch::sdk_test
