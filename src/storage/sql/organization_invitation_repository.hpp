#pragma once

#include "storage/organization_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Organization invitations and the roles they give. One Pending invitation per invitee and
// organization is a partial unique index; deleting the organization, a role or the inviter or
// accepting user removes the rows that name it (ON DELETE CASCADE). Nothing here is cached.
class SqlOrganizationInvitationRepository final : public OrganizationInvitationRepository {
 public:
  explicit SqlOrganizationInvitationRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::OrganizationInvitation& invitation) override;
  Result<std::optional<model::OrganizationInvitation>> find(std::string_view id) override;
  Result<std::vector<model::OrganizationInvitation>> list(const InvitationFilter& filter) override;
  Result<void> set_status(std::string_view id, model::InvitationStatus status,
                          std::optional<std::string_view> accepted_user_id,
                          std::int64_t at) override;
  Result<void> expire(std::int64_t now) override;
  Result<void> remove(std::string_view id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
