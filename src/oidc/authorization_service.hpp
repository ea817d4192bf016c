#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/catalog.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// What /oidc/auth (or its resume route) does next. Exactly one of `code`, `interaction_uid` and
// `client_error` is set.
struct AuthorizeOutcome {
  std::optional<std::string> code;             // redirect to the client with it
  std::optional<std::string> interaction_uid;  // send the browser to the sign-in UI
  std::optional<Error> client_error;           // login_required, consent_required, ...
  std::optional<std::string> session_token;    // set this new session cookie
  bool consent_only = false;                   // the interaction only needs the user's consent
  AuthorizationRequest request;                // the request being answered
};

// The authorization endpoint's decisions (OIDC Core §3.1.2): single sign-on from the browser
// session, hand-off to the sign-in UI through an interaction, and code issuance. Blocks on the
// database; thread-safe.
class AuthorizationService {
 public:
  AuthorizationService(const Config& config, storage::Store& store, const Clock& clock)
      : config_(config), store_(store), clock_(clock) {}

  // The cookies an authorization request came with.
  struct Browser {
    std::optional<std::string> session_token;  // _latch_session
    std::optional<std::string> interaction;    // _latch_interaction: the sign-in it leaves behind
  };
  // A fresh, validated request. A browser has one pending sign-in at a time: starting another
  // removes the interaction its cookie named (the cookie is replaced anyway).
  [[nodiscard]] Result<AuthorizeOutcome> authorize(const AuthorizationRequest& request,
                                                   const ClientEntry& client,
                                                   const Browser& browser);
  // The UI finished interaction `uid`; `bound_uid` is the browser's interaction cookie, which
  // must match. NotFound when the interaction is unknown, expired or bound to another browser;
  // InteractionRequired (with the uid) when the user has not signed in yet. A fresh sign-in starts
  // the browser session here. While consent is pending the outcome is consent_only with the same
  // interaction (Logto's consent prompt); once given, the outcome carries the code.
  [[nodiscard]] Result<AuthorizeOutcome> resume(const std::string& uid,
                                                const std::optional<std::string>& bound_uid,
                                                const CatalogSnapshot& catalog);
  // The user of the live browser session `session_token` (nullopt: none, expired, or its user is
  // gone or suspended).
  [[nodiscard]] Result<std::optional<std::string>> session_user(const std::string& session_token);
  // Ends the browser session of `session_token` (RP-initiated logout). Returns its user id.
  [[nodiscard]] Result<std::optional<std::string>> end_session(const std::string& session_token);

 private:
  Result<std::optional<model::BrowserSession>> live_session(
      storage::Tx& tx, const std::optional<std::string>& token);
  Result<std::string> start_interaction(storage::Tx& tx, const AuthorizationRequest& request,
                                        const std::string& state_json, const Browser& browser);
  // Who a code is issued to. `amr`: the authentication methods (space-separated RFC 8176
  // values) the session and the grants it leads to carry.
  struct SignedIn {
    const std::string& user_id;
    std::int64_t auth_time = 0;
    const std::string& session_hash;
    const std::string& amr;
  };
  // A new grant for `app` (living its refresh token lifetime, model::refresh_token_ttl) and its
  // code. OIDC Core §11: offline_access stays in the grant only when the request had
  // prompt=consent. With the app's maxAllowedGrants, the user's oldest live grants for the app
  // beyond that number are revoked.
  Result<std::string> issue_code(storage::Tx& tx, const AuthorizationRequest& request,
                                 const model::Application& app, const SignedIn& who);
  // Logto's maxAllowedGrants: revokes the oldest of the user's other live grants for `app`, so
  // that with the new grant `kept` the user holds at most that many.
  Result<void> enforce_max_grants(storage::Tx& tx, const model::Application& app,
                                  const model::Grant& kept);
  // The signed-in `interaction`'s next step into `out`: the browser session starts (once), then
  // the consent page while consent is pending, else the code for `app` (the interaction is used
  // up).
  Result<void> advance(storage::Tx& tx, model::Interaction& interaction,
                       const model::Application& app, AuthorizeOutcome& out);
  Result<std::string> new_session(storage::Tx& tx, const std::string& user_id,
                                  std::int64_t auth_time, const std::string& amr);
  const Config& config_;
  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace latch::oidc
