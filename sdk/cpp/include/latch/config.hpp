#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "latch/dpop.hpp"

namespace latch {

// What the guide's LogtoConfig holds, plus transport settings.
struct Config {
  std::string endpoint;    // "https://auth.example.com" (the issuer is endpoint + "/oidc")
  std::string app_id;      // the App ID
  std::string app_secret;  // the App Secret; empty for public clients (PKCE only)
  // Added to "openid offline_access profile" (Logto's defaults).
  std::vector<std::string> scopes;
  // API resources (RFC 8707) the app wants access tokens for.
  std::vector<std::string> resources;
  // "consent", "login" or empty (Logto's default is "consent", which asks for offline_access).
  std::string prompt = "consent";

  std::chrono::seconds clock_skew{60};        // allowed on exp/iat checks
  std::chrono::milliseconds timeout{10000};   // each HTTP exchange
  std::string ca_file;                        // extra CA bundle for https (else the system's)
  std::chrono::seconds discovery_ttl{600};    // how long discovery and JWKS are cached
  std::function<std::int64_t()> now_seconds;  // the clock (tests); empty = system clock

  // DPoP (RFC 9449): with a key, the Client binds the sign-in's code to it (dpop_jkt), sends a
  // proof with every token request, so that its access and refresh tokens are bound to the key
  // (token_type DPoP, cnf.jkt), and calls userinfo with the DPoP scheme and a proof. A server
  // nonce (use_dpop_nonce) is taken and the request sent again once. Keep the same key for as
  // long as the stored tokens live: a bound refresh token is refused without it. Calls of your
  // own to a protected resource send `Authorization: DPoP <token>` and
  // `DPoP: dpop_key->proof(method, url, token)`.
  std::optional<DpopKey> dpop_key;
};

enum class InteractionMode { sign_in, sign_up };

// Extra parameters of a sign-in (Logto's SignInOptions).
struct SignInOptions {
  std::optional<InteractionMode> interaction_mode;  // sign_up: the first screen is registration
  std::string login_hint;                           // pre-fills the identifier
  std::string first_screen;                         // "signIn", "register", ...
  std::vector<std::string> extra_scopes;            // for this sign-in only
};

}  // namespace latch
