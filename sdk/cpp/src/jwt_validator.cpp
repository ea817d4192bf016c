#include "latch/jwt_validator.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <chrono>

#include "dpop_check.hpp"
#include "http_client.hpp"
#include "jose.hpp"
#include "latch/organizations.hpp"
#include "provider.hpp"

namespace latch {
namespace {

namespace json = boost::json;
using detail::TransportOptions;

Error invalid(const std::string& why) { return Error(Errc::invalid_token, why); }

std::optional<std::int64_t> number_claim(const json::object& claims, std::string_view name) {
  const json::value* v = claims.if_contains(name);
  if (!v) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->as_int64();
  }
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double()) {
    return static_cast<std::int64_t>(v->as_double());
  }
  throw invalid("the token's " + std::string(name) + " is not a number");
}

std::string string_claim(const json::object& claims, std::string_view name) {
  const json::value* v = claims.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// RFC 7519 §4.1.3: a string or an array of strings.
std::vector<std::string> audiences(const json::object& claims) {
  std::vector<std::string> out;
  const json::value* v = claims.if_contains("aud");
  if (v && v->is_string()) {
    out.emplace_back(v->as_string());
  } else if (v && v->is_array()) {
    for (const json::value& item : v->as_array()) {
      if (item.is_string()) {
        out.emplace_back(item.as_string());
      }
    }
  }
  return out;
}

std::vector<std::string> split_scopes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto space = text.find(' ');
    if (space != 0) {
      out.emplace_back(text.substr(0, space));
    }
    text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
  }
  return out;
}

// "the token lacks the scope a" / "the token lacks the scopes a b".
std::string lacks_message(const std::vector<std::string>& missing) {
  std::string message =
      missing.size() == 1 ? "the token lacks the scope" : "the token lacks the scopes";
  for (const std::string& scope : missing) {
    message += " " + scope;
  }
  return message;
}

// The audience a verification expects: `exact`, or (empty) any organization token's.
void check_audience(const std::vector<std::string>& aud, const std::string& exact) {
  if (!exact.empty()) {
    if (std::find(aud.begin(), aud.end(), exact) == aud.end()) {
      throw Error(Errc::wrong_audience, "the token is not for " + exact);
    }
    return;
  }
  if (std::none_of(aud.begin(), aud.end(),
                   [](const auto& a) { return organization_id_of_audience(a).has_value(); })) {
    throw Error(Errc::wrong_audience, "the token is not an organization token");
  }
}

// Logto's RFC 0001: the organization of an organization token's audience, else the
// `organization_id` claim of a resource token scoped by an organization; "" for neither.
std::string organization_of(const std::vector<std::string>& aud, const json::object& payload) {
  for (const std::string& a : aud) {
    if (auto id = organization_id_of_audience(a)) {
      return *id;
    }
  }
  return string_claim(payload, "organization_id");
}

// RFC 9068 §2.1: "at+jwt"; plain "JWT" is accepted too (Logto's tokens).
void check_type(const json::object& header) {
  const json::value* typ = header.if_contains("typ");
  if (!typ) {
    return;
  }
  std::string_view value = typ->is_string() ? std::string_view(typ->as_string()) : "";
  if (!boost::beast::iequals(value, "at+jwt") &&
      !boost::beast::iequals(value, "application/at+jwt") && !boost::beast::iequals(value, "JWT")) {
    throw invalid("the token is not an access token (typ " + std::string(value) + ")");
  }
}

}  // namespace

class JwtValidator::Impl {
 public:
  explicit Impl(ValidatorConfig config) : config_(std::move(config)) {
    while (!config_.endpoint.empty() && config_.endpoint.back() == '/') {
      config_.endpoint.pop_back();
    }
    if (config_.endpoint.empty()) {
      throw Error(Errc::invalid_config, "JwtValidator needs an endpoint");
    }
    issuer_ = config_.endpoint + "/oidc";
    transport_ = {.timeout = config_.timeout, .ca_file = config_.ca_file};
  }

  const std::string& audience() const { return config_.audience; }

  // `audience` "" = any organization token's (verify_organization_token with no id). `dpop`:
  // the request's proof, for a DPoP-bound token; nullptr for a bearer token.
  boost::asio::awaitable<AccessTokenClaims> verify(std::string token,
                                                   std::vector<std::string> required,
                                                   std::string audience,
                                                   const DpopRequest* dpop = nullptr) {
    detail::Jws jws = detail::parse_jws(token);
    check_type(jws.header);
    co_await check_signature(jws);
    AccessTokenClaims claims = check_claims(std::move(jws.payload), audience);
    check_binding(claims, token, dpop);
    if (std::vector<std::string> missing = claims.missing(required); !missing.empty()) {
      throw Error(Errc::insufficient_scope, lacks_message(missing));
    }
    co_return claims;
  }

 private:
  boost::asio::awaitable<void> check_signature(const detail::Jws& jws) {
    auto metadata = co_await detail::discover(config_.endpoint, transport_, config_.jwks_ttl);
    std::string kid = string_claim(jws.header, "kid");
    auto key = co_await detail::find_jwk(metadata->jwks_uri, kid, transport_, config_.jwks_ttl);
    if (!key) {
      throw invalid("the token is signed with a key the server does not publish");
    }
    if (!detail::verify_jws(jws, *key)) {
      throw invalid("the token's signature is not valid");
    }
  }

  std::int64_t now() const {
    if (config_.now_seconds) {
      return config_.now_seconds();
    }
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // RFC 9068 §4: iss, exp (and iat, nbf with the skew), aud.
  AccessTokenClaims check_claims(json::object payload, const std::string& audience) const {
    AccessTokenClaims c;
    c.iss = string_claim(payload, "iss");
    if (c.iss != issuer_) {
      throw invalid("the token was issued by " + c.iss + ", not " + issuer_);
    }
    const std::int64_t t = now();
    const std::int64_t skew = config_.clock_skew.count();
    auto exp = number_claim(payload, "exp");
    if (!exp || *exp <= t - skew) {
      throw invalid(exp ? "the token has expired" : "the token has no exp");
    }
    auto iat = number_claim(payload, "iat");
    if (iat && *iat > t + skew) {
      throw invalid("the token was issued in the future");
    }
    if (auto nbf = number_claim(payload, "nbf"); nbf && *nbf > t + skew) {
      throw invalid("the token is not valid yet");
    }
    c.aud = audiences(payload);
    check_audience(c.aud, audience);
    c.organization_id = organization_of(c.aud, payload);
    c.sub = string_claim(payload, "sub");
    c.client_id = string_claim(payload, "client_id");
    c.scopes = split_scopes(string_claim(payload, "scope"));
    c.exp = *exp;
    c.iat = iat.value_or(0);
    c.raw = std::move(payload);
    return c;
  }

  // RFC 9449 §7.1: a bound token only with a proof by its key; a proof only for a bound token.
  void check_binding(const AccessTokenClaims& claims, const std::string& token,
                     const DpopRequest* dpop) {
    const json::value* cnf = claims.raw.if_contains("cnf");
    std::string jkt = cnf && cnf->is_object() ? string_claim(cnf->as_object(), "jkt") : "";
    if (!dpop) {
      if (!jkt.empty()) throw invalid("the token is DPoP-bound: it needs the DPoP scheme");
      return;
    }
    if (jkt.empty()) throw invalid("the token is not DPoP-bound");
    const std::int64_t t = now();
    const std::int64_t skew = config_.clock_skew.count();
    detail::CheckedProof proof = detail::check_dpop_proof(
        dpop->proof,
        {.method = dpop->method, .url = dpop->url, .access_token = token, .now = t, .skew = skew});
    if (proof.jkt != jkt) throw invalid("the DPoP proof is not by the token's key");
    if (!seen_.remember(proof.jkt + ":" + proof.jti, t, t + 2 * skew + 1)) {
      throw invalid("invalid DPoP proof: its jti was already used");
    }
  }

  ValidatorConfig config_;
  detail::JtiCache seen_;
  std::string issuer_;
  TransportOptions transport_;
};

JwtValidator::JwtValidator(ValidatorConfig config)
    : impl_(std::make_unique<Impl>(std::move(config))) {}

JwtValidator::~JwtValidator() = default;

boost::asio::awaitable<AccessTokenClaims> JwtValidator::async_verify(
    std::string token, std::vector<std::string> required_scopes) {
  std::string audience = impl_->audience();
  if (audience.empty()) {
    throw Error(Errc::invalid_config, "JwtValidator::verify needs ValidatorConfig::audience");
  }
  co_return co_await impl_->verify(std::move(token), std::move(required_scopes),
                                   std::move(audience));
}

boost::asio::awaitable<AccessTokenClaims> JwtValidator::async_verify_organization_token(
    std::string token, std::string organization_id, std::vector<std::string> required_scopes) {
  std::string audience = organization_id.empty() ? "" : organization_audience(organization_id);
  co_return co_await impl_->verify(std::move(token), std::move(required_scopes),
                                   std::move(audience));
}

AccessTokenClaims JwtValidator::verify_organization_token(
    std::string_view token, std::string_view organization_id,
    const std::vector<std::string>& required_scopes) {
  return detail::run_blocking<AccessTokenClaims>([&]() {
    return async_verify_organization_token(std::string(token), std::string(organization_id),
                                           required_scopes);
  });
}

boost::asio::awaitable<AccessTokenClaims> JwtValidator::async_verify_dpop(
    std::string token, DpopRequest request, std::vector<std::string> required_scopes) {
  std::string audience = impl_->audience();
  if (audience.empty()) {
    throw Error(Errc::invalid_config, "JwtValidator::verify_dpop needs ValidatorConfig::audience");
  }
  co_return co_await impl_->verify(std::move(token), std::move(required_scopes),
                                   std::move(audience), &request);
}

AccessTokenClaims JwtValidator::verify_dpop(std::string_view token, const DpopRequest& request,
                                            const std::vector<std::string>& required_scopes) {
  return detail::run_blocking<AccessTokenClaims>(
      [&]() { return async_verify_dpop(std::string(token), request, required_scopes); });
}

AccessTokenClaims JwtValidator::verify(std::string_view token,
                                       const std::vector<std::string>& required_scopes) {
  return detail::run_blocking<AccessTokenClaims>(
      [&]() { return async_verify(std::string(token), required_scopes); });
}

namespace {

// "<scheme> <token>": the scheme in any case, spaces around the token allowed.
std::string credential(std::string_view header, std::string_view scheme) {
  while (!header.empty() && header.front() == ' ') {
    header.remove_prefix(1);
  }
  if (header.size() <= scheme.size() ||
      !boost::beast::iequals(header.substr(0, scheme.size()), scheme)) {
    throw invalid("the Authorization header is not a " +
                  std::string(scheme.substr(0, scheme.size() - 1)) + " token");
  }
  header.remove_prefix(scheme.size());
  while (!header.empty() && (header.front() == ' ' || header.back() == ' ')) {
    header.front() == ' ' ? header.remove_prefix(1) : header.remove_suffix(1);
  }
  if (header.empty() || header.find(' ') != std::string_view::npos) {
    throw invalid("the Authorization header is not a " +
                  std::string(scheme.substr(0, scheme.size() - 1)) + " token");
  }
  return std::string(header);
}

}  // namespace

// RFC 6750 §2.1: "Bearer" (any case), one or more spaces, the token.
std::string JwtValidator::bearer_token(std::string_view header) {
  return credential(header, "bearer ");
}

// RFC 9449 §7.1: "DPoP" (any case), one or more spaces, the token.
std::string JwtValidator::dpop_token(std::string_view header) {
  return credential(header, "dpop ");
}

}  // namespace latch
