#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/personal_access_token.hpp"

namespace latch::storage {

// Users' personal access tokens (model::PersonalAccessToken). A user's deletion removes them.
// See the contract at the top of repositories.hpp.
class PersonalAccessTokenRepository {
 public:
  virtual ~PersonalAccessTokenRepository() = default;
  // Conflict "user.personal_access_token_name_exists" when the user has a token of that name;
  // NotFound when the user is absent.
  [[nodiscard]] virtual Result<void> insert(const model::PersonalAccessToken& token) = 0;
  // The user's tokens, oldest first (then by name).
  [[nodiscard]] virtual Result<std::vector<model::PersonalAccessToken>> list(
      std::string_view user_id) = 0;
  // The token whose value hashes to `token_hash`; nullopt when there is none.
  [[nodiscard]] virtual Result<std::optional<model::PersonalAccessToken>> find_by_hash(
      std::string_view token_hash) = 0;
  // NotFound when the user has no token `name`; Conflict as insert() when `new_name` is taken.
  [[nodiscard]] virtual Result<void> rename(std::string_view user_id, std::string_view name,
                                            std::string_view new_name) = 0;
  // NotFound when the user has no token `name`.
  [[nodiscard]] virtual Result<void> remove(std::string_view user_id, std::string_view name) = 0;
};

}  // namespace latch::storage
