#pragma once

// SAML times (SAML core §1.3.3): xs:dateTime in UTC.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace latch::saml {

using Instant = std::chrono::system_clock::time_point;

// "2026-12-06T19:00:00Z": UTC, whole seconds, as §1.3.3 asks of a producer.
std::string format_instant(Instant instant);
// An xs:dateTime with 'Z' or a ±hh:mm offset and optional fractional seconds (truncated to
// milliseconds); nullopt for anything else, including a time without a zone.
std::optional<Instant> parse_instant(std::string_view text);

}  // namespace latch::saml
