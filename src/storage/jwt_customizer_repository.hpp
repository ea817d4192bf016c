#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace latch::storage {

// A custom JWT claims script and its settings (Logto's jwt customizer), for one token type.
struct StoredJwtCustomizer {
  std::string token_type;   // "access-token" or "client-credentials"
  std::string config;       // {script, environmentVariables?, contextSample?, tokenSample?}
  std::int64_t updated_at;  // epoch milliseconds
};

// The custom JWT claims scripts. Same rules as repositories.hpp: obtained from a Tx, valid inside
// it, one thread.
class JwtCustomizerRepository {
 public:
  virtual ~JwtCustomizerRepository() = default;
  [[nodiscard]] virtual Result<std::optional<StoredJwtCustomizer>> find(
      std::string_view token_type) = 0;
  // Ordered by token type.
  [[nodiscard]] virtual Result<std::vector<StoredJwtCustomizer>> list() = 0;
  // Inserts or replaces the row of `customizer.token_type`.
  [[nodiscard]] virtual Result<void> put(const StoredJwtCustomizer& customizer) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove(std::string_view token_type) = 0;
};

}  // namespace latch::storage
