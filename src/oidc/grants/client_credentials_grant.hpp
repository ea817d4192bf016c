#pragma once

#include "storage/store.hpp"

#include "oidc/grants/grant.hpp"

namespace latch::oidc {

// RFC 6749 §4.4 with RFC 8707 resource indicators: machine-to-machine apps get a JWT access
// token for one resource, carrying the requested scopes the app's roles grant (all it is
// granted when it names none). The app, the resource and what the app's roles grant come from
// the catalog snapshot, so the common token needs no database and no thread but the I/O
// thread's. A change committed by this process is in the catalog before the request that made it
// returns; another process's is seen through the SQLite commit count, or arrives with its NOTIFY
// (PostgreSQL). A request for a scope the snapshot does not grant reads the app's roles in the
// database before narrowing, so a role given a moment ago on another node counts; a token naming
// an organization, or one a custom claims script shapes, reads the database too.
class ClientCredentialsGrant final : public Grant {
 public:
  ClientCredentialsGrant(storage::Store& store, const TokenService& tokens)
      : store_(store), tokens_(tokens) {}
  std::string_view grant_type() const override { return "client_credentials"; }
  bool blocks(const GrantContext& ctx) const override;
  bool trusts_catalog() const override { return true; }
  [[nodiscard]] Result<TokenResponse> handle(const GrantContext& ctx) override;

 private:
  storage::Store& store_;
  const TokenService& tokens_;
};

}  // namespace latch::oidc
