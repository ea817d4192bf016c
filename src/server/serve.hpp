#pragma once

#include "server/runtime.hpp"

namespace latch::server {

// `latch serve`: loads keys and caches, listens, serves until SIGINT/SIGTERM, then drains.
// Returns the process exit code.
int serve(Runtime& runtime);

}  // namespace latch::server
