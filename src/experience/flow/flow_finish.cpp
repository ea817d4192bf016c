#include "core/error_keys.hpp"
#include "experience/flow/flow_rules.hpp"
#include "oidc/authorization_request.hpp"

// Submit: the last step of every event.
namespace latch::experience {
namespace {

// The identified account still exists and may sign in: checked before the profile, so that a
// deleted or suspended account is not first asked to complete it.
Result<void> account_usable(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  if ((*user)->is_suspended) return flow_error(Errc::Forbidden, keys::kUserSuspended);
  return ok();
}

// Where an interaction without an app goes after submit: its invitation's page.
std::string invitation_page_after(const model::Interaction& interaction) {
  auto request = oidc::authorization_request_from_json(interaction.params_json);
  if (!request || request->invitation_id.empty()) return "/";
  return "/invitation/" + request->invitation_id + "/done";
}

}  // namespace

Result<Submitted> FlowService::submit(const FlowContext& ctx) {
  std::string user_id;
  InteractionEvent event = InteractionEvent::SignIn;
  bool reset = false;
  std::string redirect = "/oidc/auth/" + ctx.uid;
  auto done = mutate(
      ctx, [&](storage::Tx& tx, model::Interaction& interaction, FlowState& s) -> Result<void> {
        if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
        event = *s.event;
        // An interaction Latch's invitation page started has no app to return to: its page shows
        // the outcome.
        if (interaction.client_id.empty()) redirect = invitation_page_after(interaction);
        if (event == InteractionEvent::ForgotPassword) {
          user_id = s.user_id;
          if (!s.password_reset)
            return flow_error(Errc::InvalidRequest, keys::kMissingProfile, "password");
          reset = true;
          s = FlowState{};
          s.event = InteractionEvent::SignIn;
          return ok();
        }
        if (event == InteractionEvent::SignIn && s.user_id.empty()) {
          return flow_error(Errc::InvalidRequest, "session.verification_required");
        }
        if (event == InteractionEvent::SignIn) {
          user_id = s.user_id;
          if (auto usable = account_usable(tx, s.user_id); !usable) return usable;
        }
        auto missing = missing_for(tx, s);
        if (!missing) return missing.error();
        if (!missing->empty()) {
          std::string list;
          for (ProfileField m : *missing) {
            list += (list.empty() ? "" : ",") + std::string(profile_field_name(m));
          }
          return flow_error(Errc::InvalidRequest, keys::kMissingProfile, list);
        }
        if (event == InteractionEvent::Register) {
          auto created = create_user(tx, s);
          if (!created) return created.error();
          user_id = *created;
          return join_organizations(tx, interaction, s, user_id, true);
        }
        auto user = tx.users().find(s.user_id);
        if (!user) return user.error();
        if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
        bool changed = false;
        if (!s.username.empty() && !(*user)->username)
          (*user)->username = s.username, changed = true;
        if (!s.email.empty() && !(*user)->primary_email)
          (*user)->primary_email = s.email, changed = true;
        if (!s.phone.empty() && !(*user)->primary_phone)
          (*user)->primary_phone = s.phone, changed = true;
        if (!s.social_verification.empty()) {
          if (auto attached = attach_identity(tx, **user, s, false); !attached) return attached;
          changed = true;
        }
        user_id = s.user_id;
        if (changed) {
          (*user)->updated_at = clock_.now_millis();
          // A clash of the identity with another account's is Conflict
          // user.identity_already_in_use.
          if (auto updated = tx.users().update(**user); !updated) return updated;
        }
        return join_organizations(tx, interaction, s, user_id, false);
      });
  std::string log_key = "Interaction." + std::string(interaction_event_name(event)) + ".Submit";
  if (!done) {
    if (done.error().key == keys::kUserSuspended) {
      audit(ctx, log_key, false, user_id, {{"error", done.error().key}});
    }
    return done.error();
  }
  if (reset) {
    audit(ctx, "Interaction.ForgotPassword.Submit", true, user_id);
    return Submitted{{}, true};
  }
  if (auto completed = experience_.complete(ctx.uid, user_id); !completed) {
    return completed.error();
  }
  audit(ctx, log_key, true, user_id);
  return Submitted{redirect, false};
}

}  // namespace latch::experience
