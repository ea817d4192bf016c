#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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
