#include "account/account_caller.hpp"

#include <algorithm>
#include <cctype>

#include "account/verification_data.hpp"
#include "crypto/hash.hpp"
#include "oidc/dpop_proof.hpp"
#include "oidc/scope.hpp"

namespace latch::account {
namespace {

Error unauthorized(std::string detail) {
  return keyed_error(Errc::Unauthorized, "auth.unauthorized", std::move(detail));
}

// RFC 6750 §2.1.
std::string_view bearer(std::string_view header) {
  constexpr std::string_view kPrefix = "bearer ";
  if (header.size() <= kPrefix.size()) return {};
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kPrefix[i]) return {};
  }
  return header.substr(kPrefix.size());
}

// The token's grant, live; nullopt when it is not.
Result<std::optional<model::Grant>> live_grant(storage::Tx& tx, const model::OpaqueAccessToken& t,
                                               std::int64_t now) {
  if (t.expires_at <= now) return std::optional<model::Grant>();
  auto grant = tx.grants().find(t.grant_id);
  if (!grant) return grant.error();
  if (!*grant || (*grant)->revoked) return std::optional<model::Grant>();
  auto user = tx.users().find(t.user_id);
  if (!user) return user.error();
  if (!*user || (*user)->is_suspended) return std::optional<model::Grant>();
  return std::move(*grant);
}

Result<bool> verified_identity(storage::Tx& tx, std::string_view id, std::string_view user_id,
                               std::int64_t now) {
  if (id.empty()) return false;
  auto record = tx.verification_records().find(id);
  if (!record) return record.error();
  return *record && proves_identity(**record, user_id, now);
}

}  // namespace

bool AccountCaller::has(std::string_view name) const {
  return std::find(scopes.begin(), scopes.end(), name) != scopes.end();
}

bool proves_identity(const storage::VerificationRecord& record, std::string_view user_id,
                     std::int64_t now) {
  if (!record.verified || record.user_id != user_id || record.expires_at <= now) return false;
  auto type = parse_record_type(record.type);
  if (type == RecordType::Password) return true;
  if (type == RecordType::EmailCode || type == RecordType::PhoneCode) {
    return read_code_data(record.data_json).templ == kPermissionTemplate;
  }
  return false;
}

Result<AccountCaller> authenticate(storage::Tx& tx, std::string_view authorization,
                                   std::string_view verification_id, std::int64_t now) {
  std::string_view token = bearer(authorization);
  if (token.empty()) return unauthorized("no bearer token");
  // RFC 9449 §7.1: a DPoP-bound token is no bearer token; this API does not take proofs.
  if (!oidc::opaque_token_jkt(token).empty()) return unauthorized("a DPoP-bound access token");
  auto stored = tx.access_tokens().find(crypto::token_hash(token));
  if (!stored) return stored.error();
  if (!*stored) return unauthorized("unknown access token");
  auto grant = live_grant(tx, **stored, now);
  if (!grant) return grant.error();
  if (!*grant) return unauthorized("the access token is no longer valid");
  AccountCaller caller{.user_id = (*stored)->user_id,
                       .client_id = (*stored)->client_id,
                       .session_id_hash = (*grant)->session_id_hash};
  auto scopes = oidc::parse_scope((*stored)->scope);
  if (scopes) caller.scopes = std::move(*scopes);
  if (!caller.has(scope::kOpenId)) {
    return keyed_error(Errc::Forbidden, "auth.forbidden", "the access token lacks openid");
  }
  auto app = tx.applications().find(caller.client_id);
  if (!app) return app.error();
  caller.third_party = !*app || (*app)->is_third_party;  // an unknown app fails closed
  auto verified = verified_identity(tx, verification_id, caller.user_id, now);
  if (!verified) return verified.error();
  caller.identity_verified = *verified;
  return caller;
}

}  // namespace latch::account
