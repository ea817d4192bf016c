#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/experience_service.hpp"
#include "experience/flow/flow_state.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "experience/social/social_connectors.hpp"
#include "http/rate_limiter.hpp"

namespace latch::experience {

struct Identifier {
  IdentifierType type = IdentifierType::Username;
  std::string value;
};

// Who is calling: the interaction bound to the browser and where the request came from.
struct FlowContext {
  std::string uid;
  std::string ip;
  Lang lang = Lang::En;
};

// Where the browser goes to sign in at a social provider, and the record that waits for it.
struct SocialStart {
  std::string authorization_uri;
  std::string verification_id;
};

// An existing account that has the verified email a social provider returned: the user can
// link the social identity to it after proving they own it.
struct RelatedAccount {
  std::string user_id;
  std::string email;
  bool has_password = false;
};

// The outcome of submit: where the browser goes next.
struct Submitted {
  std::string redirect_to;      // "/oidc/auth/<uid>" (SignIn, Register)
  bool password_reset = false;  // ForgotPassword: back to sign-in
};

// The experience engine behind both the JSON API and the server-rendered pages: start, verify
// (password, code), identify, profile, submit, each validated against the configuration and the
// interaction's stored progress. Errors carry a phrase key as description (see i18n.hpp):
// NotFound session.not_found / session.verification_session_not_found, InvalidRequest for bad
// input and out-of-order steps, InvalidGrant session.invalid_credentials, Forbidden
// user.suspended / session.too_many_attempts, Conflict user.*_already_in_use,
// Unauthorized-free. Blocking; thread-safe. Steps that hash a password (verify_password,
// new_password_identity, add_profile of a password, reset_password) belong on the hashing pool
// and steps that call a provider (send_code, start_social, verify_social) on the outbound pool
// (http::Lane); their database work is short transactions around the slow part.
class FlowService {
 public:
  // `code_sends` limits the verification codes sent per client address (FlowContext::ip).
  FlowService(storage::Store& store, const SettingsStore& settings, ExperienceService& experience,
              MessageConnectors& messages, SocialConnectors& social, const Clock& clock,
              http::RateLimiter& code_sends)
      : store_(store),
        settings_(settings),
        experience_(experience),
        messages_(messages),
        social_(social),
        clock_(clock),
        code_sends_(code_sends) {}

  // start begins the flow afresh for `event`; set_event switches the event of a started flow
  // (InvalidRequest session.not_started before start), clearing the verifications to or from
  // ForgotPassword. Forbidden user.sign_up_method_not_enabled (Register while sign-up is off)
  // or session.sign_in_disabled (SignIn when the sign-in mode is Register).
  [[nodiscard]] Result<void> start(const FlowContext& ctx, InteractionEvent event);
  [[nodiscard]] Result<void> set_event(const FlowContext& ctx, InteractionEvent event);
  [[nodiscard]] Result<FlowState> state(const FlowContext& ctx);

  [[nodiscard]] Result<std::string> verify_password(const FlowContext& ctx, const Identifier& id,
                                                    const std::string& password);
  // Sends a 6-digit code (10 minutes, single use, 5 attempts) to an email or phone. At most 5
  // per identifier per 10 minutes (Forbidden verification_code.rate_limited) and the
  // code_sends limit per address (TooManyRequests request.too_many_requests, retry_after set).
  [[nodiscard]] Result<std::string> send_code(const FlowContext& ctx, const Identifier& id);
  [[nodiscard]] Result<std::string> verify_code(const FlowContext& ctx,
                                                const std::string& verification_id,
                                                const std::string& code);
  [[nodiscard]] Result<std::string> new_password_identity(const FlowContext& ctx,
                                                          const Identifier& id,
                                                          const std::string& password);

  // Starts a sign-in at an enabled social connector: `state` and `redirect_uri` go to the
  // provider and must come back on its callback. Forbidden session.sign_in_method_not_enabled
  // for a connector the sign-in experience does not list.
  [[nodiscard]] Result<SocialStart> start_social(const FlowContext& ctx,
                                                 const std::string& connector_id,
                                                 const std::string& state,
                                                 const std::string& redirect_uri);
  // Completes it with the provider's callback parameters: the record is `verification_id`, or
  // the one whose state the callback carries when that is empty. A state is good for one
  // callback of the interaction that started it (InvalidRequest session.social_state_invalid
  // otherwise). Provider errors as SocialConnector documents (connector.*). Blocking: one or
  // more requests to the provider.
  [[nodiscard]] Result<std::string> verify_social(const FlowContext& ctx,
                                                  const std::string& connector_id,
                                                  const connectors::CallbackParams& callback,
                                                  const std::string& verification_id);
  // The account that has the email of the verified Social record `verification_id`, when no
  // account has its identity yet.
  [[nodiscard]] Result<std::optional<RelatedAccount>> related_account(
      const FlowContext& ctx, const std::string& verification_id);

  // Identifies the user from a verified record (latest when `verification_id` is empty).
  // A Social record signs in the account that has its identity; with none, NotFound
  // user.identity_not_exist (SignIn: switch to Register to create the account). With
  // `link_social`, the identity is linked to the related account, which another verified
  // record of this interaction (its password, or a code sent to its email) must prove
  // (Forbidden user.link_proof_required otherwise).
  [[nodiscard]] Result<void> identify(const FlowContext& ctx, const std::string& verification_id,
                                      bool link_social = false);
  // Fills a missing profile field: username or password by value, email/phone by verification.
  [[nodiscard]] Result<void> add_profile(const FlowContext& ctx, ProfileField field,
                                         const std::string& value);
  [[nodiscard]] Result<void> reset_password(const FlowContext& ctx, const std::string& password);
  // Finishes the step. InvalidRequest user.missing_profile lists what is missing in detail
  // (comma-separated profile_field_name()s: username, email, phone, password).
  [[nodiscard]] Result<Submitted> submit(const FlowContext& ctx);

  // Profile fields the configuration requires that the flow does not have yet.
  [[nodiscard]] Result<std::vector<ProfileField>> missing_profile(const FlowContext& ctx);

  using Step = std::function<Result<void>(storage::Tx&, model::Interaction&, FlowState&)>;

  // Writes an audit log entry (Logto's log keys: Interaction.SignIn.Submit, ...) for the
  // interaction's app and the caller's IP. A failure to write is logged, never raised: the
  // sign-in it describes has already happened.
  void audit(const FlowContext& ctx, const std::string& key, bool success,
             const std::string& user_id, boost::json::object payload = {});

  // Brings the sign-in experience up to the database's (SettingsStore::ensure_current), so a
  // change made a moment ago elsewhere applies to this request; a failure keeps the cached one
  // and is logged. Call at the start of each request's work, on the blocking pool.
  void catch_up_settings() const;

 private:
  Result<void> mutate(const FlowContext& ctx, const Step& step);
  Result<void> check_new_password(const std::string& password,
                                  const std::vector<std::string>& user_info) const;
  Result<std::vector<ProfileField>> missing_for(storage::Tx& tx, const FlowState& s) const;
  Result<std::string> create_user(storage::Tx& tx, const FlowState& s) const;
  // After submit identified or created `user_id` (flow_organizations.cpp): a new account whose
  // email the flow proved joins the organizations with a JIT rule for its domain; the
  // invitation the interaction was started for is accepted when that email is the invitee.
  Result<void> join_organizations(storage::Tx& tx, const model::Interaction& interaction,
                                  const FlowState& s, const std::string& user_id, bool registered);
  Result<void> identify_social(storage::Tx& tx, FlowState& s, const VerificationRecord& v,
                               bool link);
  // Writes the Social record's identity onto `user` (and its profile when the connector syncs).
  Result<void> attach_identity(storage::Tx& tx, model::User& user, const FlowState& s,
                               bool created) const;
  std::shared_ptr<const SignInExperience> config() const { return settings_.get(); }

  storage::Store& store_;
  const SettingsStore& settings_;
  ExperienceService& experience_;
  MessageConnectors& messages_;
  SocialConnectors& social_;
  const Clock& clock_;
  http::RateLimiter& code_sends_;
};

// Phrase-key errors used across the flow.
Error flow_error(Errc code, std::string_view key, std::string detail = {});
// TooManyRequests request.too_many_requests: a rate limit refused the step for `retry_after`
// more seconds.
Error too_many_requests(std::int64_t retry_after);

}  // namespace latch::experience
