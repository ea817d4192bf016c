#include "account/api/account_api.hpp"

// /api/my-account/sessions: the user's browser sessions (Logto's routes/account/sessions.ts).
namespace latch::account {
namespace {

namespace json = boost::json;
using http::bhttp::status;

Result<http::Response> list(const AccountApiDeps& d, const AccountCall& c) {
  auto sessions = d.account.sessions(c.caller);
  if (!sessions) return sessions.error();
  json::array items;
  for (const auto& s : *sessions) items.push_back(session_json(s, c.caller.user_id));
  return http::json_response(status::ok, json::object{{"sessions", std::move(items)}});
}

// ?revokeGrantsTarget=all|firstParty also revokes the grants (and so the tokens) of the apps
// that signed in through the session; without it they stay, as Logto's.
Result<http::Response> revoke(const AccountApiDeps& d, const AccountCall& c) {
  std::string_view target = c.request.query.value("revokeGrantsTarget");
  GrantRevocation grants = GrantRevocation::None;
  if (target == "all") {
    grants = GrantRevocation::All;
  } else if (target == "firstParty") {
    grants = GrantRevocation::FirstParty;
  } else if (!target.empty()) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"),
                      "revokeGrantsTarget");
  }
  auto done = d.account.revoke_session(c.caller, std::string(c.param("sessionId")), grants);
  if (!done) return done.error();
  return no_content();
}

}  // namespace

void AccountApi::mount_sessions(http::Router::Group& g) {
  using enum http::bhttp::verb;
  add(g, {
             {get, "/my-account/sessions", list},
             {delete_, "/my-account/sessions/:sessionId", revoke},
         });
}

}  // namespace latch::account
