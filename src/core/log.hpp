#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace latch {

// Configures the default spdlog logger: level name ("info") and format ("text" or "json", one
// JSON object per line). Logs go to stderr. Every message is escaped by the formatter itself:
// control characters (CR and LF included) never reach the log as they are, and in JSON the
// message is a valid JSON string, whatever a caller put into it (a provider's error text, a
// username). Call once at start-up.
void setup_logging(std::string_view level, std::string_view format);

// Logs `error` where a surface renders it, and only there: an Internal error at error level with
// its detail (the caller sees a generic message), any other error with a detail at debug level.
void log_error(const Error& error);

// `text` with control characters escaped (\n, \r, \t, \xNN), as the log writes it. For tests.
std::string escape_for_log(std::string_view text);

}  // namespace latch
