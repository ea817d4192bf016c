#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request.hpp"
#include "oidc/catalog.hpp"

namespace latch::oidc {

// How the client proved who it is (RFC 6749 §2.3; RFC 7523 §2.2 for the two JWT methods).
enum class ClientAuthMethod { None, SecretBasic, SecretPost, SecretJwt, PrivateKeyJwt };

// The key of the InvalidClient error for a client_id no application has: 400, not 401, as
// oidc-provider answers it (its client lookup fails before any authentication).
inline constexpr std::string_view kUnknownClientKey = "oidc.unknown_client";

struct AuthenticatedClient {
  const ClientEntry* client = nullptr;  // points into the snapshot the caller holds
  ClientAuthMethod method = ClientAuthMethod::None;
  // The name of the client secret that authenticated it (model::ApplicationSecret); "" when no
  // secret did.
  std::string secret_name;
};

// Authenticates the client of a token, introspection or revocation request: HTTP Basic
// (client_secret_basic, id and secret form-urlencoded inside, RFC 6749 §2.3.1), client_id and
// client_secret in the body (client_secret_post), or client_id alone for public clients (none).
// InvalidRequest, worded as Logto (oidc-provider) words it, when two methods are used at once,
// client_id differs between them, the request names no client at all, or the Authorization
// header is malformed (not Basic, not base64, no colon, no id); InvalidClient keyed
// kUnknownClientKey ("invalid client <id>") for an unknown client; InvalidClient for a wrong
// secret, a confidential client without a secret, and for a client registered for client_secret_jwt
// or private_key_jwt (it may authenticate only that way). Any of the client's secrets authenticates
// it unless it has expired by `now_ms` (epoch milliseconds): InvalidRequest "client secret has
// expired" then, as Logto answers. Secrets are compared as SHA-256 hashes in constant time. A
// request with a client assertion is not this function's to answer: use authenticate_request()
// (client_assertion_auth.hpp), which calls this one for the rest; here it is InvalidRequest.
[[nodiscard]] Result<AuthenticatedClient> authenticate_client(const http::Request& request,
                                                              const http::Params& body,
                                                              const CatalogSnapshot& catalog,
                                                              std::int64_t now_ms);

// True when the body carries client_assertion or client_assertion_type (RFC 7521 §4.2).
bool has_client_assertion(const http::Params& body);

// The client_id the request claims (Basic authorization first, then the body's client_id, then
// the unverified "sub" of its client assertion), authenticated or not; nullopt when it names
// none or its Basic header is malformed.
std::optional<std::string> claimed_client_id(const http::Request& request,
                                             const http::Params& body);

}  // namespace latch::oidc
