#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latch {

// Verified ID token claims (OIDC Core §2, Logto's additions). `raw` has every claim.
struct IdTokenClaims {
  std::string sub, iss, aud;
  std::int64_t iat = 0, exp = 0;
  std::optional<std::string> name, username, picture, email, phone_number;
  std::optional<bool> email_verified, phone_number_verified;
  boost::json::object raw;
};

// Claims of an access token that JwtValidator accepted (RFC 9068).
struct AccessTokenClaims {
  std::string sub, iss, client_id;
  std::vector<std::string> aud;
  std::vector<std::string> scopes;
  // The organization the token acts in (Logto's RFC 0001): the id in an organization token's
  // audience ("urn:logto:organization:<id>"), or the `organization_id` claim of an API token
  // scoped by an organization; "" for neither.
  std::string organization_id;
  std::int64_t iat = 0, exp = 0;
  boost::json::object raw;

  // `scopes` is the token's `scope` claim split on spaces (RFC 9068 §2.2.3, RFC 6749 §3.3):
  // what the caller's roles grant of what it asked for. An API decides on these, never on the
  // roles themselves.
  bool has_scope(std::string_view scope) const;
  // Every one of `required` is granted (true when `required` is empty).
  bool has_all(const std::vector<std::string>& required) const;
  // At least one of `accepted` is granted (false when `accepted` is empty).
  bool has_any(const std::vector<std::string>& accepted) const;
  // The scopes of `required` that are not granted, in order ({} when has_all(required)).
  std::vector<std::string> missing(const std::vector<std::string>& required) const;
};

}  // namespace latch
