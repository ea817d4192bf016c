#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "http/html.hpp"

namespace latch::http {

namespace bhttp = boost::beast::http;

using Response = bhttp::response<bhttp::string_body>;

// Builders. Each sets Content-Type and Content-Length; the server adds security headers.
Response json_response(bhttp::status status, const boost::json::value& body);
Response json_response(bhttp::status status, std::string body);  // pre-serialized JSON
Response text_response(bhttp::status status, std::string body);
// A page: markup only from the escaping builder (http/html.hpp).
Response html_response(bhttp::status status, const Html& document);
Response empty_response(bhttp::status status);
// 303 See Other by default (a POST followed by a redirect must become a GET).
Response redirect_response(std::string_view location,
                           bhttp::status status = bhttp::status::see_other);
// Cache-Control: no-store and Pragma: no-cache (RFC 6749 §5.1).
void set_no_store(Response& response);

}  // namespace latch::http
