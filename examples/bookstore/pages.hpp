#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "http_server.hpp"

namespace bookstore {

// `text` with & < > " ' replaced by entities: every value a page shows goes through this.
std::string escape_html(std::string_view text);

// A complete HTML page (UTF-8, no scripts) with `body_html` under the heading "Bookstore".
Response html_page(http::status status, std::string_view title, const std::string& body_html);

// 302 to `location`.
Response redirect(std::string_view location);

// A two-column table of a JSON object's members (strings shown as is, the rest as JSON).
std::string claims_table(const boost::json::object& claims);

// An error page: `message` escaped, with a link home.
Response error_page(http::status status, std::string_view message);

}  // namespace bookstore
