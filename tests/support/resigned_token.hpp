#pragma once

#include <cstdint>
#include <string>

#include "support/test_server.hpp"

namespace latch::test {

// `token` (a JWT the server issued) with its `iat`, `nbf` and `exp` moved by `shift_seconds`
// and signed again with the server's current key for the token's algorithm: the token the server
// would have issued at another time, e.g. one that expired an hour ago. The server runs without
// an injectable clock, so the test reads the key as the server does: from its database, opened
// with its master key (data_dir()/master.key). Throws std::runtime_error when the token does not
// decode or the key cannot be read.
std::string resigned_token(const TestServer& server, const std::string& token,
                           std::int64_t shift_seconds);

}  // namespace latch::test
