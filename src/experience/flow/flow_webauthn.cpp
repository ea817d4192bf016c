#include <algorithm>
#include <boost/url/parse.hpp>
#include <utility>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"

// WebAuthn as a second factor (register, authenticate) and passkey sign-in (W3C WebAuthn Level 2
// §7.1, §7.2 through MfaService). Each ceremony's challenge lives in the interaction and is good
// for one answer.
namespace latch::experience {
namespace {

using model::MfaFactor;

// The UV flag (bit 2 of the flags byte after the 32-byte RP ID hash, WebAuthn §6.1) of an
// AuthenticationResponseJSON's authenticatorData, which MfaService has verified the signature of.
bool user_verified(const boost::json::object& payload) {
  const auto* response = payload.if_contains("response");
  if (!response || !response->is_object()) return false;
  const auto* data = response->as_object().if_contains("authenticatorData");
  if (!data || !data->is_string()) return false;
  auto bytes = crypto::base64url_decode(data->as_string());
  return bytes && bytes->size() > 32 && (static_cast<unsigned char>((*bytes)[32]) & 0x04) != 0;
}

Error session_not_found() {
  return flow_error(Errc::NotFound, "session.verification_session_not_found");
}

Result<void> passkey_enabled(const SignInExperience& config) {
  if (!config.passkey_sign_in.enabled) {
    return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled");
  }
  return ok();
}

// A WebAuthn or passkey record waiting for its ceremony's answer.
VerificationRecord ceremony(VerificationType type, const std::string& user_id, bool bind) {
  VerificationRecord r;
  r.id = crypto::random_id(21);
  r.type = type;
  r.user_id = user_id;
  r.bind = bind;
  r.challenge = crypto::random_token(32);
  r.amr = "hwk";
  return r;
}

}  // namespace

management::RelyingParty FlowService::relying_party() const {
  management::RelyingParty rp;
  rp.name = config()->app_name;
  auto url = boost::urls::parse_uri(endpoint_);
  if (!url) return rp;
  rp.id = std::string(url->host());
  rp.origin = std::string(url->scheme()) + "://" + std::string(url->encoded_host_and_port());
  return rp;
}

Result<WebAuthnStart> FlowService::webauthn_registration(const FlowContext& ctx) {
  auto config = this->config();
  WebAuthnStart out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    if (!config->mfa.enabled(MfaFactor::WebAuthn) && !config->passkey_sign_in.enabled) {
      return flow_error(Errc::InvalidRequest, "session.mfa.mfa_factor_not_enabled");
    }
    auto factors = mfa_.factors(tx, user->id);
    if (!factors) return factors.error();
    auto r = ceremony(VerificationType::WebAuthn, user->id, true);
    out = {r.id, mfa_.registration_options(relying_party(), *user, *factors, r.challenge)};
    s.verifications.push_back(std::move(r));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::verify_webauthn_registration(const FlowContext& ctx,
                                                              const std::string& vid,
                                                              const boost::json::object& payload) {
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    auto* v = s.find(vid);
    if (!v || v->type != VerificationType::WebAuthn || !v->bind || v->user_id != user->id ||
        v->challenge.empty()) {
      return session_not_found();
    }
    auto added =
        mfa_.add_webauthn(tx, user->id, payload, v->challenge, relying_party(), ctx.user_agent);
    if (!added) return added.error();
    v->verified = true;
    v->factor_id = added->id;
    v->challenge.clear();
    return ok();
  });
  if (!done) return done.error();
  return vid;
}

Result<WebAuthnStart> FlowService::webauthn_authentication(const FlowContext& ctx) {
  WebAuthnStart out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    auto factors = mfa_.factors(tx, user->id);
    if (!factors) return factors.error();
    bool has = std::any_of(factors->begin(), factors->end(),
                           [](const auto& f) { return f.type == MfaFactor::WebAuthn; });
    if (!has) return flow_error(Errc::NotFound, "session.mfa.mfa_factor_not_enabled");
    auto r = ceremony(VerificationType::WebAuthn, user->id, false);
    out = {r.id, mfa_.authentication_options(relying_party(), *factors, r.challenge)};
    s.verifications.push_back(std::move(r));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::verify_webauthn_authentication(
    const FlowContext& ctx, const std::string& vid, const boost::json::object& payload) {
  return guarded_check(
      ctx, "WebAuthn",
      [&](storage::Tx& tx, FlowState& s, const model::User& user) -> Result<std::string> {
        auto* v = s.find(vid);
        if (!v || v->type != VerificationType::WebAuthn || v->bind || v->user_id != user.id ||
            v->challenge.empty()) {
          return session_not_found();
        }
        std::string challenge = std::exchange(v->challenge, "");  // one answer per challenge
        auto used = mfa_.verify_webauthn(tx, user.id, payload, challenge, relying_party());
        if (!used) return used.error();
        v->verified = true;
        v->factor_id = used->id;
        v->user_verified = user_verified(payload);
        return vid;
      });
}

Result<boost::json::object> FlowService::passkey_options(const FlowContext& ctx) {
  auto config = this->config();
  if (auto enabled = passkey_enabled(*config); !enabled) return enabled.error();
  boost::json::object out;
  auto done = mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event != InteractionEvent::SignIn) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    s.passkey_challenge = crypto::random_token(32);
    out = mfa_.authentication_options(relying_party(), {}, s.passkey_challenge);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<WebAuthnStart> FlowService::passkey_authentication(const FlowContext& ctx,
                                                          const Identifier& id) {
  auto config = this->config();
  if (auto enabled = passkey_enabled(*config); !enabled) return enabled.error();
  WebAuthnStart out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event != InteractionEvent::SignIn) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    auto user = find_user(tx, id);
    if (!user) return user.error();
    std::vector<model::MfaVerification> factors;
    if (*user) {
      auto stored = mfa_.factors(tx, (*user)->id);
      if (!stored) return stored.error();
      std::erase_if(*stored, [](const auto& f) { return f.type != MfaFactor::WebAuthn; });
      factors = std::move(*stored);
    }
    // An unknown account gets options as a known one without credentials would: nothing tells.
    auto r = ceremony(VerificationType::SignInPasskey, *user ? (*user)->id : "", false);
    out = {r.id, mfa_.authentication_options(relying_party(), factors, r.challenge)};
    s.verifications.push_back(std::move(r));
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::verify_passkey(const FlowContext& ctx, const std::string& vid,
                                                const boost::json::object& payload) {
  auto config = this->config();
  if (auto enabled = passkey_enabled(*config); !enabled) return enabled.error();
  std::optional<Error> failure;
  std::string id = vid.empty() ? crypto::random_id(21) : vid;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event != InteractionEvent::SignIn) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    std::string challenge, expected;
    if (vid.empty()) {
      challenge = std::exchange(s.passkey_challenge, "");
    } else if (auto* v = s.find(vid); v && v->type == VerificationType::SignInPasskey) {
      challenge = std::exchange(v->challenge, "");
      expected = v->user_id;
    }
    if (challenge.empty()) return session_not_found();
    // No user named, or none found: the credential says whose it is.
    std::optional<std::string_view> owner;
    if (!expected.empty()) owner = expected;
    auto used = mfa_.verify_webauthn(tx, owner, payload, challenge, relying_party());
    if (!used) {
      if (used.error().code != Errc::InvalidRequest && used.error().code != Errc::NotFound) {
        return used.error();
      }
      failure = flow_error(Errc::InvalidRequest, "session.mfa.webauthn_verification_failed");
      return ok();  // the challenge stays used
    }
    auto r = ceremony(VerificationType::SignInPasskey, used->user_id, false);
    r.id = id;
    r.challenge.clear();
    r.verified = true;
    r.factor_id = used->id;
    r.user_verified = user_verified(payload);
    std::erase_if(s.verifications, [&](const auto& v) { return v.id == id; });
    s.verifications.push_back(std::move(r));
    return ok();
  });
  if (!done) return done.error();
  if (failure) {
    audit(ctx, "Interaction.SignIn.Verification.SignInPasskey", false, "",
          {{"error", failure->key}});
    return *failure;
  }
  return id;
}

}  // namespace latch::experience
