#include "experience/config/settings_store.hpp"

#include <boost/json/serialize.hpp>

namespace latch::experience {

Result<SignInExperience> load_settings(storage::Tx& tx) {
  auto stored = tx.sign_in_experience().find();
  if (!stored) return stored.error();
  if (!*stored) return SignInExperience{};
  auto config = from_stored_json((*stored)->json);
  if (!config) return config.error();
  config->version = (*stored)->version;
  return config;
}

Result<void> SettingsStore::reload(storage::Store& store) const {
  std::lock_guard lock(reload_mutex_);
  SignInExperience loaded;
  std::int64_t epoch = 0;
  auto done = store.read([&](storage::Tx& tx) -> Result<void> {
    auto epochs = tx.epochs();
    if (!epochs) return epochs.error();
    auto it = epochs->find(std::string(kSignInExperienceEpoch));
    epoch = it == epochs->end() ? 0 : it->second;
    auto config = load_settings(tx);
    if (!config) return config.error();
    loaded = std::move(*config);
    return ok();
  });
  if (!done) return done.error();
  set(std::move(loaded));
  epoch_.store(epoch);
  return ok();
}

Result<void> SettingsStore::ensure_current(storage::Store& store) const {
  auto epochs = store.epochs();
  if (!epochs) return epochs.error();
  auto it = epochs->find(std::string(kSignInExperienceEpoch));
  std::int64_t epoch = it == epochs->end() ? 0 : it->second;
  if (epoch == epoch_.load()) return ok();
  return reload(store);
}

namespace {

// Logto's rule: a forgot-password method needs a connector to send its code (an email connector
// for EmailVerificationCode, an SMS one for PhoneVerificationCode). Checked when a PATCH names
// the methods.
Result<void> check_forgot_password_connectors(storage::Tx& tx, const boost::json::object& patch,
                                              const SignInExperience& next) {
  if (!patch.contains("forgotPasswordMethods") || !next.forgot_password_methods) return ok();
  for (const auto& method : *next.forgot_password_methods) {
    auto found = tx.message_connectors().find(method == kForgotByEmail ? "email" : "sms");
    if (!found) return found.error();
    if (!*found) {
      return with_field(keyed_error(Errc::InvalidRequest,
                                    "sign_in_experiences.forgot_password_method_requires_connector",
                                    "no connector for " + method),
                        "forgotPasswordMethods");
    }
  }
  return ok();
}

}  // namespace

Result<SignInExperience> update_settings(storage::Store& store, const boost::json::object& patch,
                                         const Clock& clock) {
  return update_settings(
      store, [&](const SignInExperience&) -> Result<boost::json::object> { return patch; }, clock);
}

Result<SignInExperience> update_settings(storage::Store& store, const PatchFn& make_patch,
                                         const Clock& clock) {
  SignInExperience updated;
  auto done = store.transact([&](storage::Tx& tx) -> Result<void> {
    auto current = load_settings(tx);
    if (!current) return current.error();
    auto patch = make_patch(*current);
    if (!patch) return patch.error();
    auto next = apply_patch(*current, *patch);
    if (!next) return next.error();
    if (auto checked = check_forgot_password_connectors(tx, *patch, *next); !checked) {
      return checked.error();
    }
    auto document = to_json(*next);
    document.erase("version");
    auto version = tx.sign_in_experience().put(boost::json::serialize(document), current->version,
                                               clock.now_millis());
    if (!version) return version.error();
    next->version = *version;
    updated = std::move(*next);
    return tx.bump_epoch(kSignInExperienceEpoch);
  });
  if (!done) return done.error();
  return updated;
}

}  // namespace latch::experience
