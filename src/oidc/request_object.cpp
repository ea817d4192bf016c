#include "oidc/request_object.hpp"

#include <boost/json/serialize.hpp>

#include "crypto/foreign_jws.hpp"
#include "oidc/client_assertion.hpp"
#include "oidc/client_signature.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

using http::asio::awaitable;

constexpr std::string_view kJwtClaims[] = {"iss", "aud", "exp", "iat", "nbf", "jti", "sub"};

Error invalid_object(std::string why) {
  return make_error(Errc::InvalidRequestObject, "invalid request object: " + std::move(why));
}

std::string_view string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

// RFC 9101 §4: aud is the authorization server's issuer identifier. An array may also name the
// pushed authorization request endpoint, and nothing else.
bool accepted_audience(const boost::json::value* aud, const std::string& issuer) {
  auto fits = [&](const boost::json::value& v) {
    return v.is_string() && (v.as_string() == issuer || v.as_string() == issuer + "/request");
  };
  if (aud && aud->is_string()) return aud->as_string() == issuer;
  if (!aud || !aud->is_array() || aud->as_array().empty()) return false;
  for (const auto& item : aud->as_array()) {
    if (!fits(item)) return false;
  }
  return true;
}

Result<void> check_claims(const boost::json::object& claims, const std::string& client_id,
                          const std::string& issuer, std::int64_t now) {
  if (string_claim(claims, "iss") != client_id) return invalid_object("iss must be the client_id");
  if (string_claim(claims, "client_id") != client_id) {
    return invalid_object("client_id must be the client's");
  }
  if (!accepted_audience(claims.if_contains("aud"), issuer)) {
    return invalid_object("aud must be the issuer " + issuer);
  }
  auto exp = json_integer(claims.if_contains("exp"));
  if (!exp) return invalid_object("exp is required");
  if (*exp + kAssertionLeeway <= now) return invalid_object("it has expired");
  for (std::string_view name : {"nbf", "iat"}) {
    if (!claims.contains(name)) continue;
    auto at = json_integer(claims.if_contains(name));
    if (!at) return invalid_object(std::string(name) + " must be a number");
    if (*at > now + kAssertionLeeway)
      return invalid_object(std::string(name) + " is in the future");
  }
  return ok();
}

bool is_jwt_claim(std::string_view name) {
  for (std::string_view c : kJwtClaims) {
    if (c == name) return true;
  }
  return false;
}

// One parameter per claim (RFC 9101 §4); objects (OIDC's claims parameter) as JSON text.
Result<http::Params> to_params(const boost::json::object& claims) {
  http::Params params;
  for (const auto& [name, value] : claims) {
    std::string key(name);
    if (is_jwt_claim(key)) continue;
    if (value.is_string()) {
      params.add(key, std::string(value.as_string()));
    } else if (auto n = json_integer(&value); n && !value.is_double()) {
      params.add(key, std::to_string(*n));
    } else if (value.is_array()) {
      for (const auto& item : value.as_array()) {
        if (!item.is_string()) return invalid_object(key + " must hold strings");
        params.add(key, std::string(item.as_string()));
      }
    } else if (value.is_object()) {
      params.add(key, boost::json::serialize(value));
    } else {
      return invalid_object(key + " has a value of the wrong type");
    }
  }
  return params;
}

}  // namespace

awaitable<Result<http::Params>> read_request_object(const Provider& op, const ClientEntry& client,
                                                    std::string_view jwt) {
  auto jws = crypto::decode_unverified(jwt);
  if (!jws) co_return invalid_object(jws.error().description);
  SignatureFailure failure{Errc::InvalidRequestObject, "invalid request object"};
  auto signed_ok = co_await verify_client_signature(op, client, *jws, failure);
  if (!signed_ok) co_return signed_ok.error();
  std::int64_t now = op.deps().clock.now_seconds();
  auto checked = check_claims(jws->payload, client.app.id, op.deps().config.issuer(), now);
  if (!checked) co_return checked.error();
  co_return to_params(jws->payload);
}

}  // namespace latch::oidc
