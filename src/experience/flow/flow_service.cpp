#include "experience/flow/flow_service.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "core/error_keys.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/security/password_policy.hpp"
#include "oidc/audit_log.hpp"

namespace latch::experience {

Error too_many_requests(std::int64_t retry_after) {
  Error error = flow_error(Errc::TooManyRequests, "request.too_many_requests");
  error.retry_after = retry_after;
  return error;
}

Error flow_error(Errc code, std::string_view key, std::string detail) {
  return keyed_error(code, key, std::move(detail));
}

namespace {

Result<void> event_allowed(const SignInExperience& config, InteractionEvent event) {
  if (event == InteractionEvent::Register && !config.sign_up_enabled()) {
    return flow_error(Errc::Forbidden, "user.sign_up_method_not_enabled");
  }
  if (event == InteractionEvent::SignIn && config.sign_in_mode == SignInMode::Register) {
    return flow_error(Errc::Forbidden, "session.sign_in_disabled");
  }
  return ok();
}

}  // namespace

void FlowService::catch_up_settings() const {
  if (auto current = settings_.ensure_current(store_); !current) {
    spdlog::warn("cannot check the sign-in experience for changes: {}",
                 current.error().description);
  }
}

void FlowService::audit(const FlowContext& ctx, const std::string& key, bool success,
                        const std::string& user_id, boost::json::object payload) {
  oidc::AuditEvent event{key, success, user_id, {}, ctx.ip, std::move(payload)};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = tx.interactions().find(ctx.uid);
    if (interaction && *interaction) event.application_id = (*interaction)->client_id;
    return tx.logs().insert(oidc::audit_log_of(std::move(event), clock_.now_millis()));
  });
  if (!done) spdlog::error("cannot write audit log {}: {}", key, done.error().description);
}

Result<void> FlowService::mutate(const FlowContext& ctx, const Step& step) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(ctx.uid);
    if (!found) return found.error();
    if (!*found || (*found)->expires_at <= clock_.now_seconds()) {
      return flow_error(Errc::NotFound, keys::kSessionNotFound);
    }
    auto& interaction = **found;
    FlowState state = read_flow_state(interaction.state_json, mfa_.secrets());
    if (auto done = step(tx, interaction, state); !done) return done;
    interaction.state_json = write_flow_state(interaction.state_json, state, mfa_.secrets());
    return tx.interactions().update(interaction);
  });
}

Result<void> FlowService::start(const FlowContext& ctx, InteractionEvent event) {
  auto config = this->config();
  if (auto allowed = event_allowed(*config, event); !allowed) return allowed;
  return mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    s = FlowState{};
    s.event = event;
    return ok();
  });
}

Result<void> FlowService::set_event(const FlowContext& ctx, InteractionEvent event) {
  auto config = this->config();
  if (auto allowed = event_allowed(*config, event); !allowed) return allowed;
  return mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
    if (s.event == InteractionEvent::ForgotPassword || event == InteractionEvent::ForgotPassword) {
      s.verifications.clear();
    }
    s.event = event;
    s.user_id.clear();
    // What was decided for the account the flow had identified or created goes with it.
    s.registered = s.mfa_skipped = s.trust_device = false;
    return ok();
  });
}

Result<FlowState> FlowService::state(const FlowContext& ctx) {
  FlowState out;
  auto done = mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    out = s;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> FlowService::check_new_password(const std::string& password,
                                             const std::vector<std::string>& user_info) const {
  return check_password(config()->password_policy, password, user_info);
}

Result<std::string> FlowService::new_password_identity(const FlowContext& ctx, const Identifier& id,
                                                       const std::string& password) {
  auto config = this->config();
  if (!config->requires_identifier(id.type) || !config->sign_up.password) {
    return flow_error(Errc::Forbidden, "user.sign_up_method_not_enabled");
  }
  if (id.type != IdentifierType::Username && config->sign_up.verify) {
    return flow_error(Errc::InvalidRequest, "session.verification_required");
  }
  if (auto valid = validate_identifier(id); !valid) return valid.error();
  if (id.type == IdentifierType::Username) {
    if (auto allowed = check_username_policy(config->username_policy, id.value); !allowed) {
      return allowed.error();
    }
  }
  if (auto policy = check_new_password(password, {id.value}); !policy) return policy.error();
  auto hash = crypto::hash_password(password);
  if (!hash) return hash.error();
  std::string vid = crypto::random_id(21);
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event != InteractionEvent::Register) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    if (auto taken = identifier_taken(tx, id); !taken) return taken;
    s.verifications.push_back(record_of(vid, VerificationType::NewPasswordIdentity, id, true));
    s.verifications.back().password_hash = *hash;
    return ok();
  });
  if (!done) return done.error();
  return vid;
}

}  // namespace latch::experience
