#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/organization.hpp"
#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

// What the organization suites share: sample rows and a fixture with an API resource (api:
// read, write; other: read), so that organization roles have resource scopes to hold.
namespace latch::storage::test {

using Ids = std::vector<std::string>;

inline model::Organization sample_organization(const std::string& id,
                                               std::int64_t created_at = 1000) {
  return model::Organization{.id = id,
                             .name = "Org " + id,
                             .description = "The organization " + id,
                             .custom_data = R"({"tier":"gold"})",
                             .is_mfa_required = true,
                             .color = R"({"primaryColor":"#123456"})",
                             .branding = R"({"logoUrl":"https://logo.example/)" + id + R"("})",
                             .custom_css = "body { color: red; }",
                             .created_at = created_at};
}

inline model::OrganizationRole organization_role(const std::string& id,
                                                 model::RoleType type = model::RoleType::User,
                                                 std::int64_t created_at = 1000) {
  return model::OrganizationRole{.id = id,
                                 .name = "Role " + id,
                                 .description = "The organization role " + id,
                                 .type = type,
                                 .created_at = created_at};
}

inline model::OrganizationScope organization_scope(const std::string& id,
                                                   std::int64_t created_at = 1000) {
  return model::OrganizationScope{
      .id = id, .name = id + ":member", .description = "Scope " + id, .created_at = created_at};
}

inline auto fields(const model::Organization& o) {
  return std::tie(o.id, o.name, o.description, o.custom_data, o.is_mfa_required, o.color,
                  o.branding, o.custom_css, o.created_at);
}
inline auto fields(const model::OrganizationRole& r) {
  return std::tie(r.id, r.name, r.description, r.type, r.created_at);
}
inline auto fields(const model::OrganizationScope& s) {
  return std::tie(s.id, s.name, s.description, s.created_at);
}

inline Ids ids_of(const auto& items) {
  Ids out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

class OrganizationStorageTest : public StorageTest {
 protected:
  void SetUp() override;

  void insert_user(const std::string& id, std::int64_t created_at = 1000);
  void insert_app(const std::string& id, model::AppType type = model::AppType::MachineToMachine);
  void insert_organization(const std::string& id, std::int64_t created_at = 1000);
  void insert_role(const std::string& id, model::RoleType type = model::RoleType::User,
                   std::int64_t created_at = 1000);
  void insert_scope(const std::string& id, std::int64_t created_at = 1000);
  // Adds members and their roles, asserting success.
  void add_users(const std::string& org_id, const Ids& user_ids);
  void give_user_roles(const std::string& org_id, const Ids& user_ids, const Ids& role_ids);

  // Reads, answering {"<error>"} (and failing the test) on an error.
  Ids user_role_ids(const std::string& org_id, const std::string& user_id);
  Ids member_ids(const std::string& org_id, const std::string& search = "", Page page = {1, 20});
  Ids user_resource_scopes(const std::string& org_id, const std::string& user_id,
                           const std::string& resource_id);
};

}  // namespace latch::storage::test
