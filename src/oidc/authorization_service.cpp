#include "oidc/authorization_service.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "oidc/authentication_methods.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

bool needs_login(const AuthorizationRequest& req, const std::optional<model::BrowserSession>& s,
                 std::int64_t now) {
  if (!s || req.has_prompt("login")) return true;
  // The app expects another user than the one signed in: never sign in as the session's user.
  if (!req.hint_subject.empty() && req.hint_subject != s->user_id) return true;
  // OIDC Core §3.1.2.1: max_age=0 always re-authenticates, like prompt=login.
  // Step-up: the app asks for a second factor that this session's sign-in did not use.
  if (req.wants_multi_factor() && !has_amr(s->amr, kAmrMultiFactor)) return true;
  return req.max_age && (*req.max_age == 0 || now - s->auth_time > *req.max_age);
}

// `amr` and `session_hash`: the authentication methods and the id hash of the session a
// consent-only interaction continues.
std::string interaction_state(std::string_view login, bool consent_pending,
                              const std::string& amr = {}, const std::string& session_hash = {}) {
  boost::json::array methods;
  for (auto& m : split_amr(amr)) methods.emplace_back(std::move(m));
  return boost::json::serialize(boost::json::object{{"login", login},
                                                    {"consent_pending", consent_pending},
                                                    {"amr", std::move(methods)},
                                                    {"session", session_hash}});
}

std::string state_text(const boost::json::object& state, std::string_view key) {
  const auto* value = state.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// The "amr" list ExperienceService::complete (or interaction_state) stored, space-separated.
std::string state_amr(const boost::json::object& state) {
  std::vector<std::string> amr;
  if (const auto* list = state.if_contains("amr"); list && list->is_array()) {
    for (const auto& m : list->as_array()) {
      if (m.is_string()) amr.emplace_back(m.as_string());
    }
  }
  return join_amr(amr);
}

boost::json::object parse_state(const std::string& json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  return !ec && value.is_object() ? value.as_object() : boost::json::object{};
}

}  // namespace

Result<std::optional<model::BrowserSession>> AuthorizationService::live_session(
    storage::Tx& tx, const std::optional<std::string>& token) {
  if (!token || token->empty()) return std::optional<model::BrowserSession>{};
  auto session = tx.sessions().find(crypto::token_hash(*token));
  if (!session) return session.error();
  if (!*session || (*session)->expires_at <= clock_.now_seconds()) {
    return std::optional<model::BrowserSession>{};
  }
  auto user = tx.users().find((*session)->user_id);
  if (!user) return user.error();
  if (!*user || (*user)->is_suspended) return std::optional<model::BrowserSession>{};
  return session;
}

Result<std::string> AuthorizationService::start_interaction(storage::Tx& tx,
                                                            const AuthorizationRequest& request,
                                                            const std::string& state_json,
                                                            const Browser& browser) {
  if (browser.interaction && !browser.interaction->empty()) {
    if (auto removed = tx.interactions().remove(*browser.interaction); !removed) {
      return removed.error();
    }
  }
  std::int64_t now = clock_.now_seconds();
  model::Interaction interaction;
  interaction.uid = crypto::random_id(21);
  interaction.client_id = request.client_id;
  interaction.params_json = boost::json::serialize(to_json(request));
  interaction.state_json = state_json;
  interaction.created_at = now;
  interaction.expires_at = now + config_.interaction_ttl;
  if (auto r = tx.interactions().insert(interaction); !r) return r.error();
  return interaction.uid;
}

namespace {

// OIDC Core §11: offline access is granted only with prompt=consent (oidc-provider drops the
// scope otherwise, and Logto follows it).
std::string granted_scope(const AuthorizationRequest& request) {
  if (request.has_prompt("consent")) return join_scope(request.scopes);
  std::vector<std::string> scopes;
  for (const auto& s : request.scopes) {
    if (s != "offline_access") scopes.push_back(s);
  }
  return join_scope(scopes);
}

}  // namespace

Result<void> AuthorizationService::enforce_max_grants(storage::Tx& tx,
                                                      const model::Application& app,
                                                      const model::Grant& kept) {
  const auto& max = app.token_settings.max_allowed_grants;
  if (!max) return ok();
  auto live = tx.grants().list_live_for_user(kept.user_id, clock_.now_seconds());
  if (!live) return live.error();
  std::vector<std::string> others;  // oldest first
  for (const auto& grant : *live) {
    if (grant.client_id == app.id && grant.id != kept.id) others.push_back(grant.id);
  }
  // The new grant counts too: at most max - 1 others stay.
  auto keep = static_cast<std::size_t>(std::max<std::int64_t>(*max - 1, 0));
  for (std::size_t i = 0; i + keep < others.size(); ++i) {
    if (auto r = tx.grants().revoke(others[i]); !r) return r;
  }
  return ok();
}

Result<std::string> AuthorizationService::issue_code(storage::Tx& tx,
                                                     const AuthorizationRequest& request,
                                                     const model::Application& app,
                                                     const SignedIn& who) {
  std::int64_t now = clock_.now_seconds();
  model::Grant grant{crypto::random_id(21),
                     who.user_id,
                     request.client_id,
                     granted_scope(request),
                     join_scope(request.resources),
                     who.session_hash,
                     now,
                     now + model::refresh_token_ttl(app, config_.refresh_token_ttl),
                     false,
                     who.amr};
  if (auto r = tx.grants().insert(grant); !r) return r.error();
  if (auto r = enforce_max_grants(tx, app, grant); !r) return r.error();
  std::string code = crypto::random_token(32);
  model::AuthorizationCode stored{crypto::token_hash(code),
                                  grant.id,
                                  request.client_id,
                                  who.user_id,
                                  request.redirect_uri,
                                  grant.scope,
                                  grant.resources,
                                  request.nonce,
                                  request.code_challenge,
                                  who.auth_time,
                                  now,
                                  now + config_.authorization_code_ttl,
                                  0,
                                  request.dpop_jkt};
  if (auto r = tx.codes().insert(stored); !r) return r.error();
  return code;
}

Result<std::string> AuthorizationService::new_session(storage::Tx& tx, const std::string& user_id,
                                                      std::int64_t auth_time,
                                                      const std::string& amr) {
  std::int64_t now = clock_.now_seconds();
  std::string token = crypto::random_token(32);
  model::BrowserSession session{crypto::token_hash(token), user_id, auth_time, now,
                                now + config_.session_ttl, amr};
  if (auto r = tx.sessions().insert(session); !r) return r.error();
  return token;
}

Result<AuthorizeOutcome> AuthorizationService::authorize(const AuthorizationRequest& request,
                                                         const ClientEntry& client,
                                                         const Browser& browser) {
  AuthorizeOutcome out;
  out.request = request;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto session = live_session(tx, browser.session_token);
    if (!session) return session.error();
    std::int64_t now = clock_.now_seconds();
    bool login = needs_login(request, *session, now);
    bool consent = client.app.is_third_party;  // first-party apps are consented automatically
    if ((login || consent) && request.has_prompt("none")) {
      out.client_error = login ? make_error(Errc::LoginRequired, "the user is not signed in")
                               : make_error(Errc::ConsentRequired, "the user must consent");
      return ok();
    }
    if (login || consent) {
      auto state =
          login ? interaction_state("", consent)
                : interaction_state("session", consent, (*session)->amr, (*session)->id_hash);
      auto uid = start_interaction(tx, request, state, browser);
      if (!uid) return uid.error();
      if (!login) {  // signed in already: the interaction only needs consent
        auto interaction = tx.interactions().find(*uid);
        if (!interaction || !*interaction) return make_error(Errc::Internal, "interaction lost");
        (*interaction)->user_id = (*session)->user_id;
        (*interaction)->auth_time = (*session)->auth_time;
        if (auto r = tx.interactions().update(**interaction); !r) return r.error();
      }
      out.interaction_uid = std::move(*uid);
      out.consent_only = !login;
      return ok();
    }
    auto code = issue_code(
        tx, request, client.app,
        {(*session)->user_id, (*session)->auth_time, (*session)->id_hash, (*session)->amr});
    if (!code) return code.error();
    out.code = std::move(*code);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<AuthorizeOutcome> AuthorizationService::resume(const std::string& uid,
                                                      const std::optional<std::string>& bound_uid,
                                                      const CatalogSnapshot& catalog) {
  AuthorizeOutcome out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(uid);
    if (!found) return found.error();
    if (!*found || !bound_uid || *bound_uid != uid ||
        (*found)->expires_at <= clock_.now_seconds()) {
      return make_error(Errc::NotFound, "this sign-in session has expired or is unknown");
    }
    model::Interaction& interaction = **found;
    auto request = authorization_request_from_json(interaction.params_json);
    if (!request) return request.error();
    out.request = std::move(*request);
    // An invitation's sign-in is for no app: it ends on the invitation's page, never in a code.
    if (!out.request.invitation_id.empty()) {
      return make_error(Errc::NotFound, "this sign-in was for an invitation, not an application");
    }
    // A device's sign-in (/device) ends in the device's consent page, never in a code.
    if (!out.request.device_user_code.empty()) {
      return make_error(Errc::NotFound, "this sign-in was for a device, not a redirect");
    }
    if (!interaction.user_id)
      return make_error(Errc::InteractionRequired, "sign-in is not finished");
    const ClientEntry* client = catalog.client(out.request.client_id);
    if (!client) return make_error(Errc::NotFound, "the application no longer exists");
    return advance(tx, interaction, client->app, out);
  });
  if (!done) return done.error();
  return out;
}

Result<void> AuthorizationService::advance(storage::Tx& tx, model::Interaction& interaction,
                                           const model::Application& app, AuthorizeOutcome& out) {
  auto state = parse_state(interaction.state_json);
  const auto* pending_value = state.if_contains("consent_pending");
  bool pending = pending_value && pending_value->is_bool() && pending_value->as_bool();
  std::string amr = state_amr(state);
  if (state_text(state, "login") != "session") {
    auto token = new_session(tx, *interaction.user_id, interaction.auth_time, amr);
    if (!token) return token.error();
    state["login"] = "session";
    state["session"] = crypto::token_hash(*token);
    out.session_token = std::move(*token);
  }
  if (pending) {
    // Signed in, not yet consented: the browser keeps its session and goes to the consent page.
    interaction.state_json = boost::json::serialize(state);
    out.interaction_uid = interaction.uid;
    out.consent_only = true;
    return tx.interactions().update(interaction);
  }
  std::string session_hash = state_text(state, "session");
  auto code = issue_code(tx, out.request, app,
                         {*interaction.user_id, interaction.auth_time, session_hash, amr});
  if (!code) return code.error();
  out.code = std::move(*code);
  return tx.interactions().remove(interaction.uid);  // single use
}

Result<std::optional<std::string>> AuthorizationService::session_user(
    const std::string& session_token) {
  std::optional<std::string> user_id;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto session = live_session(tx, session_token);
    if (!session) return session.error();
    if (*session) user_id = (*session)->user_id;
    return ok();
  });
  if (!done) return done.error();
  return user_id;
}

Result<std::optional<std::string>> AuthorizationService::end_session(
    const std::string& session_token) {
  std::optional<std::string> user_id;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    std::string hash = crypto::token_hash(session_token);
    auto session = tx.sessions().find(hash);
    if (!session) return session.error();
    if (!*session) return ok();
    user_id = (*session)->user_id;
    // OIDC Back-Channel Logout 1.0 §2.5: queued with the sign-out, sent by the worker.
    auto queued = tx.logout_deliveries().enqueue_for_session(hash, clock_.now_millis());
    if (!queued) return queued.error();
    return tx.sessions().remove(hash);
  });
  if (!done) return done.error();
  return user_id;
}

}  // namespace latch::oidc
