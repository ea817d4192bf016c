#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

// Reading a request header off a connection, with the checks that must see the raw bytes.
namespace latch::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

struct HeaderRead {
  boost::system::error_code error;  // the parser's or the stream's
  bool folded = false;              // obs-fold before the end of the header (framing.hpp)
};

// Feeds `parser` from `buffer`, reading more from `stream` as needed, until the request's header
// is parsed. Bytes are scanned for obs-fold before the parser sees them. Whatever follows the
// header stays in `buffer` for the body read. The stream's current expiry bounds the whole read.
boost::asio::awaitable<HeaderRead> read_request_header(boost::beast::tcp_stream& stream,
                                                       boost::beast::flat_buffer& buffer,
                                                       RequestParser& parser);

}  // namespace latch::http
