#include "oidc/session_cookie.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

std::string signature_name() { return std::string(kSessionCookie) + ".sig"; }

std::string signature(std::string_view value, std::string_view key) {
  std::string signed_text = std::string(kSessionCookie) + "=" + std::string(value);
  return crypto::base64url_encode(crypto::hmac_sha256(key, signed_text));
}

}  // namespace

std::optional<std::string> read_session_cookie(const http::Request& req, std::string_view key) {
  auto token = req.cookie(kSessionCookie);
  if (!token || token->empty()) return std::nullopt;
  auto sig = req.cookie(signature_name());
  if (!sig || !crypto::constant_time_equal(*sig, signature(*token, key))) return std::nullopt;
  return token;
}

void set_session_cookie(http::Response& res, std::string_view token, std::string_view key,
                        const http::CookieOptions& opts) {
  res.insert(http::bhttp::field::set_cookie, http::set_cookie(kSessionCookie, token, opts));
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(signature_name(), signature(token, key), opts));
}

void clear_session_cookie(http::Response& res, const http::CookieOptions& opts) {
  res.insert(http::bhttp::field::set_cookie, http::clear_cookie(kSessionCookie, opts));
  res.insert(http::bhttp::field::set_cookie, http::clear_cookie(signature_name(), opts));
}

}  // namespace latch::oidc
