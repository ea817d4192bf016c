#include "oidc/client_assertion.hpp"

#include <cstdint>
#include <optional>

namespace latch::oidc {
namespace {

constexpr std::size_t kMaxJti = 256;

Error invalid_assertion(std::string why) {
  return make_error(Errc::InvalidClient, "invalid client_assertion: " + std::move(why));
}

std::optional<std::int64_t> number(const boost::json::object& claims, std::string_view name) {
  return json_integer(claims.if_contains(name));
}

std::string_view string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

bool accepted_audience(std::string_view aud, const AssertionRules& rules) {
  return !aud.empty() && (aud == rules.issuer || aud == rules.token_endpoint);
}

// draft-ietf-oauth-rfc7523bis §4: the audience is this server's issuer identifier. The token
// endpoint URL is accepted as well, as OIDC Core §9 told clients to send it. Every value of an
// array must be one of the two: an assertion that names another audience could be replayed here
// by that audience (the January 2025 audience-injection advisory).
Result<void> check_audience(const boost::json::object& claims, const AssertionRules& rules) {
  const auto* aud = claims.if_contains("aud");
  if (aud && aud->is_string() && accepted_audience(aud->as_string(), rules)) return ok();
  if (aud && aud->is_array() && !aud->as_array().empty()) {
    for (const auto& item : aud->as_array()) {
      if (!item.is_string() || !accepted_audience(item.as_string(), rules)) {
        return invalid_assertion("aud must be the issuer " + rules.issuer);
      }
    }
    return ok();
  }
  return invalid_assertion("aud must be the issuer " + rules.issuer);
}

Result<std::int64_t> check_times(const boost::json::object& claims, const AssertionRules& rules) {
  auto exp = number(claims, "exp");
  if (!exp) return invalid_assertion("exp is required");
  if (*exp + kAssertionLeeway <= rules.now) return invalid_assertion("the assertion has expired");
  if (*exp - rules.now > kAssertionMaxLifetime) {
    return invalid_assertion("exp is more than " + std::to_string(kAssertionMaxLifetime) +
                             " seconds ahead");
  }
  for (std::string_view name : {"nbf", "iat"}) {
    if (!claims.contains(name)) continue;
    auto at = number(claims, name);
    if (!at) return invalid_assertion(std::string(name) + " must be a number");
    if (*at > rules.now + kAssertionLeeway) {
      return invalid_assertion(std::string(name) + " is in the future");
    }
  }
  return *exp;
}

}  // namespace

std::optional<std::int64_t> json_integer(const boost::json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double() && v->as_double() > -1e15 && v->as_double() < 1e15) {
    return static_cast<std::int64_t>(v->as_double());
  }
  return std::nullopt;
}

Result<std::string> assertion_client_id(const boost::json::object& claims) {
  std::string_view iss = string_claim(claims, "iss");
  std::string_view sub = string_claim(claims, "sub");
  if (iss.empty() || sub.empty()) return invalid_assertion("iss and sub are required");
  if (iss != sub) return invalid_assertion("iss and sub must both be the client_id");
  return std::string(iss);
}

Result<AssertionClaims> check_assertion_claims(const boost::json::object& claims,
                                               const AssertionRules& rules) {
  if (auto aud = check_audience(claims, rules); !aud) return aud.error();
  auto exp = check_times(claims, rules);
  if (!exp) return exp.error();
  std::string_view jti = string_claim(claims, "jti");
  if (jti.empty() || jti.size() > kMaxJti) {
    return invalid_assertion("jti is required (a string of at most 256 characters)");
  }
  return AssertionClaims{std::string(jti), *exp};
}

}  // namespace latch::oidc
