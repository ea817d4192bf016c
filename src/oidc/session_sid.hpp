#pragma once

#include <string>
#include <string_view>

namespace latch::oidc {

// The sid of a browser session (OIDC Front-Channel Logout 1.0 §3, Back-Channel Logout 1.0 §2.4):
// an opaque value derived from the session's id hash (BrowserSession::id_hash), neither the
// cookie's value nor the database key, the same for every app that signs in through the session.
// It is also the session's public id in the Account API (account::session_uid). No I/O.
std::string session_sid(std::string_view session_id_hash);

}  // namespace latch::oidc
