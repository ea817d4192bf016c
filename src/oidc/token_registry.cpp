#include "oidc/token_registry.hpp"

#include "crypto/hash.hpp"
#include "crypto/jws.hpp"
#include "oidc/claims.hpp"
#include "oidc/dpop_proof.hpp"
#include "oidc/grants/refresh_token_grant.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

bool looks_like_jwt(const std::string& token) {
  return std::count(token.begin(), token.end(), '.') == 2;
}

boost::json::object inactive() { return {{"active", false}}; }

Error invalid_token(std::string description) {
  return make_error(Errc::InvalidToken, std::move(description));
}

}  // namespace

Result<TokenSubject> TokenRegistry::userinfo_subject(const std::string& access_token) {
  std::optional<TokenSubject> subject;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto token = tx.access_tokens().find(crypto::token_hash(access_token));
    if (!token) return token.error();
    if (!*token || (*token)->expires_at <= clock_.now_seconds()) return ok();
    auto grant = tx.grants().find((*token)->grant_id);
    if (!grant) return grant.error();
    if (!*grant || (*grant)->revoked) return ok();
    auto user = tx.users().find((*token)->user_id);
    if (!user) return user.error();
    if (!*user || (*user)->is_suspended) return ok();
    auto scopes = parse_scope((*token)->scope);
    std::vector<std::string> granted = scopes ? std::move(*scopes) : std::vector<std::string>{};
    auto stored = membership_claims(tx, (*user)->id, granted);
    if (!stored) return stored.error();
    subject = TokenSubject{std::move(**user), std::move(granted), std::move(*stored),
                           std::string(opaque_token_jkt(access_token))};
    return ok();
  });
  if (!done) return done.error();
  if (!subject) return invalid_token("the access token is invalid or has expired");
  if (!has_scope(subject->scopes, "openid")) {
    return make_error(Errc::InsufficientScope, "the access token lacks the openid scope");
  }
  return std::move(*subject);
}

boost::json::object TokenRegistry::introspect_jwt(const std::string& token,
                                                  const std::string& client_id) const {
  auto keys = keys_.snapshot();
  auto verified =
      crypto::verify_jwt(token, [&](std::string_view kid) { return keys->verifier(kid); });
  if (!verified) return inactive();
  const auto& claims = verified->payload;
  const auto* exp = claims.if_contains("exp");
  const auto* owner = claims.if_contains("client_id");
  const auto* iss = claims.if_contains("iss");
  if (!exp || !exp->is_int64() || exp->as_int64() <= clock_.now_seconds()) return inactive();
  if (!owner || !owner->is_string() || owner->as_string() != client_id) return inactive();
  if (!iss || !iss->is_string() || iss->as_string() != config_.issuer()) return inactive();
  boost::json::object out = claims;
  out["active"] = true;
  out["token_type"] = claims.contains("cnf") ? "DPoP" : "Bearer";  // RFC 9449 §6.2
  return out;
}

namespace {

// A token speaks for its user only while the user exists and is not suspended (as userinfo).
Result<bool> user_active(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  return *user && !(*user)->is_suspended;
}

// The grant is live and its user active.
Result<bool> subject_live(storage::Tx& tx, const std::string& grant_id,
                          const std::string& user_id) {
  auto grant = tx.grants().find(grant_id);
  if (!grant) return grant.error();
  if (!*grant || (*grant)->revoked) return false;
  return user_active(tx, user_id);
}

}  // namespace

// RFC 7662 §2.2: active only while every check that would accept the token elsewhere passes.
Result<boost::json::object> TokenRegistry::introspect(const std::string& token,
                                                      const std::string& client_id) {
  if (looks_like_jwt(token)) {
    boost::json::object out = introspect_jwt(token, client_id);
    const auto* sub = out.if_contains("sub");
    if (!sub || !sub->is_string() || sub->as_string() == client_id) return out;  // an app's own
    bool active = false;
    auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
      auto live = user_active(tx, std::string(sub->as_string()));
      if (!live) return live.error();
      active = *live;
      return ok();
    });
    if (!done) return done.error();
    return active ? out : inactive();
  }
  std::string hash = crypto::token_hash(token);
  std::int64_t now = clock_.now_seconds();
  boost::json::object out = inactive();
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto access = tx.access_tokens().find(hash);
    if (!access) return access.error();
    if (*access && (*access)->client_id == client_id && (*access)->expires_at > now) {
      auto live = subject_live(tx, (*access)->grant_id, (*access)->user_id);
      if (!live) return live.error();
      if (!*live) return ok();
      const auto& t = **access;
      out = {{"active", true},          {"client_id", t.client_id}, {"sub", t.user_id},
             {"scope", t.scope},        {"iat", t.created_at},      {"exp", t.expires_at},
             {"iss", config_.issuer()}, {"token_type", "Bearer"}};
      if (auto jkt = opaque_token_jkt(token); !jkt.empty()) {  // RFC 9449 §6.2
        out["token_type"] = "DPoP";
        out["cnf"] = boost::json::object{{"jkt", jkt}};
      }
      return ok();
    }
    auto refresh = tx.refresh_tokens().find(hash);
    if (!refresh) return refresh.error();
    if (!*refresh || (*refresh)->client_id != client_id || (*refresh)->expires_at <= now)
      return ok();
    const auto& t = **refresh;
    if (t.consumed_at != 0 &&
        clock_.now_millis() - t.consumed_at > RefreshTokenGrant::kReuseLeewayMs) {
      return ok();
    }
    auto live = subject_live(tx, t.grant_id, t.user_id);
    if (!live) return live.error();
    if (!*live) return ok();
    out = {{"active", true},          {"client_id", t.client_id},     {"sub", t.user_id},
           {"scope", t.scope},        {"iat", t.created_at},          {"exp", t.expires_at},
           {"iss", config_.issuer()}, {"token_type", "refresh_token"}};
    if (auto jkt = opaque_token_jkt(token); !jkt.empty()) {
      out["cnf"] = boost::json::object{{"jkt", jkt}};
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> TokenRegistry::revoke(const std::string& token, const std::string& client_id) {
  if (looks_like_jwt(token)) {
    return make_error(Errc::UnsupportedTokenType,
                      "JWT access tokens cannot be revoked; they expire on their own");
  }
  std::string hash = crypto::token_hash(token);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto refresh = tx.refresh_tokens().find(hash);
    if (!refresh) return refresh.error();
    if (*refresh) {
      if ((*refresh)->client_id != client_id) return ok();
      return tx.grants().revoke((*refresh)->grant_id);
    }
    auto access = tx.access_tokens().find(hash);
    if (!access) return access.error();
    if (*access && (*access)->client_id == client_id) return tx.access_tokens().remove(hash);
    return ok();
  });
}

}  // namespace latch::oidc
