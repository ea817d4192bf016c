#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/client_registration.hpp"

namespace latch::storage {

// Dynamic client registration (RFC 7591, RFC 7592): initial access tokens and the registrations
// made at /oidc/reg. Same rules as repositories.hpp: obtained from a Tx, valid inside it, one
// thread. A registration is removed with its application (foreign key, ON DELETE CASCADE).
class ClientRegistrationRepository {
 public:
  virtual ~ClientRegistrationRepository() = default;

  [[nodiscard]] virtual Result<void> insert_initial_token(
      const model::InitialAccessToken& token) = 0;
  // Spends one use of the token whose hash is `token_hash` and returns it (uses_left as it is
  // afterwards) when it exists, has not expired at `now` (seconds) and has a use left; nullopt
  // otherwise. Atomic across nodes: a token with one use left serves exactly one caller.
  [[nodiscard]] virtual Result<std::optional<model::InitialAccessToken>> spend_initial_token(
      std::string_view token_hash, std::int64_t now) = 0;
  // Newest first.
  [[nodiscard]] virtual Result<std::vector<model::InitialAccessToken>> list_initial_tokens() = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_initial_token(std::string_view id) = 0;

  // REQUIRES: the application `r.client_id` exists.
  [[nodiscard]] virtual Result<void> insert(const model::ClientRegistration& r) = 0;
  [[nodiscard]] virtual Result<std::optional<model::ClientRegistration>> find(
      std::string_view client_id) = 0;
  // Replaces access_token_hash, metadata_json and updated_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const model::ClientRegistration& r) = 0;
  // The client ids among `ids` that were registered dynamically.
  [[nodiscard]] virtual Result<std::vector<std::string>> registered_among(
      const std::vector<std::string>& ids) = 0;
};

}  // namespace latch::storage
