#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "http/handler.hpp"

namespace latch::oidc {

class Provider;

// Records `id` under `scope` in the replay table every node shares (storage/replay_repository.hpp)
// until `until`, on the blocking pool. True on its first use, false when an unexpired entry
// already holds it: of two concurrent calls with one id, exactly one sees true. The callers
// spend one-time values with it: a DPoP proof's jti, a client assertion's jti.
http::asio::awaitable<Result<bool>> record_first_use(const Provider& op, std::string_view scope,
                                                     std::string_view id, std::int64_t now,
                                                     std::int64_t until);

}  // namespace latch::oidc
