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

// Where a sign-in without a redirect goes after submit: an invitation's
// (ExperienceService::start_invitation) to its invitation's page, a device's
// (ExperienceService::start_device) to the device's consent page; "" for any other interaction.
std::string invitation_page_after(const model::Interaction& interaction) {
  auto request = oidc::authorization_request_from_json(interaction.params_json);
  if (!request) return "";
  if (!request->device_user_code.empty()) return "/device/consent";
  if (request->invitation_id.empty()) return "";
  return "/invitation/" + request->invitation_id + "/done";
}

}  // namespace

// The profile the configuration requires, for a flow that has not created its account yet.
Result<void> FlowService::profile_complete(storage::Tx& tx, const FlowState& s) const {
  auto missing = missing_for(tx, s);
  if (!missing) return missing.error();
  if (missing->empty()) return ok();
  std::string list;
  for (ProfileField m : *missing) {
    list += (list.empty() ? "" : ",") + std::string(profile_field_name(m));
  }
  return flow_error(Errc::InvalidRequest, keys::kMissingProfile, list);
}

// SignIn: writes what the flow collected onto the account and joins its organizations. True
// when the account's data changed (an identifier, a social or SSO identity added).
Result<bool> FlowService::update_signed_in(storage::Tx& tx, const model::Interaction& interaction,
                                           const FlowState& s) {
  auto user = tx.users().find(s.user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  bool changed = false;
  if (!s.username.empty() && !(*user)->username) (*user)->username = s.username, changed = true;
  if (!s.email.empty() && !(*user)->primary_email) (*user)->primary_email = s.email, changed = true;
  if (!s.phone.empty() && !(*user)->primary_phone) (*user)->primary_phone = s.phone, changed = true;
  if (!s.social_verification.empty()) {
    if (auto attached = attach_identity(tx, **user, s, false); !attached) return attached.error();
    changed = true;
  }
  if (changed) {
    (*user)->updated_at = clock_.now_millis();
    // A clash of the identity with another account's is Conflict user.identity_already_in_use.
    if (auto updated = tx.users().update(**user); !updated) return updated.error();
  }
  if (!s.sso_verification.empty()) {
    if (auto saved = save_sso_identity(tx, s, s.user_id, false); !saved) return saved.error();
    changed = true;
  }
  if (auto joined = join_organizations(tx, interaction, s, s.user_id, false); !joined) {
    return joined.error();
  }
  return changed;
}

// Register: an email or phone the new account added as its second factor after it was created
// (bind_address) goes onto it, as update_signed_in does for a sign-in. True when it did.
Result<bool> FlowService::save_bound_address(storage::Tx& tx, const FlowState& s) const {
  if (!s.registered || (s.email.empty() && s.phone.empty())) return false;
  auto user = tx.users().find(s.user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  bool changed = false;
  if (!s.email.empty() && !(*user)->primary_email) (*user)->primary_email = s.email, changed = true;
  if (!s.phone.empty() && !(*user)->primary_phone) (*user)->primary_phone = s.phone, changed = true;
  if (!changed) return false;
  (*user)->updated_at = clock_.now_millis();
  if (auto updated = tx.users().update(**user); !updated) return updated.error();
  return true;
}

namespace {

// Whether submit stores a second factor the flow bound for `user_id` (mfa_at_submit).
bool binds_factor(const FlowState& s, const std::string& user_id) {
  return std::any_of(s.verifications.begin(), s.verifications.end(),
                     [&](const VerificationRecord& v) { return v.bound && v.user_id == user_id; });
}

}  // namespace

Result<Submitted> FlowService::submit(const FlowContext& ctx) {
  Submitted out;
  out.redirect_to = "/oidc/auth/" + ctx.uid;
  std::string user_id;
  InteractionEvent event = InteractionEvent::SignIn;
  bool reset = false;
  // An account Register just created stays created when the MFA gate then refuses the submit.
  std::optional<Error> deferred;
  auto done = mutate(
      ctx, [&](storage::Tx& tx, model::Interaction& interaction, FlowState& s) -> Result<void> {
        if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
        event = *s.event;
        // An interaction Latch's invitation page started has no app to return to: its page shows
        // the outcome.
        if (auto page = invitation_page_after(interaction); !page.empty()) out.redirect_to = page;
        if (event == InteractionEvent::ForgotPassword) {
          user_id = s.user_id;
          if (!s.password_reset)
            return flow_error(Errc::InvalidRequest, keys::kMissingProfile, "password");
          reset = true;
          s = FlowState{};
          s.event = InteractionEvent::SignIn;
          if (auto raised = raise_user_updated(tx, ctx, user_id); !raised) return raised;
          return raise_interaction_hook(tx, ctx, interaction, event, user_id);
        }
        if (event == InteractionEvent::SignIn && s.user_id.empty()) {
          return flow_error(Errc::InvalidRequest, "session.verification_required");
        }
        if (event == InteractionEvent::SignIn || s.registered) {
          user_id = s.user_id;
          if (auto usable = account_usable(tx, s.user_id); !usable) return usable;
          // The second factor comes before the profile, as in Logto.
          if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
        }
        if (!s.registered) {
          if (auto complete = profile_complete(tx, s); !complete) return complete;
        }
        if (event == InteractionEvent::Register && !s.registered) {
          auto created = create_user(tx, s);
          if (!created) return created.error();
          user_id = s.user_id = *created;
          s.registered = true;
          if (auto raised = raise_user_created(tx, ctx, user_id); !raised) return raised;
          if (auto joined = join_organizations(tx, interaction, s, user_id, true); !joined) {
            return joined;
          }
        }
        if (auto gate = mfa_at_submit(tx, ctx, s, out); !gate) {
          // A refusal asks the new account for its factor: the account stays. Anything else
          // undoes the whole submit.
          const auto& key = gate.error().key;
          bool refusal = key == keys::kMissingMfa || key == keys::kBackupCodeRequired;
          if (!s.registered || !refusal) return gate;
          deferred = gate.error();
          return ok();
        }
        bool factors_bound = binds_factor(s, user_id);
        auto saved = event == InteractionEvent::SignIn ? update_signed_in(tx, interaction, s)
                                                       : save_bound_address(tx, s);
        if (!saved) return saved.error();
        // Logto's User.Data.Updated of a submit that added profile data or second factors.
        if (*saved || factors_bound) {
          if (auto raised = raise_user_updated(tx, ctx, user_id); !raised) return raised;
        }
        return raise_interaction_hook(tx, ctx, interaction, event, user_id);
      });
  std::string log_key = "Interaction." + std::string(interaction_event_name(event)) + ".Submit";
  if (!done) {
    if (done.error().key == keys::kUserSuspended) {
      audit(ctx, log_key, false, user_id, {{"error", done.error().key}});
    }
    return done.error();
  }
  if (deferred) return *deferred;
  if (reset) {
    audit(ctx, "Interaction.ForgotPassword.Submit", true, user_id);
    return Submitted{.password_reset = true};
  }
  if (auto completed = experience_.complete(ctx.uid, user_id, out.amr); !completed) {
    return completed.error();
  }
  audit(ctx, log_key, true, user_id);
  return out;
}

}  // namespace latch::experience
