#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"
#include "oidc/catalog.hpp"
#include "oidc/client_authenticator.hpp"
#include "oidc/grants/token_request.hpp"
#include "oidc/token_service.hpp"

namespace latch::oidc {

// What a grant gets from the token endpoint: the parsed request, the authenticated client and
// the catalog snapshot the client came from.
struct GrantContext {
  const TokenRequest& request;
  const AuthenticatedClient& client;
  const CatalogSnapshot& catalog;
  std::string ip = {};  // the client's address (http::Request::remote_address), for audit logs
};

// One grant type of the token endpoint (RFC 6749 §4). Grants are looked up by grant_type.
class Grant {
 public:
  virtual ~Grant() = default;
  virtual std::string_view grant_type() const = 0;
  // True when handle(ctx) touches the database or otherwise blocks; the endpoint then runs it on
  // the blocking pool. Otherwise handle() runs on the I/O thread.
  virtual bool blocks(const GrantContext& ctx) const = 0;
  // True when what handle() issues may rest on the catalog alone (what apps' roles grant): the
  // endpoint then takes a snapshot known to hold every commit (Provider::current_catalog).
  // Grants that read the database for what they issue see every commit anyway.
  virtual bool trusts_catalog() const { return false; }
  // The checks that depend only on the client's settings in the catalog snapshot (is the grant
  // enabled for it?). They run before handle(), whose side effects forbid a second attempt, so
  // a refusal a stale snapshot explains (an app changed a moment ago) is retried against a
  // newer one, as non-blocking grants are.
  [[nodiscard]] virtual Result<void> admit(const GrantContext& ctx) const {
    (void)ctx;
    return ok();
  }
  [[nodiscard]] virtual Result<TokenResponse> handle(const GrantContext& ctx) = 0;
};

}  // namespace latch::oidc
