#include "oidc/session_sid.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace latch::oidc {

std::string session_sid(std::string_view session_id_hash) {
  return crypto::base64url_encode(crypto::hmac_sha256("latch-session-uid", session_id_hash))
      .substr(0, 21);
}

}  // namespace latch::oidc
