#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/handler.hpp"

namespace latch::http {

// ETags and conditional GETs (RFC 9110 §8.8.3, §13.1.2) and gzip (§8.4.1), as Logto's provider
// routes answer: a successful GET or HEAD with a body gets a strong ETag derived from the body;
// when the request's If-None-Match names it (and the request does not ask for revalidation with
// Cache-Control: no-cache), the answer is 304 Not Modified without a body.
void set_etag(Response& res);
void answer_not_modified(const Request& req, Response& res);

// True when Accept-Encoding lets the response be gzip-encoded: "gzip" or "*" with a non-zero
// quality, and gzip not refused by q=0.
bool accepts_gzip(const Request& req);

// A document served alike to every client (discovery, the JWKS): its ETag and its gzip form
// computed once, when it changes, not per request.
struct PreparedDocument {
  std::string body;
  std::string etag;
  std::string gzipped;  // "" when the body is too short to gain from it
};
PreparedDocument prepare_document(std::string body, std::size_t threshold = 1024);

// 200 with `document` (gzip-encoded when accepted), or 304 without a body when If-None-Match
// names its ETag; with `content_type` and `cache_control`.
Response document_response(const Request& req, const PreparedDocument& document,
                           std::string_view content_type, std::string_view cache_control);

// Middleware: set_etag and answer_not_modified after the handler.
Middleware revalidated();

}  // namespace latch::http
