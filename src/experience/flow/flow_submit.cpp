#include "core/error_keys.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/security/password_policy.hpp"

// Identification, profile and submit.
namespace latch::experience {
namespace {

// Copies a verified identifier into the profile collected for a new account.
void take_identifier(FlowState& s, const VerificationRecord& v) {
  if (v.identifier_type == IdentifierType::Username) s.username = v.identifier;
  if (v.identifier_type == IdentifierType::Email) s.email = v.identifier;
  if (v.identifier_type == IdentifierType::Phone) s.phone = v.identifier;
  if (!v.password_hash.empty()) s.password_hash = v.password_hash;
}

// The identifier a verified record (of any type but Social) proved.
Identifier identifier_of(const VerificationRecord& v) {
  return {v.identifier_type.value_or(IdentifierType::Username), v.identifier};
}

}  // namespace

Result<void> FlowService::identify(const FlowContext& ctx, const std::string& vid,
                                   bool link_social) {
  return mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
    const VerificationRecord* v = vid.empty() ? s.latest_verified() : s.find(vid);
    if (!v) return flow_error(Errc::NotFound, "session.verification_session_not_found");
    if (!v->verified) return flow_error(Errc::InvalidRequest, "session.verification_required");
    // A second factor identifies nobody; a passkey signs in the account it belongs to.
    if (is_second_factor(v->type)) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    if (v->type == VerificationType::SignInPasskey && s.event != InteractionEvent::SignIn) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    if (v->type == VerificationType::Social) {
      VerificationRecord social = *v;
      return identify_social(tx, s, social, link_social);
    }
    if (v->type == VerificationType::EnterpriseSso) {
      VerificationRecord sso = *v;
      return identify_sso(tx, s, sso);
    }
    if (s.event == InteractionEvent::Register) {
      if (auto taken = identifier_taken(tx, identifier_of(*v)); !taken) {
        return taken;
      }
      take_identifier(s, *v);
      return ok();
    }
    if (!v->user_id.empty()) {
      s.user_id = v->user_id;
      return ok();
    }
    auto user = find_user(tx, identifier_of(*v));
    if (!user) return user.error();
    if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
    s.user_id = (*user)->id;
    return ok();
  });
}

Result<void> FlowService::add_profile(const FlowContext& ctx, ProfileField field,
                                      const std::string& value) {
  std::string hash;
  if (field == ProfileField::Password) {
    // The policy's "no identifier in the password" rule needs what the flow knows so far: the
    // identifiers collected for a new account, or the identified user's.
    std::vector<std::string> known;
    auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
      auto found = tx.interactions().find(ctx.uid);
      if (!found) return found.error();
      if (!*found) return flow_error(Errc::NotFound, keys::kSessionNotFound);
      FlowState s = read_flow_state((*found)->state_json, mfa_.secrets());
      for (const auto* v : {&s.username, &s.email, &s.phone}) {
        if (!v->empty()) known.push_back(*v);
      }
      if (!s.user_id.empty()) {
        auto user = tx.users().find(s.user_id);
        if (!user) return user.error();
        if (*user) {
          auto info = user_info(**user);
          known.insert(known.end(), info.begin(), info.end());
        }
      }
      return ok();
    });
    if (!read) return read;
    if (auto policy = check_new_password(value, known); !policy) return policy;
    auto h = crypto::hash_password(value);
    if (!h) return h.error();
    hash = std::move(*h);
  } else if (field == ProfileField::Username) {
    if (auto valid = validate_identifier({IdentifierType::Username, value}); !valid) return valid;
    if (auto allowed = check_username_policy(config()->username_policy, value); !allowed) {
      return allowed;
    }
  }
  return mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
    if (field == ProfileField::Password) {
      s.password_hash = hash;
      return ok();
    }
    if (field == ProfileField::Username) {
      if (auto taken = identifier_taken(tx, {IdentifierType::Username, value}); !taken) {
        return taken;
      }
      s.username = value;
      return ok();
    }
    auto* v = s.find(value);  // email/phone: the value is a verificationId
    if (!v || v->identifier_type != as_identifier_type(field)) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    if (!v->verified) return flow_error(Errc::InvalidRequest, "session.verification_required");
    if (auto taken = identifier_taken(tx, identifier_of(*v)); !taken) return taken;
    take_identifier(s, *v);
    return ok();
  });
}

Result<void> FlowService::reset_password(const FlowContext& ctx, const std::string& password) {
  auto config = this->config();
  std::optional<model::User> user;
  auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(ctx.uid);
    if (!found) return found.error();
    if (!*found) return flow_error(Errc::NotFound, keys::kSessionNotFound);
    FlowState s = read_flow_state((*found)->state_json, mfa_.secrets());
    if (s.event != InteractionEvent::ForgotPassword) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    if (s.user_id.empty()) return flow_error(Errc::InvalidRequest, "session.verification_required");
    auto u = tx.users().find(s.user_id);
    if (!u) return u.error();
    user = std::move(*u);
    return ok();
  });
  if (!read) return read;
  if (!user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  if (auto policy = check_password(config->password_policy, password, user_info(*user)); !policy) {
    return policy;
  }
  auto hash = crypto::hash_password(password);
  if (!hash) return hash.error();
  return mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.user_id != user->id) return flow_error(Errc::InvalidRequest, "session.wrong_event");
    auto current = tx.users().find(user->id);
    if (!current) return current.error();
    if (!*current) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
    model::set_latch_password_hash(**current, *hash);
    (*current)->updated_at = clock_.now_millis();
    s.password_reset = true;
    return tx.users().update(**current);
  });
}

Result<std::vector<ProfileField>> FlowService::missing_for(storage::Tx& tx,
                                                           const FlowState& s) const {
  auto config = this->config();
  std::vector<ProfileField> missing;
  // Logto: the profile an enterprise IdP vouched for is complete as it is.
  if (!s.sso_verification.empty()) return missing;
  std::optional<model::User> user;
  if (!s.user_id.empty()) {
    auto u = tx.users().find(s.user_id);
    if (!u) return u.error();
    user = std::move(*u);
  }
  auto has = [&](IdentifierType type) {
    switch (type) {
      case IdentifierType::Username:
        return !s.username.empty() || (user && user->username);
      case IdentifierType::Email:
        return !s.email.empty() || (user && user->primary_email);
      case IdentifierType::Phone:
        return !s.phone.empty() || (user && user->primary_phone);
    }
    return false;
  };
  // With both email and phone required, either one will do.
  bool either = config->requires_identifier(IdentifierType::Email) &&
                config->requires_identifier(IdentifierType::Phone);
  bool contact = has(IdentifierType::Email) || has(IdentifierType::Phone);
  for (IdentifierType id : config->sign_up.identifiers) {
    if (either && id != IdentifierType::Username && contact) continue;
    if (!has(id) && !(either && id == IdentifierType::Phone)) {
      missing.push_back(profile_field_of(id));
    }
  }
  bool has_password = !s.password_hash.empty() || (user && !user->password_hash.empty());
  // An account created by a social or SSO sign-in signs in there; it needs no password.
  if (s.event == InteractionEvent::Register && config->sign_up.password && !has_password &&
      s.social_verification.empty() && s.sso_verification.empty()) {
    missing.push_back(ProfileField::Password);
  }
  return missing;
}

Result<std::vector<ProfileField>> FlowService::missing_profile(const FlowContext& ctx) {
  std::vector<ProfileField> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(ctx.uid);
    if (!found) return found.error();
    if (!*found) return flow_error(Errc::NotFound, keys::kSessionNotFound);
    auto missing = missing_for(tx, read_flow_state((*found)->state_json, mfa_.secrets()));
    if (!missing) return missing.error();
    out = std::move(*missing);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::create_user(storage::Tx& tx, const FlowState& s) const {
  model::User user;
  user.id = crypto::random_id(12);
  if (!s.username.empty()) user.username = s.username;
  if (!s.email.empty()) user.primary_email = s.email;
  if (!s.phone.empty()) user.primary_phone = s.phone;
  if (!s.name.empty()) user.name = s.name;
  if (!s.avatar.empty()) user.avatar = s.avatar;
  user.password_hash = s.password_hash;
  user.created_at = user.updated_at = clock_.now_millis();
  if (!s.social_verification.empty()) {
    if (auto attached = attach_identity(tx, user, s, true); !attached) return attached.error();
  }
  // A clash with another account is a Conflict keyed user.<field>_already_in_use (or
  // user.identity_already_in_use) by the store.
  if (auto inserted = tx.users().insert(user); !inserted) return inserted.error();
  if (!s.sso_verification.empty()) {
    if (auto saved = save_sso_identity(tx, s, user.id, true); !saved) return saved.error();
  }
  return user.id;
}

}  // namespace latch::experience
