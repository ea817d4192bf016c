#include <algorithm>
#include <map>

#include "account/account_rules.hpp"
#include "account/account_service.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "oidc/session_sid.hpp"

// The caller's browser sessions (Logto's routes/account/sessions.ts): each with the apps that
// signed in through it, and revoking one.
namespace latch::account {
namespace {

namespace json = boost::json;
using management::AccountField;

// Groups the user's live grants under the sessions they were made in.
std::vector<AccountSession> assemble(const std::vector<model::BrowserSession>& sessions,
                                     const std::vector<model::Grant>& grants,
                                     const std::string& current_hash) {
  std::vector<AccountSession> out;
  for (const auto& s : sessions) {
    AccountSession entry{session_uid(s.id_hash), s, {}, s.id_hash == current_hash};
    for (const auto& g : grants) {
      if (g.session_id_hash == s.id_hash) entry.grants.push_back(g);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

Result<bool> first_party_app(storage::Tx& tx, const std::string& client_id) {
  auto app = tx.applications().find(client_id);
  if (!app) return app.error();
  return *app && !(*app)->is_third_party;
}

}  // namespace

// The ID tokens' and logout tokens' sid of the session, so that an app can match the two.
std::string session_uid(const std::string& id_hash) { return oidc::session_sid(id_hash); }

json::object session_json(const AccountSession& s, const std::string& user_id) {
  json::object authorizations;
  for (const auto& g : s.grants) {
    authorizations[g.client_id] =
        json::object{{"sid", s.uid}, {"grantId", g.id}, {"persistsLogout", false}};
  }
  json::object payload{{"exp", s.session.expires_at},
                       {"iat", s.session.created_at},
                       {"jti", s.uid},
                       {"uid", s.uid},
                       {"kind", "Session"},
                       {"loginTs", s.session.auth_time},
                       {"accountId", user_id},
                       {"authorizations", std::move(authorizations)}};
  json::value client = s.grants.empty() ? json::value(nullptr) : json::value(s.grants[0].client_id);
  return {{"payload", std::move(payload)},
          {"lastSubmission", nullptr},
          {"clientId", std::move(client)},
          {"accountId", user_id},
          {"expiresAt", s.session.expires_at * 1000},
          {"isCurrent", s.current}};
}

Result<std::vector<AccountSession>> AccountService::sessions(const AccountCaller& caller) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::readable(*center, AccountField::Session); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kSessions); !check) return check.error();
  std::vector<AccountSession> out;
  std::int64_t now = clock_.now_seconds();
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto sessions = tx.sessions().list_for_user(caller.user_id, now);
    if (!sessions) return sessions.error();
    auto grants = tx.grants().list_live_for_user(caller.user_id, now);
    if (!grants) return grants.error();
    out = assemble(*sessions, *grants, caller.session_id_hash);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> AccountService::revoke_session(const AccountCaller& caller, const std::string& uid,
                                            GrantRevocation grants) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(*center, AccountField::Session); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kSessions); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  std::int64_t now = clock_.now_seconds();
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto sessions = tx.sessions().list_for_user(caller.user_id, now);
    if (!sessions) return sessions.error();
    auto it = std::find_if(sessions->begin(), sessions->end(),
                           [&](const auto& s) { return session_uid(s.id_hash) == uid; });
    // Another user's session is not even found: its owner's sessions are never read.
    if (it == sessions->end()) return keyed_error(Errc::NotFound, "oidc.session_not_found");
    if (grants != GrantRevocation::None) {
      auto live = tx.grants().list_live_for_user(caller.user_id, now);
      if (!live) return live.error();
      for (const auto& g : *live) {
        if (g.session_id_hash != it->id_hash) continue;
        if (grants == GrantRevocation::FirstParty) {
          auto first = first_party_app(tx, g.client_id);
          if (!first) return first.error();
          if (!*first) continue;
        }
        if (auto revoked = tx.grants().revoke(g.id); !revoked) return revoked;
      }
    }
    // OIDC Back-Channel Logout 1.0 §2.5: the apps that signed in through it are told.
    auto queued = tx.logout_deliveries().enqueue_for_session(it->id_hash, clock_.now_millis());
    if (!queued) return queued.error();
    return tx.sessions().remove(it->id_hash);
  });
}

}  // namespace latch::account
