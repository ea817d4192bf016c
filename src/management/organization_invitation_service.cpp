#include "management/organization_invitation_service.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/random.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;
using model::InvitationStatus;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error invalid_input(Errc code, std::string detail) {
  return keyed_error(code, "request.invalid_input", std::move(detail));
}

Error missing_invitation(const std::string& id) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "invitation " + id);
}

// The invitation with its roles and its status as of `now_ms`; nullopt when absent.
Result<std::optional<InvitationView>> load(storage::Tx& tx, const std::string& id,
                                           std::int64_t now_ms) {
  auto found = tx.organization_invitations().find(id);
  if (!found) return found.error();
  if (!*found) return std::optional<InvitationView>();
  InvitationView view{std::move(**found), {}};
  view.invitation.status = status_at(view.invitation, now_ms);
  auto roles = tx.organization_roles().find_many(view.invitation.role_ids);
  if (!roles) return roles.error();
  view.roles = std::move(*roles);
  return std::optional<InvitationView>(std::move(view));
}

Result<InvitationView> load_existing(storage::Tx& tx, const std::string& id, std::int64_t now_ms) {
  auto view = load(tx, id, now_ms);
  if (!view) return view.error();
  if (!*view) return missing_invitation(id);
  return std::move(**view);
}

// Logto's RFC 0003: only a Pending invitation changes status.
Result<void> still_pending(const InvitationView& view) {
  if (view.invitation.status == InvitationStatus::Pending) return ok();
  return invalid_input(Errc::Conflict, "the status of the invitation cannot be changed anymore");
}

// The checks of a new invitation that need the database: the organization and roles exist, the
// roles are User roles, the invitee is not a member yet.
Result<void> check_new(storage::Tx& tx, const NewInvitation& r) {
  auto organization = tx.organizations().find(r.organization_id);
  if (!organization) return organization.error();
  if (!*organization) {
    return keyed_error(Errc::Conflict, "entity.relation_foreign_key_not_found",
                       "organization " + r.organization_id);
  }
  auto roles = tx.organization_roles().find_many(r.role_ids);
  if (!roles) return roles.error();
  for (const auto& id : r.role_ids) {
    auto it = std::find_if(roles->begin(), roles->end(), [&](const auto& x) { return x.id == id; });
    if (it == roles->end()) {
      return keyed_error(Errc::Conflict, "entity.relation_foreign_key_not_found",
                         "organization role " + id);
    }
    if (it->type != model::RoleType::User) {
      return invalid_input(Errc::Conflict, "organization role " + id + " is not a User role");
    }
  }
  auto user = tx.users().find_by_email(r.invitee);
  if (!user) return user.error();
  if (!*user) return ok();
  auto member = tx.organizations().has_user(r.organization_id, (*user)->id);
  if (!member) return member.error();
  if (*member) return invalid_input(Errc::Conflict, "the invitee is already a member");
  return ok();
}

// Makes `user_id` a member with the invitation's roles and marks it Accepted.
Result<void> join(storage::Tx& tx, InvitationView& view, const std::string& user_id,
                  std::int64_t now_ms) {
  auto& i = view.invitation;
  if (auto added = tx.organizations().add_users(i.organization_id, {user_id}); !added) {
    return added;
  }
  if (!i.role_ids.empty()) {
    auto roles = tx.organizations().add_user_roles(i.organization_id, {user_id}, i.role_ids);
    if (!roles) return roles;
  }
  if (auto set = tx.organization_invitations().set_status(i.id, InvitationStatus::Accepted, user_id,
                                                          now_ms);
      !set) {
    return set;
  }
  i.status = InvitationStatus::Accepted;
  i.accepted_user_id = user_id;
  i.updated_at = now_ms;
  return ok();
}

std::string display_name(const model::User& user) {
  for (const auto* v : {&user.name, &user.username, &user.primary_email}) {
    if (*v && !(*v)->empty()) return **v;
  }
  return {};
}

}  // namespace

model::InvitationStatus status_at(const model::OrganizationInvitation& invitation,
                                  std::int64_t now_ms) {
  if (invitation.status == InvitationStatus::Pending && invitation.expires_at <= now_ms) {
    return InvitationStatus::Expired;
  }
  return invitation.status;
}

bool is_email_address(std::string_view text) {
  auto at = text.find('@');
  if (text.empty() || text.size() > 256 || at == 0 || at == std::string_view::npos) return false;
  if (text.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') return false;
  }
  auto domain = text.substr(at + 1);
  auto dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

Result<Acceptance> accept_for_sign_in(storage::Tx& tx, const std::string& id,
                                      const std::string& user_id, const std::string& verified_email,
                                      std::int64_t now_ms) {
  auto view = load(tx, id, now_ms);
  if (!view) return view.error();
  if (!*view) return Acceptance::NotFound;
  switch ((*view)->invitation.status) {
    case InvitationStatus::Expired:
      return Acceptance::Expired;
    case InvitationStatus::Revoked:
      return Acceptance::Revoked;
    case InvitationStatus::Accepted:
      return Acceptance::AlreadyAccepted;
    case InvitationStatus::Pending:
      break;
  }
  if (verified_email.empty() || lower(verified_email) != lower((*view)->invitation.invitee)) {
    return Acceptance::WrongEmail;
  }
  if (auto joined = join(tx, **view, user_id, now_ms); !joined) return joined.error();
  return Acceptance::Accepted;
}

Result<std::vector<InvitationView>> OrganizationInvitationService::list(
    const storage::InvitationFilter& filter) {
  std::vector<InvitationView> out;
  auto now = clock_.now_millis();
  storage::InvitationFilter query = filter;
  if (query.invitee) query.invitee = lower(*query.invitee);
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organization_invitations().list(query);
    if (!found) return found.error();
    for (auto& invitation : *found) {
      InvitationView view{std::move(invitation), {}};
      view.invitation.status = status_at(view.invitation, now);
      auto roles = tx.organization_roles().find_many(view.invitation.role_ids);
      if (!roles) return roles.error();
      view.roles = std::move(*roles);
      out.push_back(std::move(view));
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<InvitationView> OrganizationInvitationService::create(const NewInvitation& r) {
  if (!is_email_address(r.invitee)) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                                  "invitee must be an email address"),
                      "invitee");
  }
  auto now = clock_.now_millis();
  if (r.expires_at <= now) {
    return with_field(invalid_input(Errc::InvalidRequest, "expiresAt must be in the future"),
                      "expiresAt");
  }
  model::OrganizationInvitation invitation{.id = crypto::random_id(21),
                                           .inviter_id = r.inviter_id,
                                           .invitee = lower(r.invitee),
                                           .organization_id = r.organization_id,
                                           .role_ids = r.role_ids,
                                           .created_at = now,
                                           .updated_at = now,
                                           .expires_at = r.expires_at};
  std::optional<InvitationView> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto valid = check_new(tx, r); !valid) return valid;
    if (r.inviter_id) {
      auto inviter = tx.users().find(*r.inviter_id);
      if (!inviter) return inviter.error();
      if (!*inviter) {
        return keyed_error(Errc::Conflict, "entity.relation_foreign_key_not_found",
                           "inviter " + *r.inviter_id);
      }
    }
    // A Pending invitation past its deadline must not block a new one (one Pending per invitee).
    if (auto expired = tx.organization_invitations().expire(now); !expired) return expired;
    if (auto inserted = tx.organization_invitations().insert(invitation); !inserted) {
      return inserted;
    }
    auto view = load_existing(tx, invitation.id, now);
    if (!view) return view.error();
    out = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<InvitationView> OrganizationInvitationService::get(const std::string& id) {
  std::optional<InvitationView> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto view = load_existing(tx, id, clock_.now_millis());
    if (!view) return view.error();
    out = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> OrganizationInvitationService::remove(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.organization_invitations().remove(id);
    if (!removed && removed.error().code == Errc::NotFound) return missing_invitation(id);
    return removed;
  });
}

Result<InvitationView> OrganizationInvitationService::revoke(const std::string& id) {
  std::optional<InvitationView> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto now = clock_.now_millis();
    auto view = load_existing(tx, id, now);
    if (!view) return view.error();
    if (auto pending = still_pending(*view); !pending) return pending;
    auto set =
        tx.organization_invitations().set_status(id, InvitationStatus::Revoked, std::nullopt, now);
    if (!set) return set;
    view->invitation.status = InvitationStatus::Revoked;
    view->invitation.updated_at = now;
    out = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<InvitationView> OrganizationInvitationService::accept(const std::string& id,
                                                             const std::string& user_id) {
  std::optional<InvitationView> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto now = clock_.now_millis();
    auto view = load_existing(tx, id, now);
    if (!view) return view.error();
    if (auto pending = still_pending(*view); !pending) return pending;
    auto user = tx.users().find(user_id);
    if (!user) return user.error();
    if (!*user) return keyed_error(Errc::NotFound, "entity.not_found", "user " + user_id);
    const auto& email = (*user)->primary_email;
    if (!email || lower(*email) != lower(view->invitation.invitee)) {
      return invalid_input(Errc::Conflict, "the accepted user must have the invitee's email");
    }
    if (auto joined = join(tx, *view, user_id, now); !joined) return joined;
    out = std::move(*view);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<InvitationContext> OrganizationInvitationService::context(const std::string& id) {
  InvitationContext out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto invitation = tx.organization_invitations().find(id);
    if (!invitation) return invitation.error();
    if (!*invitation) return missing_invitation(id);
    out.organization_id = (*invitation)->organization_id;
    auto organization = tx.organizations().find(out.organization_id);
    if (!organization) return organization.error();
    if (*organization) out.organization_name = (*organization)->name;
    if (!(*invitation)->inviter_id) return ok();
    auto inviter = tx.users().find(*(*invitation)->inviter_id);
    if (!inviter) return inviter.error();
    if (*inviter) out.inviter_name = display_name(**inviter);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

json::object to_json(const InvitationView& view) {
  const auto& i = view.invitation;
  json::array roles;
  for (const auto& role : view.roles) roles.push_back({{"id", role.id}, {"name", role.name}});
  auto optional = [](const std::optional<std::string>& v) -> json::value {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return {{"id", i.id},
          {"inviterId", optional(i.inviter_id)},
          {"invitee", i.invitee},
          {"acceptedUserId", optional(i.accepted_user_id)},
          {"organizationId", i.organization_id},
          {"status", model::invitation_status_name(i.status)},
          {"createdAt", i.created_at},
          {"updatedAt", i.updated_at},
          {"expiresAt", i.expires_at},
          {"organizationRoles", std::move(roles)}};
}

}  // namespace latch::management
