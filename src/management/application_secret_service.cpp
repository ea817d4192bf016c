#include "management/application_secret_service.hpp"

#include <utility>

#include "crypto/random.hpp"
#include "management/application_service.hpp"

namespace latch::management {
namespace {

Error unknown_app(const std::string& id) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "no application " + id);
}

// Logto's guard: varchar(256), not empty.
Result<void> check_name(const std::string& name) {
  if (name.empty() || name.size() > 256) {
    return with_field(make_error(Errc::InvalidRequest, "name must be 1 to 256 characters"), "name");
  }
  return ok();
}

// The app, which must exist and hold secrets (Logto's application_secrets check constraint).
Result<model::Application> secret_holder(storage::Tx& tx, const std::string& id) {
  auto app = tx.applications().find(id);
  if (!app) return app.error();
  if (!*app) return unknown_app(id);
  if (!model::holds_secrets((*app)->type)) {
    return keyed_error(
        Errc::Conflict, "entity.db_constraint_violated",
        "a " + std::string(model::app_type_name((*app)->type)) + " application holds no secrets");
  }
  return std::move(**app);
}

Result<std::vector<SecretView>> opened(const crypto::SecretBox& box,
                                       std::vector<model::ApplicationSecret> secrets) {
  std::vector<SecretView> out;
  for (auto& secret : secrets) {
    auto value = box.open(secret.sealed_value, secret.application_id);
    if (!value) return value.error();
    out.push_back({std::move(secret), std::move(*value)});
  }
  return out;
}

}  // namespace

SecretView make_secret(const crypto::SecretBox& box, const std::string& application_id,
                       std::string name, std::int64_t created_at,
                       std::optional<std::int64_t> expires_at, std::string value) {
  model::ApplicationSecret secret{application_id, std::move(name), box.seal(value, application_id),
                                  created_at, expires_at};
  return {std::move(secret), std::move(value)};
}

SecretView make_secret(const crypto::SecretBox& box, const std::string& application_id,
                       std::string name, std::int64_t created_at) {
  return make_secret(box, application_id, std::move(name), created_at, std::nullopt,
                     crypto::random_alnum(32));
}

Result<std::optional<std::string>> active_secret(storage::Tx& tx, const crypto::SecretBox& box,
                                                 const std::string& application_id,
                                                 std::int64_t now_ms) {
  auto secrets = tx.application_secrets().list(application_id);
  if (!secrets) return secrets.error();
  const model::ApplicationSecret* picked = nullptr;
  for (const auto& secret : *secrets) {  // oldest first
    if (secret.expires_at && *secret.expires_at <= now_ms) continue;
    if (!picked || secret.name == model::kDefaultSecretName) picked = &secret;
    if (secret.name == model::kDefaultSecretName) break;
  }
  if (!picked) return std::optional<std::string>();
  auto value = box.open(picked->sealed_value, application_id);
  if (!value) return value.error();
  return std::optional<std::string>(std::move(*value));
}

Result<std::vector<SecretView>> ApplicationSecretService::list(const std::string& application_id) {
  std::vector<model::ApplicationSecret> secrets;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto app = tx.applications().find(application_id);
    if (!app) return app.error();
    if (!*app) return unknown_app(application_id);
    auto found = tx.application_secrets().list(application_id);
    if (!found) return found.error();
    secrets = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  return opened(box_, std::move(secrets));
}

Result<SecretView> ApplicationSecretService::create(const std::string& application_id,
                                                    const NewSecret& request) {
  if (auto r = check_name(request.name); !r) return r.error();
  const std::int64_t now = clock_.now_millis();
  if (request.expires_at && *request.expires_at <= now) {
    return with_field(keyed_error(Errc::InvalidRequest, "request.invalid_input",
                                  "The value of `expiresAt` must be in the future."),
                      "expiresAt");
  }
  SecretView made = make_secret(box_, application_id, request.name, now, request.expires_at,
                                crypto::random_alnum(32));
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = secret_holder(tx, application_id);
    if (!app) return app.error();
    return tx.application_secrets().insert(made.secret);
  });
  if (!done) return done.error();
  return made;
}

Result<SecretView> ApplicationSecretService::rename(const std::string& application_id,
                                                    const std::string& name,
                                                    const std::string& new_name) {
  if (auto r = check_name(new_name); !r) return r.error();
  std::optional<SecretView> renamed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = tx.applications().find(application_id);
    if (!app) return app.error();
    if (!*app) return unknown_app(application_id);
    auto secrets = tx.application_secrets().list(application_id);
    if (!secrets) return secrets.error();
    for (auto& secret : *secrets) {
      if (secret.name != name) continue;
      if (auto r = tx.application_secrets().rename(application_id, name, new_name); !r) return r;
      secret.name = new_name;
      auto view = opened(box_, {std::move(secret)});
      if (!view) return view.error();
      renamed = std::move(view->front());
      return ok();
    }
    return keyed_error(Errc::NotFound, "entity.not_exists", "no application secret " + name);
  });
  if (!done) return done.error();
  return std::move(*renamed);
}

Result<void> ApplicationSecretService::remove(const std::string& application_id,
                                              const std::string& name) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = tx.applications().find(application_id);
    if (!app) return app.error();
    if (!*app) return unknown_app(application_id);
    auto removed = tx.application_secrets().remove(application_id, name);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no application secret " + name);
    }
    return removed;
  });
}

Result<SecretView> ApplicationSecretService::rotate_default(const std::string& application_id) {
  SecretView made = make_secret(box_, application_id, std::string(model::kDefaultSecretName),
                                clock_.now_millis());
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.applications().find(application_id);
    if (!found) return found.error();
    if (*found && (*found)->type == model::AppType::Saml) return use_saml_app_api();
    auto app = secret_holder(tx, application_id);
    if (!app && app.error().code == Errc::Conflict) {
      return make_error(Errc::InvalidRequest, "public clients (SPA, native) have no secret");
    }
    if (!app) return app.error();
    auto removed = tx.application_secrets().remove(application_id, model::kDefaultSecretName);
    if (!removed && removed.error().code != Errc::NotFound) return removed;
    return tx.application_secrets().insert(made.secret);
  });
  if (!done) return done.error();
  return made;
}

boost::json::object to_json(const SecretView& view) {
  const auto& secret = view.secret;
  boost::json::object out{{"applicationId", secret.application_id},
                          {"name", secret.name},
                          {"value", view.value},
                          {"createdAt", secret.created_at},
                          {"expiresAt", nullptr}};
  if (secret.expires_at) out["expiresAt"] = *secret.expires_at;
  return out;
}

}  // namespace latch::management
