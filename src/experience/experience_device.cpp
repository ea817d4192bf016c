#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/experience_service.hpp"

// The device page's sign-in (experience_service.hpp): an interaction for the device's app whose
// flow ends in the device's consent page (RFC 8628 §3.3).
namespace latch::experience {
namespace {

// The live session `token` names, as the OP would reuse it: unexpired, its user present and not
// suspended.
Result<std::optional<model::BrowserSession>> live_session(storage::Tx& tx, const std::string& token,
                                                          std::int64_t now) {
  std::optional<model::BrowserSession> none;
  if (token.empty()) return none;
  auto session = tx.sessions().find(crypto::token_hash(token));
  if (!session) return session.error();
  if (!*session || (*session)->expires_at <= now) return none;
  auto user = tx.users().find((*session)->user_id);
  if (!user) return user.error();
  if (!*user || (*user)->is_suspended) return none;
  return session;
}

// The state a sign-in the session stands for leaves (as AuthorizationService writes it).
std::string session_state(const std::string& amr) {
  boost::json::array methods;
  std::size_t start = 0;
  while (start < amr.size()) {
    std::size_t end = amr.find(' ', start);
    if (end == std::string::npos) end = amr.size();
    if (end > start) methods.emplace_back(amr.substr(start, end - start));
    start = end + 1;
  }
  return boost::json::serialize(boost::json::object{
      {"login", "session"}, {"consent_pending", false}, {"amr", std::move(methods)}});
}

}  // namespace

Result<std::optional<std::string>> ExperienceService::device_session(const model::Interaction& i,
                                                                     std::int64_t ttl) {
  boost::system::error_code ec;
  auto state = boost::json::parse(i.state_json, ec);
  std::optional<std::string> token;
  if (ec || !state.is_object() || !i.user_id) return token;
  const auto* login = state.as_object().if_contains("login");
  if (!login || !login->is_string() || login->as_string() != "fresh") return token;
  std::string amr;
  if (const auto* list = state.as_object().if_contains("amr"); list && list->is_array()) {
    for (const auto& m : list->as_array()) {
      if (m.is_string()) amr += (amr.empty() ? "" : " ") + std::string(m.as_string());
    }
  }
  std::int64_t now = clock_.now_seconds();
  token = crypto::random_token(32);
  model::BrowserSession session{
      crypto::token_hash(*token), *i.user_id, i.auth_time, now, now + ttl, amr};
  auto done = store_.transact([&](storage::Tx& tx) { return tx.sessions().insert(session); });
  if (!done) return done.error();
  return token;
}

Result<ExperienceService::DeviceStart> ExperienceService::start_device(
    const oidc::AuthorizationRequest& request, const std::string& replaced,
    const std::string& session_token, std::int64_t ttl) {
  model::Interaction interaction;
  interaction.uid = crypto::random_id(21);
  interaction.client_id = request.client_id;
  interaction.params_json = boost::json::serialize(oidc::to_json(request));
  interaction.created_at = clock_.now_seconds();
  interaction.expires_at = interaction.created_at + ttl;
  DeviceStart out{interaction.uid, false};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (!replaced.empty()) {
      if (auto removed = tx.interactions().remove(replaced); !removed) return removed;
    }
    auto session = live_session(tx, session_token, interaction.created_at);
    if (!session) return session.error();
    if (*session) {
      interaction.user_id = (*session)->user_id;
      interaction.auth_time = (*session)->auth_time;
      interaction.state_json = session_state((*session)->amr);
      out.signed_in = true;
    }
    return tx.interactions().insert(interaction);
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::experience
