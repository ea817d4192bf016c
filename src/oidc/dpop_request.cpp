#include "oidc/dpop_request.hpp"

#include <boost/json/object.hpp>

#include "crypto/hash.hpp"
#include "oidc/error_response.hpp"
#include "oidc/first_use.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

constexpr std::string_view kReplayScope = "dpop";

Error invalid_proof(std::string why) {
  return dpop_error(kInvalidDpopProofKey, "invalid DPoP proof: " + std::move(why));
}

// §4.3 item 1: exactly one DPoP header.
Result<std::optional<std::string>> dpop_header(const http::Request& req) {
  auto [first, last] = req.message.equal_range("DPoP");
  if (first == last) return std::optional<std::string>();
  if (std::next(first) != last) return invalid_proof("send one DPoP header");
  return std::optional<std::string>(std::string(first->value()));
}

// §11.1: the jti is spent on first use, in the table every node shares, for as long as the
// proof's iat would be accepted. The key is a proof's own (jkt), so one client cannot burn
// another's jti.
http::asio::awaitable<Result<void>> spend_jti(const Provider& op, const DpopProof& proof,
                                              std::int64_t now) {
  std::int64_t until = now + kDpopIatPast + kDpopIatFuture;
  std::string id = proof.jkt + ":" + proof.jti;
  auto first = co_await record_first_use(op, kReplayScope, id, now, until);
  if (!first) co_return first.error();
  if (!*first) co_return invalid_proof("its jti was already used");
  co_return ok();
}

}  // namespace

std::optional<DpopNonces> dpop_nonces(const Provider& op) {
  if (!op.deps().config.dpop_nonce) return std::nullopt;
  return DpopNonces(crypto::hmac_sha256(op.deps().token_key, "latch:dpop-nonce"));
}

void add_dpop_nonce(const Provider& op, http::Response& res) {
  if (auto nonces = dpop_nonces(op)) {
    res.set("DPoP-Nonce", nonces->current(op.deps().clock.now_seconds()));
  }
}

http::asio::awaitable<Result<std::optional<DpopProof>>> request_dpop_proof(
    const Provider& op, const http::Request& req, std::string_view path,
    std::optional<std::string_view> access_token) {
  auto header = dpop_header(req);
  if (!header) co_return header.error();
  if (!*header) co_return std::optional<DpopProof>();
  std::int64_t now = op.deps().clock.now_seconds();
  std::string url = op.deps().config.issuer() + std::string(path);
  std::optional<DpopNonces> nonces = dpop_nonces(op);
  std::string method(http::bhttp::to_string(req.method()));
  DpopExpectation expected{.method = method,
                           .url = url,
                           .now = now,
                           .access_token = access_token,
                           .nonces = nonces ? &*nonces : nullptr};
  auto proof = verify_dpop_proof(**header, expected);
  if (!proof) co_return proof.error();
  auto spent = co_await spend_jti(op, *proof, now);
  if (!spent) co_return spent.error();
  co_return std::optional<DpopProof>(std::move(*proof));
}

http::Response dpop_resource_error(const Provider& op, const Error& error) {
  http::Response res = oauth_error(error);
  bool scope = error.code == Errc::InsufficientScope;
  bool token = error.code == Errc::InvalidToken || error.key == kInvalidDpopProofKey ||
               error.key == kUseDpopNonceKey;
  if (!scope && !token) return res;
  res.result(scope ? http::bhttp::status::forbidden : http::bhttp::status::unauthorized);
  std::string algs;
  for (std::string_view alg : kDpopAlgs) algs += (algs.empty() ? "" : " ") + std::string(alg);
  res.set(http::bhttp::field::www_authenticate,
          "DPoP error=\"" + std::string(oauth_wire_code(error)) + "\", error_description=\"" +
              challenge_text(error.description) + "\", algs=\"" + algs + "\"");
  add_dpop_nonce(op, res);
  return res;
}

}  // namespace latch::oidc
