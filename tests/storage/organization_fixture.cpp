#include "storage/organization_fixture.hpp"

namespace latch::storage::test {

void OrganizationStorageTest::SetUp() {
  StorageTest::SetUp();
  if (IsSkipped()) return;
  model::Resource api = sample_resource("api", "https://api.example");
  api.scopes = {sample_scope("api-read", "api", "read"), sample_scope("api-write", "api", "write")};
  model::Resource other = sample_resource("other", "https://other.example");
  other.scopes = {sample_scope("other-read", "other", "read")};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().insert(api); }));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.resources().insert(other); }));
}

void OrganizationStorageTest::insert_user(const std::string& id, std::int64_t created_at) {
  ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(sample_user(id, created_at)); }));
}

void OrganizationStorageTest::insert_app(const std::string& id, model::AppType type) {
  model::Application app = sample_application(id);
  app.type = type;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.applications().insert(app); }));
}

void OrganizationStorageTest::insert_organization(const std::string& id, std::int64_t created_at) {
  ASSERT_OK(in_write(
      [&](Tx& tx) { return tx.organizations().insert(sample_organization(id, created_at)); }));
}

void OrganizationStorageTest::insert_role(const std::string& id, model::RoleType type,
                                          std::int64_t created_at) {
  ASSERT_OK(in_write([&](Tx& tx) {
    return tx.organization_roles().insert(organization_role(id, type, created_at));
  }));
}

void OrganizationStorageTest::insert_scope(const std::string& id, std::int64_t created_at) {
  ASSERT_OK(in_write(
      [&](Tx& tx) { return tx.organization_scopes().insert(organization_scope(id, created_at)); }));
}

void OrganizationStorageTest::add_users(const std::string& org_id, const Ids& user_ids) {
  ASSERT_OK(in_write([&](Tx& tx) { return tx.organizations().add_users(org_id, user_ids); }));
}

void OrganizationStorageTest::give_user_roles(const std::string& org_id, const Ids& user_ids,
                                              const Ids& role_ids) {
  ASSERT_OK(in_write(
      [&](Tx& tx) { return tx.organizations().add_user_roles(org_id, user_ids, role_ids); }));
}

Ids OrganizationStorageTest::user_role_ids(const std::string& org_id, const std::string& user_id) {
  auto roles = in_read([&](Tx& tx) { return tx.organizations().user_roles(org_id, user_id); });
  EXPECT_OK(roles);
  return roles ? ids_of(*roles) : Ids{"<error>"};
}

Ids OrganizationStorageTest::member_ids(const std::string& org_id, const std::string& search,
                                        Page page) {
  auto users = in_read([&](Tx& tx) { return tx.organizations().users(org_id, search, page); });
  EXPECT_OK(users);
  if (!users) return Ids{"<error>"};
  Ids out;
  for (const auto& member : *users) out.push_back(member.user.id);
  return out;
}

Ids OrganizationStorageTest::user_resource_scopes(const std::string& org_id,
                                                  const std::string& user_id,
                                                  const std::string& resource_id) {
  auto scopes = in_read([&](Tx& tx) {
    return tx.organizations().user_resource_scopes(org_id, user_id, resource_id);
  });
  EXPECT_OK(scopes);
  return scopes ? *scopes : Ids{"<error>"};
}

}  // namespace latch::storage::test
