#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

namespace latch::oidc {

// The standard and Logto claims of `user` released by `scopes` (OIDC Core §5.4, Logto's scope
// table): profile → name, picture, username, preferred_username, created_at, updated_at and the
// profile's standard claims; email → email, email_verified; phone → phone_number,
// phone_number_verified. With `extended` (userinfo), also custom_data and identities.
// `sub` is always present. name, picture and username are null when unset, as in Logto.
boost::json::object user_claims(const model::User& user, const std::vector<std::string>& scopes,
                                bool extended);

// The claims a user's roles and organizations give, for the granted scopes (Logto's extended
// claims, in the ID token and userinfo): `roles` (role names, scope `roles`); `organizations`
// (ids) and `organization_data` ([{id, name, description}]) with urn:logto:scope:organizations;
// `organization_roles` ("<organization id>:<role name>") with urn:logto:scope:organization_roles.
// No database read for scopes that release none of them. Sorted by name.
[[nodiscard]] Result<boost::json::object> membership_claims(storage::Tx& tx,
                                                            std::string_view user_id,
                                                            const std::vector<std::string>& scopes);

// The scopes Latch knows as OpenID / Logto user scopes (not API resource scopes).
bool is_oidc_scope(std::string_view scope);

}  // namespace latch::oidc
