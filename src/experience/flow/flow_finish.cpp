#include "experience/flow/flow_rules.hpp"

// Submit: the last step of every event.
namespace latch::experience {
namespace {

// The identified account still exists and may sign in: checked before the profile, so that a
// deleted or suspended account is not first asked to complete it.
Result<void> account_usable(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, "user.identity_not_exist");
  if ((*user)->is_suspended) return flow_error(Errc::Forbidden, "user.suspended");
  return ok();
}

}  // namespace

Result<Submitted> FlowService::submit(const FlowContext& ctx) {
  std::string user_id;
  std::string event;
  bool reset = false;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event.empty()) return flow_error(Errc::InvalidRequest, "session.not_started");
    event = s.event;
    if (s.event == "ForgotPassword") {
      user_id = s.user_id;
      if (!s.password_reset)
        return flow_error(Errc::InvalidRequest, "user.missing_profile", "password");
      reset = true;
      s = FlowState{};
      s.event = "SignIn";
      return ok();
    }
    if (s.event == "SignIn" && s.user_id.empty()) {
      return flow_error(Errc::InvalidRequest, "session.verification_required");
    }
    if (s.event == "SignIn") {
      user_id = s.user_id;
      if (auto usable = account_usable(tx, s.user_id); !usable) return usable;
    }
    auto missing = missing_for(tx, s);
    if (!missing) return missing.error();
    if (!missing->empty()) {
      std::string list;
      for (const auto& m : *missing) list += (list.empty() ? "" : ",") + m;
      return flow_error(Errc::InvalidRequest, "user.missing_profile", list);
    }
    if (s.event == "Register") {
      auto created = create_user(tx, s);
      if (!created) return created.error();
      user_id = *created;
      return ok();
    }
    auto user = tx.users().find(s.user_id);
    if (!user) return user.error();
    if (!*user) return flow_error(Errc::NotFound, "user.identity_not_exist");
    bool changed = false;
    if (!s.username.empty() && !(*user)->username) (*user)->username = s.username, changed = true;
    if (!s.email.empty() && !(*user)->primary_email)
      (*user)->primary_email = s.email, changed = true;
    if (!s.phone.empty() && !(*user)->primary_phone)
      (*user)->primary_phone = s.phone, changed = true;
    if (!s.social_verification.empty()) {
      if (auto attached = attach_identity(tx, **user, s, false); !attached) return attached;
      changed = true;
    }
    user_id = s.user_id;
    if (!changed) return ok();
    (*user)->updated_at = clock_.now_millis();
    auto updated = tx.users().update(**user);
    if (!updated && updated.error().code == Errc::Conflict &&
        updated.error().description.find("identity") != std::string::npos) {
      return flow_error(Errc::Conflict, "user.identity_already_in_use");
    }
    return updated;
  });
  if (!done) {
    if (done.error().description == "user.suspended") {
      audit(ctx, "Interaction." + event + ".Submit", false, user_id,
            {{"error", done.error().description}});
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
  audit(ctx, "Interaction." + event + ".Submit", true, user_id);
  return Submitted{"/oidc/auth/" + ctx.uid, false};
}

}  // namespace latch::experience
