#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"
#include "experience/experience_service.hpp"

// The invitation page's reads and its interaction without an app (experience_service.hpp).
namespace latch::experience {

Result<std::optional<model::Organization>> ExperienceService::organization(const std::string& id) {
  std::optional<model::Organization> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organizations().find(id);
    if (!found) return found.error();
    out = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::optional<InvitationLanding>> ExperienceService::invitation(const std::string& id,
                                                                       const std::string& user_id) {
  management::OrganizationInvitationService invitations(store_, clock_);
  auto view = invitations.get(id);
  if (!view) {
    if (view.error().code == Errc::NotFound) return std::optional<InvitationLanding>();
    return view.error();
  }
  auto context = invitations.context(id);
  if (!context) return context.error();
  InvitationLanding out{std::move(*view), std::move(*context), {}};
  if (!user_id.empty()) {
    auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
      auto user = tx.users().find(user_id);
      if (!user) return user.error();
      if (*user && (*user)->primary_email) out.user_email = *(*user)->primary_email;
      return ok();
    });
    if (!read) return read.error();
  }
  return std::optional<InvitationLanding>(std::move(out));
}

Result<std::string> ExperienceService::start_invitation(const oidc::AuthorizationRequest& request,
                                                        const std::string& replaced,
                                                        std::int64_t ttl) {
  model::Interaction interaction;
  interaction.uid = crypto::random_id(21);
  interaction.params_json = boost::json::serialize(oidc::to_json(request));
  interaction.created_at = clock_.now_seconds();
  interaction.expires_at = interaction.created_at + ttl;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (!replaced.empty()) {
      if (auto removed = tx.interactions().remove(replaced); !removed) return removed;
    }
    return tx.interactions().insert(interaction);
  });
  if (!done) return done.error();
  return interaction.uid;
}

Result<void> ExperienceService::finish(const std::string& uid) {
  return store_.transact([&](storage::Tx& tx) { return tx.interactions().remove(uid); });
}

}  // namespace latch::experience
