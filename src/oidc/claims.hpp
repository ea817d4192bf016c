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

// With scope `roles`, the names of the user's roles (Logto's `roles` claim, in the ID token and
// userinfo); without it, nothing and no database read. Sorted by name.
[[nodiscard]] Result<std::vector<std::string>> role_claim(storage::Tx& tx, std::string_view user_id,
                                                          const std::vector<std::string>& scopes);
// Sets claims["roles"] from role_claim's names when `scopes` has `roles`.
void add_roles(boost::json::object& claims, const std::vector<std::string>& scopes,
               const std::vector<std::string>& role_names);

// The scopes Latch knows as OpenID / Logto user scopes (not API resource scopes).
bool is_oidc_scope(std::string_view scope);

}  // namespace latch::oidc
