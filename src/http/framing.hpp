#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

// How a request's body is delimited, checked before it is read: a request that a proxy in front
// could delimit differently (request smuggling) is refused, and the connection closed.
namespace latch::http {

struct FramingError {
  boost::beast::http::status status;
  std::string_view message;  // safe to send
};

// RFC 9112 §6.1, §6.3 checks Beast's parser leaves to us. With Transfer-Encoding: 400 when
// Content-Length is present too, in an HTTP/1.0 request, when the final coding is not chunked
// or chunked is applied more than once; 501 when another coding comes before chunked (Latch
// decodes none). nullopt when the framing is unambiguous.
std::optional<FramingError> check_framing(const boost::beast::http::request_header<>& header);

// RFC 9112 §5.2: obs-fold, a header line continued on the next line (a line break followed by a
// space or tab). Beast would unfold it; a proxy in front might not, so Latch refuses it (400).
enum class FoldScan {
  Folded,       // a folded line before the end of the header
  HeaderEnded,  // the blank line that ends the header came first: whatever follows is body
  NeedMore,     // neither yet: scan again when more has arrived
};
// Scans `text`, the unparsed start of a request (or of its header fields). `from` is the length
// of the text an earlier call returned NeedMore for, when `text` has only grown since (0: scan
// all): each byte is looked at about once however the request arrives.
FoldScan scan_for_obs_fold(std::string_view text, std::size_t from = 0);

}  // namespace latch::http
