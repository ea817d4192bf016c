#include "oidc/grants/exchange_tokens.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/hash.hpp"
#include "crypto/jws.hpp"
#include "model/subject_token.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

Error invalid_grant(std::string description) {
  return make_error(Errc::InvalidGrant, std::move(description));
}

Result<ExchangeSubject> impersonation(storage::Tx& tx, const std::string& token, std::int64_t now) {
  auto found = tx.subject_tokens().find(crypto::token_hash(token));
  if (!found) return found.error();
  if (!*found) return invalid_grant("subject token not found");
  const model::SubjectToken& t = **found;
  if (t.expires_at <= now) return invalid_grant("subject token is expired");
  if (t.consumed_at != 0) return invalid_grant("subject token is already consumed");
  return ExchangeSubject{
      .user_id = t.user_id, .subject_token_hash = t.token_hash, .creator_id = t.creator_id};
}

// Logto: a personal access token is found by its value and may be used until it expires.
Result<ExchangeSubject> personal_access_token(storage::Tx& tx, const std::string& token,
                                              std::int64_t now_ms) {
  auto found = tx.personal_access_tokens().find_by_hash(crypto::token_hash(token));
  if (!found) return found.error();
  if (!*found) return invalid_grant("subject token not found");
  if ((*found)->expires_at && *(*found)->expires_at <= now_ms) {
    return invalid_grant("subject token is expired");
  }
  return ExchangeSubject{.user_id = (*found)->user_id};
}

// A live opaque access token: its user, client and scope. nullopt when it is not one of ours.
Result<std::optional<model::OpaqueAccessToken>> live_opaque(storage::Tx& tx,
                                                            const std::string& token,
                                                            std::int64_t now) {
  auto found = tx.access_tokens().find(crypto::token_hash(token));
  if (!found || !*found) return found;
  if ((*found)->expires_at <= now) return invalid_grant("subject token is expired");
  auto grant = tx.grants().find((*found)->grant_id);
  if (!grant) return grant.error();
  if (!*grant || (*grant)->revoked) return invalid_grant("subject token has been revoked");
  return found;
}

// RFC 9068 §2.1: "at+jwt", or "application/at+jwt" (RFC 7515 §4.1.9).
bool is_access_token_typ(const boost::json::object& header) {
  const auto* typ = header.if_contains("typ");
  if (!typ || !typ->is_string()) return false;
  std::string text(typ->as_string());
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text.starts_with("application/")) text = text.substr(12);
  return text == "at+jwt";
}

std::string string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// A JWT access token Latch signed. RFC 8725 §3.12: an ID token (same keys, same issuer) is no
// access token, so the typ and client_id are checked, not only the signature.
Result<ExchangeSubject> jwt_subject(const std::string& token, const ExchangeKeys& k) {
  auto keys = k.keys.snapshot();
  auto verified =
      crypto::verify_jwt(token, [&](std::string_view kid) { return keys->verifier(kid); });
  if (!verified) return invalid_grant("invalid subject token");
  const auto& claims = verified->payload;
  if (string_claim(claims, "iss") != k.issuer) return invalid_grant("invalid subject token");
  const auto* exp = claims.if_contains("exp");
  if (!exp || !exp->is_int64() || exp->as_int64() <= k.now) {
    return invalid_grant("subject token is expired");
  }
  std::string client_id = string_claim(claims, "client_id");
  if (!is_access_token_typ(verified->header) || client_id.empty()) {
    return invalid_grant("subject token is not an access token");
  }
  std::string sub = string_claim(claims, "sub");
  if (sub.empty()) return invalid_grant("subject token does not contain a valid `sub` claim");
  auto scopes = parse_scope(string_claim(claims, "scope"));
  return ExchangeSubject{.user_id = std::move(sub),
                         .scopes = scopes ? std::move(*scopes) : std::vector<std::string>{},
                         .issued_to = std::move(client_id)};
}

Result<void> first_party(const CatalogSnapshot& catalog, const std::string& client_id) {
  const ClientEntry* client = catalog.client(client_id);
  if (!client) return invalid_grant("subject token was issued to an unknown client");
  if (client->app.is_third_party) {
    return invalid_grant("subject token was not issued to a first-party application");
  }
  return ok();
}

bool looks_like_jwt(const std::string& token) {
  return std::count(token.begin(), token.end(), '.') == 2;
}

}  // namespace

Result<ExchangeSubject> exchange_subject(storage::Tx& tx, const std::string& token,
                                         std::string_view type, const ExchangeKeys& keys) {
  if (type == kImpersonationTokenType ||
      (type == kAccessTokenType && token.starts_with(model::kSubjectTokenPrefix))) {
    return impersonation(tx, token, keys.now);
  }
  if (type == kPersonalAccessTokenType) return personal_access_token(tx, token, keys.now_ms);
  if (type != kAccessTokenType) return invalid_grant("unsupported subject token type");
  Result<ExchangeSubject> subject = invalid_grant("invalid subject token");
  if (looks_like_jwt(token)) {
    subject = jwt_subject(token, keys);
  } else {
    auto opaque = live_opaque(tx, token, keys.now);
    if (!opaque) return opaque.error();
    if (!*opaque) return invalid_grant("invalid subject token");
    auto scopes = parse_scope((*opaque)->scope);
    subject = ExchangeSubject{.user_id = (*opaque)->user_id,
                              .scopes = scopes ? std::move(*scopes) : std::vector<std::string>{},
                              .issued_to = (*opaque)->client_id};
  }
  if (!subject) return subject;
  if (auto r = first_party(keys.catalog, subject->issued_to); !r) return r.error();
  return subject;
}

Result<std::string> exchange_actor(storage::Tx& tx, const std::string& token, std::string_view type,
                                   std::int64_t now) {
  if (!token.empty() && type != kAccessTokenType) {
    return invalid_grant("unsupported actor token type");
  }
  if (token.empty()) return std::string();
  auto found = tx.access_tokens().find(crypto::token_hash(token));
  if (!found) return found.error();
  if (!*found || (*found)->expires_at <= now) return invalid_grant("invalid actor token");
  auto grant = tx.grants().find((*found)->grant_id);
  if (!grant) return grant.error();
  if (!*grant || (*grant)->revoked) return invalid_grant("invalid actor token");
  auto scopes = parse_scope((*found)->scope);
  if (!scopes || !has_scope(*scopes, "openid")) {
    return invalid_grant("actor token must have openid scope");
  }
  return (*found)->user_id;
}

}  // namespace latch::oidc
