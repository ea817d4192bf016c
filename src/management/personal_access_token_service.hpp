#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/personal_access_token.hpp"
#include "storage/store.hpp"

// Users' personal access tokens (Logto's /api/users/:userId/personal-access-tokens): named
// secrets "pat_" + 32 characters, each with an optional expiry, that an app allowed to exchange
// tokens trades for an access token speaking for the user (oidc/grants/exchange_tokens.hpp).
namespace latch::management {

// A token with its value in clear, for the operator who asked for it.
struct PersonalAccessTokenView {
  model::PersonalAccessToken token;
  std::string value;
};

struct NewPersonalAccessToken {
  std::string name;
  std::optional<std::int64_t> expires_at;  // epoch milliseconds
};

// Lists, creates, renames and deletes a user's tokens. Blocks on the database; thread-safe.
// Errors (Error::key, as Logto answers): NotFound "entity.not_found" for an unknown user.
class PersonalAccessTokenService {
 public:
  PersonalAccessTokenService(storage::Store& store, const crypto::SecretBox& box,
                             const Clock& clock)
      : store_(store), box_(box), clock_(clock) {}

  // Oldest first, with their values.
  [[nodiscard]] Result<std::vector<PersonalAccessTokenView>> list(const std::string& user_id);
  // InvalidRequest naming `name` for a name that is not 1 to 256 characters, InvalidRequest
  // "request.invalid_input" for an expiry that is not in the future; NotFound
  // "entity.relation_foreign_key_not_found" for an unknown user; Conflict
  // "user.personal_access_token_name_exists" for a name the user uses already.
  [[nodiscard]] Result<PersonalAccessTokenView> create(const std::string& user_id,
                                                       const NewPersonalAccessToken& request);
  // Renames token `name`: NotFound "entity.not_exists" when the user has none of that name; the
  // name rules and Conflict of create().
  [[nodiscard]] Result<PersonalAccessTokenView> rename(const std::string& user_id,
                                                       const std::string& name,
                                                       const std::string& new_name);
  // The token stops working before this returns. NotFound "entity.not_found" when the user has
  // none of that name.
  [[nodiscard]] Result<void> remove(const std::string& user_id, const std::string& name);

 private:
  storage::Store& store_;
  const crypto::SecretBox& box_;
  const Clock& clock_;
};

// Logto's PersonalAccessToken: userId, name, value, createdAt, expiresAt (null when none).
boost::json::object to_json(const PersonalAccessTokenView& view);

}  // namespace latch::management
