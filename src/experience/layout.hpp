#pragma once

#include <string>
#include <string_view>

#include "http/response.hpp"

namespace latch::experience {

// The shell of every hosted page: document, stylesheet, a centred card with `title` and
// `body_html` (already escaped). Sets a strict Content-Security-Policy and no-store.
http::Response page_response(http::bhttp::status status, std::string_view title,
                             const std::string& body_html);

// A card with a heading and one paragraph of text (escaped here).
http::Response message_page(http::bhttp::status status, std::string_view title,
                            std::string_view message);

// The stylesheet served at /static/latch.css.
std::string_view stylesheet();

// An <input> with its <label>; `attrs` are extra attributes (already escaped).
std::string field(std::string_view name, std::string_view label, std::string_view type,
                  std::string_view value, std::string_view attrs = "");

}  // namespace latch::experience
