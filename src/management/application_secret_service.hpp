#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/application.hpp"
#include "storage/store.hpp"

// An application's client secrets (Logto's /api/applications/:id/secrets): named, each with an
// optional expiry; every unexpired one authenticates the app at the token endpoint
// (oidc/client_authenticator.hpp), so a secret can be replaced without downtime.
namespace latch::management {

// A secret with its value in clear, for the operator who asked for it.
struct SecretView {
  model::ApplicationSecret secret;
  std::string value;
};

struct NewSecret {
  std::string name;
  std::optional<std::int64_t> expires_at;  // epoch milliseconds
};

// A new secret `name` of app `application_id` holding `value` (sealed with `box`, AAD = the app's
// id). Stores nothing.
SecretView make_secret(const crypto::SecretBox& box, const std::string& application_id,
                       std::string name, std::int64_t created_at,
                       std::optional<std::int64_t> expires_at, std::string value);
// The same with a new random value (32 characters of [0-9A-Za-z]).
SecretView make_secret(const crypto::SecretBox& box, const std::string& application_id,
                       std::string name, std::int64_t created_at);

// The secret Logto hands on as an app's own (its active secret): the unexpired one named
// model::kDefaultSecretName, else the oldest unexpired one; nullopt when there is none.
[[nodiscard]] Result<std::optional<std::string>> active_secret(storage::Tx& tx,
                                                               const crypto::SecretBox& box,
                                                               const std::string& application_id,
                                                               std::int64_t now_ms);

// Lists, creates, renames and deletes an app's secrets. Blocks on the database; thread-safe.
// Errors (Error::key, as Logto answers): NotFound "entity.not_exists_with_id" for an unknown app.
class ApplicationSecretService {
 public:
  ApplicationSecretService(storage::Store& store, const crypto::SecretBox& box, const Clock& clock)
      : store_(store), box_(box), clock_(clock) {}

  // Oldest first, with their values.
  [[nodiscard]] Result<std::vector<SecretView>> list(const std::string& application_id);
  // InvalidRequest naming `name` for a name that is not 1 to 256 characters, InvalidRequest
  // "request.invalid_input" for an expiry that is not in the future; Conflict
  // "entity.db_constraint_violated" for an app that holds no secrets (model::holds_secrets) and
  // "application.secret_name_exists" for a name the app uses already.
  [[nodiscard]] Result<SecretView> create(const std::string& application_id,
                                          const NewSecret& request);
  // Renames secret `name`: NotFound "entity.not_exists" when the app has none of that name;
  // the name rules and Conflict of create().
  [[nodiscard]] Result<SecretView> rename(const std::string& application_id,
                                          const std::string& name, const std::string& new_name);
  // The secret stops authenticating the app before this returns. NotFound "entity.not_found"
  // when the app has none of that name.
  [[nodiscard]] Result<void> remove(const std::string& application_id, const std::string& name);
  // Latch's rotation: secret model::kDefaultSecretName gets a new value (made when the app has
  // none of that name); the old value stops working at once, the app's other secrets are kept.
  // InvalidRequest for an app that holds no secrets (use_saml_app_api() for a SAML app).
  [[nodiscard]] Result<SecretView> rotate_default(const std::string& application_id);

 private:
  storage::Store& store_;
  const crypto::SecretBox& box_;
  const Clock& clock_;
};

// Logto's ApplicationSecret: applicationId, name, value, createdAt, expiresAt (null when none).
boost::json::object to_json(const SecretView& view);

}  // namespace latch::management
