#pragma once

#include <string>

#include "core/config.hpp"
#include "core/result.hpp"

namespace latch::server {

// The 32-byte master key that seals secrets at rest: `master_key` (base64) when configured,
// else the content of `master_key_file`, else a new key written there with mode 0600 (the data
// directory is created if needed). InvalidRequest when a configured key is not 32 bytes of
// base64; Unavailable when the file cannot be read or written.
[[nodiscard]] Result<std::string> load_master_key(const Config& config);

}  // namespace latch::server
