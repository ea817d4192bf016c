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

Result<void> SettingsStore::reload(storage::Store& store) {
  SignInExperience loaded;
  auto done = store.read([&](storage::Tx& tx) -> Result<void> {
    auto config = load_settings(tx);
    if (!config) return config.error();
    loaded = std::move(*config);
    return ok();
  });
  if (!done) return done.error();
  set(std::move(loaded));
  return ok();
}

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
