#include "experience/experience_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace latch::experience {
Result<InteractionView> ExperienceService::load(const std::string& uid) {
  std::optional<model::Interaction> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto interaction = tx.interactions().find(uid);
    if (!interaction) return interaction.error();
    found = std::move(*interaction);
    return ok();
  });
  if (!done) return done.error();
  if (!found || found->expires_at <= clock_.now_seconds()) {
    return make_error(Errc::NotFound, "This sign-in session has expired or is unknown.");
  }
  auto request = oidc::authorization_request_from_json(found->params_json);
  if (!request) return request.error();
  InteractionView view{std::move(*found), std::move(*request), {}, false};
  // An invitation's sign-in (start_invitation) is for no app.
  const auto* client = view.request.invitation_id.empty()
                           ? catalog_.snapshot()->client(view.request.client_id)
                           : nullptr;
  if (client) {
    view.app_name = client->app.name;
    view.third_party = client->app.is_third_party;
  }
  return view;
}

Result<void> ExperienceService::complete(const std::string& uid, const std::string& user_id,
                                         const std::vector<std::string>& amr) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = tx.interactions().find(uid);
    if (!interaction) return interaction.error();
    if (!*interaction) return make_error(Errc::NotFound, "This sign-in session has expired.");
    auto& i = **interaction;
    i.user_id = user_id;
    i.auth_time = clock_.now_seconds();
    // As in Logto, a fresh sign-in always passes the consent page, which consents for a
    // first-party app by itself (HostedUi::consent).
    boost::json::array methods;
    for (const auto& m : amr) methods.emplace_back(m);
    i.state_json = boost::json::serialize(boost::json::object{
        {"login", "fresh"}, {"consent_pending", true}, {"amr", std::move(methods)}});
    if (auto r = tx.interactions().update(i); !r) return r;
    auto user = tx.users().find(user_id);
    if (!user) return user.error();
    if (!*user) return ok();
    (*user)->last_sign_in_at = clock_.now_millis();
    return tx.users().update(**user);
  });
}

Result<void> ExperienceService::consent(const std::string& uid) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = tx.interactions().find(uid);
    if (!interaction) return interaction.error();
    if (!*interaction || !(*interaction)->user_id) {
      return make_error(Errc::NotFound, "This sign-in session has expired.");
    }
    boost::system::error_code ec;
    auto state = boost::json::parse((*interaction)->state_json, ec);
    boost::json::object next = !ec && state.is_object() ? state.as_object() : boost::json::object{};
    next["consent_pending"] = false;
    (*interaction)->state_json = boost::json::serialize(next);
    return tx.interactions().update(**interaction);
  });
}

Result<oidc::AuthorizationRequest> ExperienceService::abort(const std::string& uid) {
  auto view = load(uid);
  if (!view) return view.error();
  auto done = store_.transact([&](storage::Tx& tx) { return tx.interactions().remove(uid); });
  if (!done) return done.error();
  return std::move(view->request);
}

}  // namespace latch::experience
