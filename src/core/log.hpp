#pragma once

#include <string_view>

namespace latch {

// Configures the default spdlog logger: level name ("info") and format ("text" or "json", one
// JSON object per line). Logs go to stderr. Call once at start-up.
void setup_logging(std::string_view level, std::string_view format);

}  // namespace latch
