#include "storage/sql/organization_invitation_repository.hpp"

#include <map>
#include <string>

#include "storage/sql/listing.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT i.id, i.inviter_id, i.invitee, i.accepted_user_id, i.organization_id, i.status, "
    "i.created_at, i.updated_at, i.expires_at FROM organization_invitations i";

model::OrganizationInvitation read_invitation(const Row& row) {
  model::OrganizationInvitation invitation;
  invitation.id = row.text(0);
  invitation.inviter_id = row.optional_text(1);
  invitation.invitee = row.text(2);
  invitation.accepted_user_id = row.optional_text(3);
  invitation.organization_id = row.text(4);
  invitation.status =
      model::parse_invitation_status(row.text(5)).value_or(model::InvitationStatus::Expired);
  invitation.created_at = row.int64(6);
  invitation.updated_at = row.int64(7);
  invitation.expires_at = row.int64(8);
  return invitation;
}

Where invitation_filter(const InvitationFilter& filter) {
  Where where;
  if (filter.organization_id)
    where.add("i.organization_id = " + where.bind(*filter.organization_id));
  if (filter.inviter_id) where.add("i.inviter_id = " + where.bind(*filter.inviter_id));
  if (filter.invitee) where.add("i.invitee = " + where.bind(ascii_lower(*filter.invitee)));
  where.finish();
  return where;
}

// Fills in the role ids of `invitations`, the invitations `where` selects, ordered by role name.
Result<void> attach_roles(Connection& conn, const Where& where,
                          std::vector<model::OrganizationInvitation>& invitations) {
  std::map<std::string, std::vector<std::string>> roles;
  auto read = [&](const Row& row) { roles[row.text(0)].push_back(row.text(1)); };
  auto done = conn.query(
      "SELECT ir.organization_invitation_id, ir.organization_role_id "
      "FROM organization_invitation_role_relations ir "
      "JOIN organization_roles r ON r.id = ir.organization_role_id "
      "WHERE ir.organization_invitation_id IN (SELECT i.id FROM organization_invitations i" +
          where.sql + ") ORDER BY r.name, r.id",
      where.values, read);
  if (!done) return done.error();
  for (auto& invitation : invitations) {
    if (auto held = roles.find(invitation.id); held != roles.end()) {
      invitation.role_ids = std::move(held->second);
    }
  }
  return ok();
}

}  // namespace

Result<void> SqlOrganizationInvitationRepository::insert(const model::OrganizationInvitation& inv) {
  std::string invitee = ascii_lower(inv.invitee);
  auto inserted = run(conn_,
                      "INSERT INTO organization_invitations (id, inviter_id, invitee, "
                      "accepted_user_id, organization_id, status, created_at, updated_at, "
                      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {inv.id, nullable(inv.inviter_id), invitee, nullable(inv.accepted_user_id),
                       inv.organization_id, model::invitation_status_name(inv.status),
                       inv.created_at, inv.updated_at, inv.expires_at});
  if (!inserted) return inserted;
  for (const auto& role_id : inv.role_ids) {
    auto added = run(conn_,
                     "INSERT INTO organization_invitation_role_relations "
                     "(organization_invitation_id, organization_role_id) VALUES (?, ?) "
                     "ON CONFLICT DO NOTHING",
                     {inv.id, role_id});
    if (!added) return added;
  }
  return ok();
}

Result<std::optional<model::OrganizationInvitation>> SqlOrganizationInvitationRepository::find(
    std::string_view id) {
  Where where;
  where.add("i.id = " + where.bind(std::string(id)));
  where.finish();
  auto found = query_all_of<model::OrganizationInvitation>(conn_, kSelect + where.sql, where.values,
                                                           read_invitation);
  if (!found) return found.error();
  if (found->empty()) return std::optional<model::OrganizationInvitation>();
  if (auto roles = attach_roles(conn_, where, *found); !roles) return roles.error();
  return std::optional<model::OrganizationInvitation>(std::move(found->front()));
}

Result<std::vector<model::OrganizationInvitation>> SqlOrganizationInvitationRepository::list(
    const InvitationFilter& filter) {
  Where where = invitation_filter(filter);
  auto found = query_all_of<model::OrganizationInvitation>(
      conn_, kSelect + where.sql + " ORDER BY i.created_at DESC, i.id", where.values,
      read_invitation);
  if (!found) return found.error();
  if (auto roles = attach_roles(conn_, where, *found); !roles) return roles.error();
  return found;
}

Result<void> SqlOrganizationInvitationRepository::set_status(
    std::string_view id, model::InvitationStatus status,
    std::optional<std::string_view> accepted_user_id, std::int64_t at) {
  Value accepted = accepted_user_id ? Value(*accepted_user_id) : Value(nullptr);
  return execute_one(conn_,
                     "UPDATE organization_invitations SET status = ?, accepted_user_id = ?, "
                     "updated_at = ? WHERE id = ?",
                     {model::invitation_status_name(status), accepted, at, id},
                     "organization invitation");
}

Result<void> SqlOrganizationInvitationRepository::expire(std::int64_t now) {
  return run(conn_,
             "UPDATE organization_invitations SET status = 'Expired', updated_at = ?1 "
             "WHERE status = 'Pending' AND expires_at <= ?1",
             {now});
}

Result<void> SqlOrganizationInvitationRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM organization_invitations WHERE id = ?", {id},
                     "organization invitation");
}

}  // namespace latch::storage::sql
