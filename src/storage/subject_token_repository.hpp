#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/subject_token.hpp"

namespace latch::storage {

// Subject tokens for token exchange (RFC 8693; Logto's /api/subject-tokens), by hash. Rows live
// until the housekeeper purges them after expires_at. See the contract at the top of
// repositories.hpp.
class SubjectTokenRepository {
 public:
  virtual ~SubjectTokenRepository() = default;
  // NotFound when the user does not exist; Conflict when the hash is taken.
  [[nodiscard]] virtual Result<void> insert(const model::SubjectToken& token) = 0;
  // The token with this hash, consumed or not; nullopt when there is none.
  [[nodiscard]] virtual Result<std::optional<model::SubjectToken>> find(
      std::string_view token_hash) = 0;
  // Atomically marks the token redeemed at `now` (seconds; a conditional update, safe across
  // nodes). AlreadyConsumed when an earlier call did. InvalidRequest when `now` is not positive.
  [[nodiscard]] virtual Result<model::Consumed<model::SubjectToken>> consume(
      std::string_view token_hash, std::int64_t now) = 0;
};

}  // namespace latch::storage
