#include "experience/experience_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/password.hpp"

namespace latch::experience {
namespace {

Error wrong_credentials() {
  return make_error(Errc::InvalidGrant, "The account or password is incorrect.");
}

Result<std::optional<model::User>> find_by_identifier(storage::Tx& tx, const std::string& id) {
  if (id.find('@') != std::string::npos) return tx.users().find_by_email(id);
  auto user = tx.users().find_by_username(id);
  if (!user || *user) return user;
  return tx.users().find_by_phone(id);
}

}  // namespace

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
  if (const auto* client = catalog_.snapshot()->client(view.request.client_id)) {
    view.app_name = client->app.name;
    view.third_party = client->app.is_third_party;
  }
  return view;
}

Result<void> ExperienceService::complete(const std::string& uid, const std::string& user_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = tx.interactions().find(uid);
    if (!interaction) return interaction.error();
    if (!*interaction) return make_error(Errc::NotFound, "This sign-in session has expired.");
    auto& i = **interaction;
    i.user_id = user_id;
    i.auth_time = clock_.now_seconds();
    const auto* client = catalog_.snapshot()->client(i.client_id);
    bool consent = client && client->app.is_third_party;
    i.state_json = boost::json::serialize(
        boost::json::object{{"login", "fresh"}, {"consent_pending", consent}});
    if (auto r = tx.interactions().update(i); !r) return r;
    auto user = tx.users().find(user_id);
    if (!user) return user.error();
    if (!*user) return ok();
    (*user)->last_sign_in_at = clock_.now_millis();
    return tx.users().update(**user);
  });
}

Result<void> ExperienceService::sign_in(const std::string& uid, const std::string& identifier,
                                        const std::string& password) {
  if (auto view = load(uid); !view) return view.error();
  std::optional<model::User> user;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = find_by_identifier(tx, identifier);
    if (!found) return found.error();
    user = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!user || user->password_hash.empty()) {
    crypto::verify_password_dummy(password);  // the same cost as a real check
    return wrong_credentials();
  }
  if (!crypto::verify_password(password, user->password_hash)) return wrong_credentials();
  if (user->is_suspended) return make_error(Errc::Forbidden, "This account has been suspended.");
  return complete(uid, user->id);
}

Result<void> ExperienceService::register_user(const std::string& uid,
                                              const management::NewUser& request) {
  if (auto view = load(uid); !view) return view.error();
  auto user = users_.create(request);
  if (!user) return user.error();
  return complete(uid, user->id);
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
