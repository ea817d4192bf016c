#include "http/revalidation.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace latch::http {
namespace {

// The strong ETag of `body`: its length and a digest of it, base64url without padding.
std::string etag_of(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha1(), nullptr);
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string encoded;
  std::uint32_t bits = 0;
  int count = 0;
  for (unsigned int i = 0; i < length; ++i) {
    bits = (bits << 8) | digest[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      encoded.push_back(kAlphabet[(bits >> count) & 0x3F]);
    }
  }
  if (count > 0) encoded.push_back(kAlphabet[(bits << (6 - count)) & 0x3F]);
  char size[24];
  std::snprintf(size, sizeof size, "%zx", body.size());
  return "\"" + std::string(size) + "-" + encoded + "\"";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The opaque tag of an entity tag, weak or strong (§8.8.3.2's weak comparison).
std::string_view opaque_tag(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

bool lower_equals(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
  }
  return true;
}

// True when If-None-Match lists `etag` or is "*" (§13.1.2).
bool none_match_names(std::string_view header, std::string_view etag) {
  if (trim(header) == "*") return true;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    if (opaque_tag(header.substr(0, comma)) == opaque_tag(etag)) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool asks_revalidation(const Request& req) {
  std::string_view cache_control = req.header(bhttp::field::cache_control);
  while (!cache_control.empty()) {
    std::size_t comma = cache_control.find(',');
    if (lower_equals(trim(cache_control.substr(0, comma)), "no-cache")) return true;
    if (comma == std::string_view::npos) break;
    cache_control.remove_prefix(comma + 1);
  }
  return false;
}

bool is_get(const Request& req) {
  return req.method() == bhttp::verb::get || req.method() == bhttp::verb::head;
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer (RFC 1952) around the DEFLATE stream.
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

void set_etag(Response& res) {
  if (res.result() != bhttp::status::ok || res.body().empty()) return;
  if (res.find(bhttp::field::etag) != res.end()) return;
  res.set(bhttp::field::etag, etag_of(res.body()));
}

void answer_not_modified(const Request& req, Response& res) {
  if (!is_get(req) || res.result() != bhttp::status::ok) return;
  auto etag = res.find(bhttp::field::etag);
  if (etag == res.end()) return;
  std::string_view none_match = req.header(bhttp::field::if_none_match);
  if (none_match.empty() || asks_revalidation(req)) return;
  if (!none_match_names(none_match, etag->value())) return;
  res.result(bhttp::status::not_modified);
  res.body().clear();
  res.erase(bhttp::field::content_type);
  res.prepare_payload();
}

bool accepts_gzip(const Request& req) {
  std::string_view header = req.header(bhttp::field::accept_encoding);
  bool gzip_listed = false;
  bool gzip_allowed = false;
  bool any_allowed = false;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    std::string_view coding = trim(item.substr(0, item.find(';')));
    bool refused = false;
    if (std::size_t q = item.find("q="); q != std::string_view::npos) {
      std::string_view value = trim(item.substr(q + 2));
      refused = !value.empty() && std::all_of(value.begin(), value.end(),
                                              [](char c) { return c == '0' || c == '.'; });
    }
    if (lower_equals(coding, "gzip") || lower_equals(coding, "x-gzip")) {
      gzip_listed = true;
      gzip_allowed = !refused;
    } else if (coding == "*") {
      any_allowed = !refused;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return gzip_listed ? gzip_allowed : any_allowed;
}

PreparedDocument prepare_document(std::string body, std::size_t threshold) {
  PreparedDocument document{.body = std::move(body)};
  document.etag = etag_of(document.body);
  if (document.body.size() >= threshold) document.gzipped = gzip(document.body);
  return document;
}

Response document_response(const Request& req, const PreparedDocument& document,
                           std::string_view content_type, std::string_view cache_control) {
  const bool gzipped = !document.gzipped.empty() && accepts_gzip(req);
  Response res = text_response(bhttp::status::ok, gzipped ? document.gzipped : document.body);
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, cache_control);
  res.set(bhttp::field::etag, document.etag);
  res.set(bhttp::field::vary, "Accept-Encoding");
  if (gzipped) res.set(bhttp::field::content_encoding, "gzip");
  answer_not_modified(req, res);
  return res;
}

Middleware revalidated() {
  return [](Request& req, const Handler& next) -> asio::awaitable<Response> {
    Response res = co_await next(req);
    set_etag(res);
    answer_not_modified(req, res);
    co_return res;
  };
}

}  // namespace latch::http
