#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
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
  std::int64_t iat = 0, exp = 0;
  boost::json::object raw;

  bool has_scope(std::string_view scope) const;
};

}  // namespace latch
