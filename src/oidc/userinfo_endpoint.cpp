#include "http/blocking.hpp"
#include "oidc/claims.hpp"
#include "oidc/dpop_request.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"

namespace latch::oidc {
namespace {

struct PresentedToken {
  std::string token;
  bool dpop = false;  // sent as Authorization: DPoP (RFC 9449 §7.1)
  // Errors challenge with the DPoP scheme: a DPoP request, or a bound token sent as Bearer.
  bool dpop_challenge = false;
};

// `header` starts with `scheme` and a space, the scheme in any case.
bool has_scheme(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() + 1 || header[scheme.size()] != ' ') return false;
  return std::equal(scheme.begin(), scheme.end(), header.begin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// RFC 6750 §2.1 (header) and §2.2 (form body), RFC 9449 §7.1 (DPoP header); one method only.
Result<PresentedToken> presented_token(const http::Request& req) {
  std::string_view header = req.header(http::bhttp::field::authorization);
  if (!header.empty()) {
    if (has_scheme(header, "bearer")) return PresentedToken{std::string(header.substr(7)), false};
    if (has_scheme(header, "dpop")) return PresentedToken{std::string(header.substr(5)), true};
    return make_error(Errc::InvalidRequest,
                      "the authorization header must be a Bearer or DPoP token");
  }
  if (req.method() == http::bhttp::verb::post &&
      req.media_type() == "application/x-www-form-urlencoded") {
    auto params = request_params(req);
    if (params) {
      if (auto token = params->get("access_token")) return PresentedToken{std::string(*token)};
    }
  }
  return make_error(Errc::InvalidToken, "an access token is required");
}

// RFC 9449 §7.1: a bound token comes with the DPoP scheme and a proof by its key; a DPoP
// request's token must be bound.
Result<void> check_binding(const TokenSubject& subject, PresentedToken& presented,
                           const std::optional<DpopProof>& proof) {
  if (subject.dpop_jkt.empty()) {
    if (!presented.dpop) return ok();
    return make_error(Errc::InvalidToken, "the access token is not bound to a DPoP key");
  }
  if (!presented.dpop) {
    presented.dpop_challenge = true;
    return make_error(Errc::InvalidToken, "the access token is DPoP-bound: send it as DPoP");
  }
  if (!proof || proof->jkt != subject.dpop_jkt) {
    return make_error(Errc::InvalidToken, "the DPoP proof is not by the access token's key");
  }
  return ok();
}

awaitable<Result<TokenSubject>> subject_of(Provider& op, const http::Request& req,
                                           PresentedToken& presented) {
  std::optional<DpopProof> proof;
  if (presented.dpop) {
    presented.dpop_challenge = true;
    auto checked = co_await request_dpop_proof(op, req, "/me", presented.token);
    if (!checked) co_return checked.error();
    if (!*checked) co_return dpop_error(kInvalidDpopProofKey, "a DPoP proof is required");
    proof = std::move(*checked);
  }
  auto job = [&] { return op.registry().userinfo_subject(presented.token); };
  auto subject = co_await http::run_blocking(op.deps().pool, job);
  if (!subject) co_return subject.error();
  if (auto bound = check_binding(*subject, presented, proof); !bound) co_return bound.error();
  co_return std::move(*subject);
}

}  // namespace

// OIDC Core §5.3; RFC 9449 §7 for DPoP-bound tokens.
awaitable<http::Response> userinfo_endpoint(Provider& op, http::Request& req) {
  auto token = presented_token(req);
  if (!token) co_return oauth_error(token.error());
  auto subject = co_await subject_of(op, req, *token);
  if (!subject) {
    co_return token->dpop_challenge ? dpop_resource_error(op, subject.error())
                                    : oauth_error(subject.error());
  }
  boost::json::object claims = user_claims(subject->user, subject->scopes, true);
  for (const auto& [name, value] : subject->stored_claims) claims[name] = value;
  http::Response res = http::json_response(http::bhttp::status::ok, claims);
  http::set_no_store(res);
  add_dpop_nonce(op, res);
  co_return res;
}

}  // namespace latch::oidc
