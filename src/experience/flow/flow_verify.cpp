#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/messaging/one_time_code.hpp"
#include "experience/security/sentinel.hpp"
#include "http/client_address.hpp"
#include "management/user_password.hpp"

// Verification steps: password, one-time codes.
namespace latch::experience {
namespace {

constexpr std::int64_t kCodeTtl = 600;  // seconds
constexpr int kMaxCodeAttempts = 5;
constexpr std::int64_t kSendWindow = 600;
constexpr std::int64_t kMaxSendsPerWindow = 5;

// Whether the flow may verify `id` by code under `config`.
bool code_allowed(const SignInExperience& config, const FlowState& s, const Identifier& id) {
  if (id.type == IdentifierType::Username) return false;
  if (s.event == InteractionEvent::ForgotPassword) return true;
  // Proving the account to link a social identity to.
  if (id.type == IdentifierType::Email && s.event == InteractionEvent::SignIn &&
      social_email_in_flow(s, id.value)) {
    return true;
  }
  if (config.requires_identifier(id.type)) return true;  // sign-up, or the continue step
  const auto* method = config.method(id.type);
  return method && method->verification_code;
}

}  // namespace

Result<std::string> FlowService::verify_password(const FlowContext& ctx, const Identifier& id,
                                                 const std::string& password) {
  auto config = this->config();
  const auto* method = config->method(id.type);
  bool enabled = method && method->password;
  if (id.value.empty() || password.empty()) {
    return flow_error(Errc::InvalidRequest, "session.invalid_credentials");
  }
  // Logto's verifySsoOnlyEmailIdentifier: an email of an SSO domain signs in at its IdP.
  if (id.type == IdentifierType::Email) {
    if (auto sso_only = refuse_sso_email(id.value); !sso_only) return sso_only.error();
  }
  Sentinel sentinel(*config, clock_.now_seconds());
  std::optional<model::User> user;
  std::string subject;
  auto found = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (!enabled && id.type == IdentifierType::Email) {
      // Proving the account to link a social identity to.
      auto interaction = tx.interactions().find(ctx.uid);
      if (!interaction) return interaction.error();
      enabled = *interaction &&
                social_email_in_flow(read_flow_state((*interaction)->state_json, mfa_.secrets()),
                                     id.value);
    }
    if (!enabled) return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled");
    auto u = find_user(tx, id);
    if (!u) return u.error();
    user = std::move(*u);
    // One budget per account, whichever of its identifiers was typed.
    subject = Sentinel::subject_of(user ? std::optional(user->id) : std::nullopt, id.value);
    return sentinel.check(tx, subject, ctx.ip);
  });
  if (!found) return found.error();
  // Any algorithm a user's password was stored with; a foreign digest becomes Argon2id here.
  bool good = management::check_user_password(store_, clock_, user ? &*user : nullptr, password);
  std::string vid = crypto::random_id(21);
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event != InteractionEvent::SignIn) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    if (!good) return sentinel.record_failure(tx, subject, ctx.ip);
    s.verifications.push_back(record_of(vid, VerificationType::Password, id, true));
    s.verifications.back().user_id = user->id;
    return sentinel.clear(tx, subject);
  });
  if (!done) return done.error();
  if (!good) {
    audit(ctx, "Interaction.SignIn.Verification.Password", false, user ? user->id : "",
          {{"identifier", {{"type", identifier_type_name(id.type)}, {"value", id.value}}},
           {"error", "session.invalid_credentials"}});
    return flow_error(Errc::InvalidGrant, "session.invalid_credentials");
  }
  return vid;
}

Result<std::string> FlowService::send_code(const FlowContext& ctx, const Identifier& id) {
  auto config = this->config();
  return deliver_code(ctx, id, [&](storage::Tx& tx, const FlowState& s) -> Result<CodeRecord> {
    if (!code_allowed(*config, s, id) && !may_add_address(tx, s, id.type)) {
      return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled");
    }
    return CodeRecord{VerificationType::VerificationCode, ""};
  });
}

Result<std::string> FlowService::deliver_code(const FlowContext& ctx, const Identifier& id,
                                              const CodeCheck& check) {
  auto config = this->config();
  if (auto valid = validate_identifier(id); !valid) return valid.error();
  // Per address, before any database work: a refused request costs a hash lookup.
  std::string address = http::address_key(ctx.ip);
  if (std::int64_t wait = code_sends_.blocked_for(address); wait > 0) {
    return too_many_requests(wait);
  }
  if (std::int64_t wait = code_sends_.hit(address); wait > 0) return too_many_requests(wait);
  std::string code = new_six_digit_code();
  storage::VerificationCode record{.id = crypto::random_id(21),
                                   .interaction_uid = ctx.uid,
                                   .identifier_type = std::string(identifier_type_name(id.type)),
                                   .identifier = id.value,
                                   .created_at = clock_.now_seconds(),
                                   .expires_at = clock_.now_seconds() + kCodeTtl};
  record.code_hash = one_time_code_hash(record.id, code);
  std::string vid = crypto::random_id(21);
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
    auto kind = check(tx, s);
    if (!kind) return kind.error();
    auto sent = tx.verification_codes().count_sent(id.value, record.created_at - kSendWindow);
    if (!sent) return sent.error();
    if (*sent >= kMaxSendsPerWindow) {
      return flow_error(Errc::Forbidden, "verification_code.rate_limited");
    }
    record.purpose = interaction_event_name(*s.event);
    s.verifications.push_back(record_of(vid, kind->type, id, false));
    s.verifications.back().code_id = record.id;
    s.verifications.back().user_id = kind->user_id;
    s.verifications.back().amr = "otp";
    return tx.verification_codes().insert(record);
  });
  if (!done) return done.error();
  std::string kind = id.type == IdentifierType::Email ? "email" : "sms";  // the message kind
  auto sent =
      messages_.send_code({kind, id.value, record.purpose, code, ctx.lang, config->app_name});
  if (!sent) return sent.error();
  return vid;
}

Result<void> FlowService::consume_code(storage::Tx& tx, const FlowContext& ctx, FlowState& s,
                                       VerificationRecord& v, const std::string& code) const {
  bool digits = is_six_digit_code(code);
  auto stored = tx.verification_codes().find(v.code_id);
  if (!stored) return stored.error();
  if (!*stored || (*stored)->interaction_uid != ctx.uid || !s.event ||
      (*stored)->purpose != interaction_event_name(*s.event)) {
    return flow_error(Errc::NotFound, "session.verification_session_not_found");
  }
  const auto& c = **stored;
  if (c.consumed_at != 0) return flow_error(Errc::InvalidRequest, "verification_code.used");
  if (c.expires_at <= clock_.now_seconds()) {
    return flow_error(Errc::InvalidRequest, "verification_code.expired");
  }
  if (c.attempts >= kMaxCodeAttempts) {
    return flow_error(Errc::InvalidRequest, "verification_code.exceed_max_try");
  }
  if (!digits || !crypto::constant_time_equal(one_time_code_hash(c.id, code), c.code_hash)) {
    if (auto counted = tx.verification_codes().add_attempt(c.id); !counted) return counted;
    return flow_error(Errc::InvalidRequest, "verification_code.code_mismatch");
  }
  auto consumed = tx.verification_codes().consume(c.id, clock_.now_seconds());
  if (!consumed) return consumed.error();
  if (!*consumed) return flow_error(Errc::InvalidRequest, "verification_code.used");
  v.verified = true;
  return ok();
}

Result<std::string> FlowService::verify_code(const FlowContext& ctx, const std::string& vid,
                                             const std::string& code) {
  std::optional<Error> failure;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto* v = s.find(vid);
    if (!v || v->type != VerificationType::VerificationCode) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    auto consumed = consume_code(tx, ctx, s, *v, code);
    if (!consumed && consumed.error().key == "verification_code.code_mismatch") {
      failure = consumed.error();
      return ok();  // keep the attempt: commit
    }
    return consumed;
  });
  if (!done) return done.error();
  if (failure) {
    audit(ctx, "Interaction.Verification.VerificationCode", false, "", {{"error", failure->key}});
    return *failure;
  }
  return vid;
}

}  // namespace latch::experience
