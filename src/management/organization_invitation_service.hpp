#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "model/organization.hpp"
#include "storage/organization_repositories.hpp"
#include "storage/store.hpp"

// Organization invitations (Logto's RFC 0003, /api/organization-invitations): an email address
// invited to join an organization with some organization roles, until a deadline.
namespace latch::management {

// An invitation with the roles it gives, as the API shows it. `invitation.status` is the status
// as of the read: a Pending invitation past its deadline reads as Expired.
struct InvitationView {
  model::OrganizationInvitation invitation;
  std::vector<model::OrganizationRole> roles;  // ordered by name
};

struct NewInvitation {
  std::optional<std::string> inviter_id;
  std::string invitee;  // an email address
  std::string organization_id;
  std::int64_t expires_at = 0;  // epoch ms, in the future
  std::vector<std::string> role_ids;
};

// What an invitation email names: the organization and who invites.
struct InvitationContext {
  std::string organization_id, organization_name;
  std::string inviter_name;  // the inviter's name, else username, else email; "" without one
};

// Why an invitee's sign-in did or did not accept an invitation (the hosted pages explain each).
enum class Acceptance { Accepted, WrongEmail, Expired, Revoked, AlreadyAccepted, NotFound };

// The status of `invitation` at `now_ms` (Pending past expires_at reads as Expired).
model::InvitationStatus status_at(const model::OrganizationInvitation& invitation,
                                  std::int64_t now_ms);

// Accepts invitation `id` for `user_id` inside `tx` when `verified_email` (the email the user
// proved in this sign-in) is the invitee: the user joins the organization with the invitation's
// roles and the invitation becomes Accepted. Anything else changes nothing and says why.
// Used by the hosted sign-in, in the transaction that signs the user in or creates them.
[[nodiscard]] Result<Acceptance> accept_for_sign_in(storage::Tx& tx, const std::string& id,
                                                    const std::string& user_id,
                                                    const std::string& verified_email,
                                                    std::int64_t now_ms);

// The management API's invitation rules (Logto's libraries/organization-invitation.ts). Each
// call is one transaction. Blocks on the database; thread-safe.
//
// Errors (Error::key): NotFound "entity.not_exists_with_id" for an unknown invitation;
// InvalidRequest "guard.invalid_input" (field invitee) for an invitee that is not an email
// address and "request.invalid_input" for a deadline that is not in the future; Conflict (422)
// "entity.relation_foreign_key_not_found" for an unknown organization or role,
// "entity.unique_integrity_violation" when the invitee already has a Pending invitation there,
// "request.invalid_input" when the invitee is a member already, for a MachineToMachine role, or
// for a status change the rules refuse.
class OrganizationInvitationService {
 public:
  OrganizationInvitationService(storage::Store& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Newest first; every filter optional (invitee ignores ASCII case). No pagination (Logto).
  [[nodiscard]] Result<std::vector<InvitationView>> list(const storage::InvitationFilter& filter);
  [[nodiscard]] Result<InvitationView> create(const NewInvitation& request);
  [[nodiscard]] Result<InvitationView> get(const std::string& id);
  [[nodiscard]] Result<void> remove(const std::string& id);
  // Pending → Revoked; an ended invitation (Accepted, Expired, Revoked) cannot change.
  [[nodiscard]] Result<InvitationView> revoke(const std::string& id);
  // Pending → Accepted by `user_id` (NotFound "entity.not_found" when no such user), whose
  // primary email must be the invitee; the user joins with the invitation's roles.
  [[nodiscard]] Result<InvitationView> accept(const std::string& id, const std::string& user_id);
  // The names an invitation email shows. NotFound as for get.
  [[nodiscard]] Result<InvitationContext> context(const std::string& id);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

// The invitation as Logto sends it: id, inviterId, invitee, acceptedUserId, organizationId,
// status, createdAt, updatedAt, expiresAt, organizationRoles [{id, name}].
boost::json::object to_json(const InvitationView& view);

// Whether `text` looks like an email address (local@domain.tld, no spaces, at most 256 chars).
bool is_email_address(std::string_view text);

}  // namespace latch::management
