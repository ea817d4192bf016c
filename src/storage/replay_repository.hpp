#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace latch::storage {

// One-time values shared by every node (a client assertion's jti, a DPoP proof's jti, a request
// object's jti): a value recorded once is refused until it expires. Same rules as
// repositories.hpp: obtained from a Tx, valid inside it, one thread.
class ReplayRepository {
 public:
  virtual ~ReplayRepository() = default;
  // Records `id` under `scope` ("client_assertion", "dpop", ...) until `expires_at` (epoch
  // seconds, as the housekeeper's purge counts them). True when the value is new, or was
  // recorded before but had expired at `now` (the entry is then taken over); false when an
  // unexpired entry exists. Atomic across nodes: of two concurrent calls with the same value,
  // exactly one sees true.
  [[nodiscard]] virtual Result<bool> record_once(std::string_view scope, std::string_view id,
                                                 std::int64_t now, std::int64_t expires_at) = 0;
};

}  // namespace latch::storage
