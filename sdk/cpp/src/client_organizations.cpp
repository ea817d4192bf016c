// The Client's organization calls (Logto's RFC 0001): organization tokens through the refresh
// grant with `organization_id`, and the organizations the ID token lists.
#include <algorithm>

#include "client_impl.hpp"

namespace latch {
namespace {

using boost::asio::awaitable;

// Where an organization token is kept in the accessTokenMap: '#' cannot begin a resource
// indicator (an absolute URI, RFC 8707 §2), so no resource's token shares the key. Logto's
// SDKs key it "@#<id>" in the same spirit.
std::string organization_key(const std::string& organization_id) { return "#" + organization_id; }

// Logto's refusals of an organization token (core/src/oidc/grants/utils.ts, refresh-token.ts):
// access_denied (403: not a member, MFA required, no consent), insufficient_scope (the refresh
// token lacks urn:logto:scope:organizations) and invalid_target. Anything else is about the
// refresh token itself.
Errc organization_refusal(std::string_view oauth_error) {
  bool denied = oauth_error == "access_denied" || oauth_error == "insufficient_scope" ||
                oauth_error == "invalid_target";
  return denied ? Errc::organization_access_denied : Errc::refresh_failed;
}

bool asks_for_organizations(const Config& config) {
  return std::find(config.scopes.begin(), config.scopes.end(), kOrganizationsScope) !=
         config.scopes.end();
}

}  // namespace

// RFC 6749 §6 with Logto's `organization_id` (RFC 0001): no resource, so the token is the
// organization's (aud urn:logto:organization:<id>).
awaitable<std::string> Client::Impl::organization_token(std::string organization_id) {
  if (!asks_for_organizations(config_)) {
    throw Error(Errc::invalid_config, "organization tokens need Config::scopes to hold " +
                                          std::string(kOrganizationsScope));
  }
  if (organization_id.empty()) {
    throw Error(Errc::invalid_config, "organization_token needs an organization id");
  }
  TokenTarget target{.key = organization_key(organization_id),
                     .fields = {{"organization_id", organization_id}},
                     .refused = organization_refusal};
  co_return co_await stored_or_refreshed(std::move(target));
}

std::vector<UserOrganization> Client::Impl::organizations() {
  return organizations_from_claims(claims().raw);
}

}  // namespace latch
