#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "oidc/catalog.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"

// The tokens a token exchange (RFC 8693 §2.1) is given: who the subject token speaks for, and
// who the actor token names. Errors are InvalidGrant with Logto's descriptions, except database
// failures, which pass through.
namespace latch::oidc {

inline constexpr std::string_view kAccessTokenType =
    "urn:ietf:params:oauth:token-type:access_token";
// Logto's own type for its subject tokens (deprecated there in favour of kAccessTokenType with a
// "sub_" token, which Latch also accepts).
inline constexpr std::string_view kImpersonationTokenType =
    "urn:logto:token-type:impersonation_token";
// Logto's type for a user's personal access token (model::PersonalAccessToken).
inline constexpr std::string_view kPersonalAccessTokenType =
    "urn:logto:token-type:personal_access_token";

// Who the subject token speaks for.
struct ExchangeSubject {
  std::string user_id;
  // A Latch subject token (impersonation): its hash, to consume, and who made it.
  std::string subject_token_hash;
  std::string creator_id;
  // An access token (delegation): the scopes it holds and the app it was issued to. nullopt for
  // a subject token, which holds no scopes of its own.
  std::optional<std::vector<std::string>> scopes;
  std::string issued_to;
};

// What the verifier needs beyond the transaction.
struct ExchangeKeys {
  const KeyStore& keys;
  std::string_view issuer;
  const CatalogSnapshot& catalog;
  std::int64_t now = 0;     // epoch seconds
  std::int64_t now_ms = 0;  // the same instant in epoch milliseconds (personal access tokens)
};

// The subject of `token` of type `type`: a "sub_" subject token (unexpired, unconsumed), a
// personal access token (unexpired; used any number of times, it holds no scopes of its own), an
// opaque access token of Latch's (unexpired, its grant live) or a JWT access token Latch signed
// (typ at+jwt, client_id, sub, unexpired). An access token must have been issued to a
// first-party app (Logto: a third-party app's consented token must not become the user's full
// first-party authorization). Does not consume anything.
[[nodiscard]] Result<ExchangeSubject> exchange_subject(storage::Tx& tx, const std::string& token,
                                                       std::string_view type,
                                                       const ExchangeKeys& keys);

// The user an actor token (RFC 8693 §4.1) names: an opaque access token of Latch's with the
// openid scope, as Logto requires. Empty when `token` is empty.
[[nodiscard]] Result<std::string> exchange_actor(storage::Tx& tx, const std::string& token,
                                                 std::string_view type, std::int64_t now);

}  // namespace latch::oidc
