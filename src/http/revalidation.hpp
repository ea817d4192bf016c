#pragma once

#include <cstddef>

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

// The body gzip-encoded, with Content-Encoding: gzip; Vary: Accept-Encoding either way. Bodies
// shorter than `threshold` bytes are left as they are (compressing them gains nothing).
void gzip_if_accepted(const Request& req, Response& res, std::size_t threshold = 1024);

// Middleware: set_etag and answer_not_modified after the handler.
Middleware revalidated();

// Middleware: gzip_if_accepted after the handler.
Middleware compressed();

}  // namespace latch::http
