#include "client_id_token.hpp"

#include <boost/json.hpp>

#include "jose.hpp"
#include "latch/error.hpp"
#include "provider.hpp"

namespace latch::detail {
namespace {

namespace json = boost::json;

[[noreturn]] void reject(const std::string& why) {
  throw Error(Errc::invalid_id_token, "the ID token is not valid: " + why);
}

std::optional<std::string> string_claim(const json::object& payload, std::string_view name) {
  const json::value* value = payload.if_contains(name);
  if (!value || !value->is_string()) {
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> time_claim(const json::object& payload, std::string_view name) {
  const json::value* value = payload.if_contains(name);
  if (!value || !value->is_number()) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto seconds = value->to_number<std::int64_t>(ec);
  if (ec) {
    return std::nullopt;
  }
  return seconds;
}

std::optional<bool> bool_claim(const json::object& payload, std::string_view name) {
  const json::value* value = payload.if_contains(name);
  if (!value || !value->is_bool()) {
    return std::nullopt;
  }
  return value->as_bool();
}

// OIDC Core §3.1.3.7 steps 3–5: aud contains the client; with several audiences, azp names it.
void check_audience(const json::object& payload, const std::string& client_id) {
  const json::value* aud = payload.if_contains("aud");
  if (aud && aud->is_string()) {
    if (aud->as_string() != client_id) {
      reject("it was issued to another application (aud)");
    }
  } else if (aud && aud->is_array()) {
    bool found = false;
    for (const auto& entry : aud->as_array()) {
      found = found || (entry.is_string() && entry.as_string() == client_id);
    }
    if (!found) {
      reject("it was issued to another application (aud)");
    }
  } else {
    reject("it has no audience");
  }
  auto azp = string_claim(payload, "azp");
  bool several = aud->is_array() && aud->as_array().size() > 1;
  if (azp ? *azp != client_id : several) {
    reject("it was issued to another application (azp)");
  }
}

void check_times(const json::object& payload, const IdTokenExpectations& expect) {
  const std::int64_t skew = expect.clock_skew.count();
  auto exp = time_claim(payload, "exp");
  auto iat = time_claim(payload, "iat");
  if (!exp || !iat) {
    reject("exp or iat is missing");
  }
  if (*exp + skew <= expect.now) {
    reject("it has expired");
  }
  if (*iat - skew > expect.now) {
    reject("it was issued in the future (iat)");
  }
}

}  // namespace

void check_id_token_claims(const json::object& payload, const IdTokenExpectations& expect) {
  if (string_claim(payload, "iss") != expect.issuer) {
    reject("it comes from another issuer (iss)");
  }
  check_audience(payload, expect.client_id);
  check_times(payload, expect);
  if (auto sub = string_claim(payload, "sub"); !sub || sub->empty()) {
    reject("it has no subject (sub)");
  }
  if (expect.nonce && string_claim(payload, "nonce") != *expect.nonce) {
    reject("its nonce is not the one this sign-in sent");
  }
}

boost::asio::awaitable<json::object> verify_id_token(std::string token, IdTokenExpectations expect,
                                                     JwksSource jwks) {
  Jws jws;
  try {
    jws = parse_jws(token);
  } catch (const Error& e) {
    reject(e.what());
  }
  auto kid = string_claim(jws.header, "kid");
  auto key = co_await find_jwk(jwks.jwks_uri, kid.value_or(""), jwks.transport, jwks.ttl);
  if (!key) {
    reject("it is signed with a key the server does not publish");
  }
  if (!verify_jws(jws, *key)) {
    reject("its signature does not verify");
  }
  check_id_token_claims(jws.payload, expect);
  co_return std::move(jws.payload);
}

json::object decode_id_token(std::string_view token) {
  try {
    return parse_jws(token).payload;
  } catch (const Error& e) {
    reject(e.what());
  }
}

IdTokenClaims to_id_token_claims(json::object payload) {
  IdTokenClaims claims;
  claims.sub = string_claim(payload, "sub").value_or("");
  claims.iss = string_claim(payload, "iss").value_or("");
  if (const json::value* aud = payload.if_contains("aud"); aud && aud->is_array()) {
    claims.aud = string_claim(payload, "azp").value_or("");
  } else {
    claims.aud = string_claim(payload, "aud").value_or("");
  }
  claims.iat = time_claim(payload, "iat").value_or(0);
  claims.exp = time_claim(payload, "exp").value_or(0);
  claims.name = string_claim(payload, "name");
  claims.username = string_claim(payload, "username");
  claims.picture = string_claim(payload, "picture");
  claims.email = string_claim(payload, "email");
  claims.phone_number = string_claim(payload, "phone_number");
  claims.email_verified = bool_claim(payload, "email_verified");
  claims.phone_number_verified = bool_claim(payload, "phone_number_verified");
  claims.raw = std::move(payload);
  return claims;
}

}  // namespace latch::detail
