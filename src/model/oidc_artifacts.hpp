#pragma once

#include <cstdint>
#include <optional>
#include <string>

// The artifacts of the authorization code flow. Every secret value (session id, code, token) is
// stored only as its SHA-256 hash (base64url), in the `*_hash` fields.
namespace latch::model {

// A browser session (the SSO cookie). One user, many apps.
struct BrowserSession {
  std::string id_hash;
  std::string user_id;
  std::int64_t auth_time = 0;  // epoch seconds of the last authentication
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  // How the user authenticated (RFC 8176 values, space-separated: "pwd otp mfa"); "" = unknown
  // (sessions made before Latch recorded it).
  std::string amr;
};

// A pending authorization request handed to the hosted sign-in UI (OIDC "interaction").
struct Interaction {
  std::string uid;  // 21 chars, appears in /oidc/auth/:uid
  std::string client_id;
  std::string params_json;             // the validated authorization request
  std::string state_json = "{}";       // the sign-in UI's progress (experience engine)
  std::optional<std::string> user_id;  // set once the user has signed in
  std::int64_t auth_time = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// What a user has allowed an app (scopes, resources); codes and tokens hang off it, so revoking
// the grant revokes all of them.
struct Grant {
  std::string id;
  std::string user_id;
  std::string client_id;
  std::string scope;            // space-separated
  std::string resources;        // space-separated resource indicators
  std::string session_id_hash;  // browser session that created it (may be empty)
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  bool revoked = false;
  // The authentication methods of the sign-in behind the grant (BrowserSession::amr): its ID
  // tokens carry them, refreshed ones too.
  std::string amr;
};

struct AuthorizationCode {
  std::string code_hash;
  std::string grant_id;
  std::string client_id;
  std::string user_id;
  std::string redirect_uri;
  std::string scope;
  std::string resources;  // space-separated
  std::string nonce;
  std::string code_challenge;  // S256 only; empty when none was sent
  std::int64_t auth_time = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t consumed_at = 0;  // 0 = unused
  // RFC 9449 §10: the JWK thumbprint of the DPoP key the code is redeemed with; "" = any or none.
  std::string dpop_jkt;
};

struct RefreshToken {
  std::string token_hash;
  std::string grant_id;
  std::string client_id;
  std::string user_id;
  std::string scope;
  std::string resources;
  std::int64_t auth_time = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t consumed_at = 0;  // Unix ms when rotated; reuse after the leeway revokes the grant
};

// An opaque access token (no resource): good at /oidc/me and for introspection.
struct OpaqueAccessToken {
  std::string token_hash;
  std::string grant_id;
  std::string client_id;
  std::string user_id;
  std::string scope;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// The result of consuming a single-use artifact.
enum class ConsumeOutcome { Consumed, AlreadyConsumed, NotFound };

template <class T>
struct Consumed {
  ConsumeOutcome outcome = ConsumeOutcome::NotFound;
  std::optional<T> value;  // present for Consumed and AlreadyConsumed
};

}  // namespace latch::model
