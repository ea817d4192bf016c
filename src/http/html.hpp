#pragma once

#include <string>
#include <string_view>

namespace latch::http {

// Escapes text for HTML element content and quoted attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace latch::http
