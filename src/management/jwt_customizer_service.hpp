#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace latch::management {

// True for Logto's token type paths: "access-token", "client-credentials".
bool is_jwt_token_type(std::string_view token_type);

// Logto's accessTokenJwtCustomizerGuard / clientCredentialsJwtCustomizerGuard (strict): script
// (a string, required), environmentVariables (strings), contextSample (an object; for user
// tokens with a `user` object), tokenSample (Logto's token payload members), and
// blockIssuanceOnError. InvalidRequest naming the member otherwise.
[[nodiscard]] Result<void> check_jwt_customizer(std::string_view token_type,
                                                const boost::json::object& body);

// What a token sample may hold (Logto's accessTokenPayloadGuard / clientCredentialsPayloadGuard,
// every member optional). InvalidRequest naming `field` and the member otherwise.
[[nodiscard]] Result<void> check_token_sample(std::string_view token_type,
                                              const boost::json::object& sample,
                                              std::string_view field);

// The custom JWT claims scripts (Logto's /api/configs/jwt-customizer). Blocks on the database;
// thread-safe. REQUIRES: is_jwt_token_type(token_type) for every token_type.
class JwtCustomizerService {
 public:
  JwtCustomizerService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  struct Put {
    boost::json::object value;
    bool created = false;  // no customizer of that type was stored before
  };
  // Stores `body` (checked) as the customizer of the type, replacing any.
  [[nodiscard]] Result<Put> put(std::string_view token_type, const boost::json::object& body);
  // The stored customizer with `body`'s members replacing its own; `body` is checked as put's
  // (script required, Logto's guard). NotFound entity.not_exists_with_id when none is stored.
  [[nodiscard]] Result<boost::json::object> patch(std::string_view token_type,
                                                  const boost::json::object& body);
  // NotFound entity.not_exists_with_id when none is stored.
  [[nodiscard]] Result<boost::json::object> get(std::string_view token_type);
  // [{key: "jwt.accessToken" | "jwt.clientCredentials", value}] of the stored ones.
  [[nodiscard]] Result<boost::json::array> list();
  // NotFound entity.not_exists_with_id when none is stored.
  [[nodiscard]] Result<void> remove(std::string_view token_type);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace latch::management
