#pragma once

#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/result.hpp"
#include "oidc/key_store.hpp"

namespace latch::oidc {

// What an id_token_hint says (OIDC Core §3.1.2.1, RP-Initiated Logout §2).
struct IdTokenHint {
  std::string audience;  // the client it was issued to
  std::string subject;   // the user
};

// Reads an ID token this provider issued: its signature verifies with a key of `keys` and its
// issuer is `config.issuer()`. An expired hint is still a hint. InvalidRequest otherwise (not a
// JWT, a bad signature, another issuer, no aud or sub).
[[nodiscard]] Result<IdTokenHint> read_id_token_hint(const Config& config, const KeyStore& keys,
                                                     std::string_view hint);

}  // namespace latch::oidc
