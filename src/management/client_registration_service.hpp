#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/application.hpp"
#include "model/client_registration.hpp"
#include "storage/store.hpp"

namespace latch::management {

// A dynamically registered client as RFC 7591 §3.2.1 / RFC 7592 §3 answer it.
struct RegisteredClient {
  model::Application app;
  model::ClientRegistration registration;
  std::optional<std::string> secret;              // confidential clients
  std::optional<std::string> registration_token;  // when made: on registration and on update
};

// Who may register (Config::dynamic_registration).
enum class RegistrationMode { Off, Open, InitialAccessToken };
RegistrationMode parse_registration_mode(std::string_view text);

// What an operator asks for when creating an initial access token.
struct NewInitialToken {
  std::string description;
  std::int64_t expires_in = 30 * 86400;  // seconds, 60 .. 365 days
  std::int64_t uses = -1;                // registrations it may make; -1 = unlimited
};

struct CreatedInitialToken {
  model::InitialAccessToken token;
  std::string value;  // shown once
};

// Dynamic client registration (RFC 7591) and its management protocol (RFC 7592), and the
// initial access tokens operators hand out (RFC 7591 §3). Registered clients are third-party
// applications, so their users always see the consent screen (docs/protocols.md). Blocks on the
// database; thread-safe.
class ClientRegistrationService {
 public:
  ClientRegistrationService(RegistrationMode mode, storage::Store& store,
                            const crypto::SecretBox& secrets, const Clock& clock)
      : mode_(mode), store_(store), secrets_(secrets), clock_(clock) {}

  // RFC 7591 §3.1. `initial_token` is the request's bearer token ("" when none). InvalidToken
  // when the mode needs an initial access token and it is missing, unknown, expired or used up;
  // the errors of parse_client_metadata for bad metadata. Spends one use of the token.
  [[nodiscard]] Result<RegisteredClient> register_client(const boost::json::object& metadata,
                                                         std::string_view initial_token);
  // RFC 7592 §2.1. InvalidToken when `client_id` was not registered dynamically or
  // `registration_token` is not its registration access token.
  [[nodiscard]] Result<RegisteredClient> read(std::string_view client_id,
                                              std::string_view registration_token);
  // RFC 7592 §2.2: replaces the metadata (the client_id in `metadata` must match: InvalidRequest
  // otherwise; the type stays: a public client cannot become confidential or back, InvalidRequest
  // keyed kInvalidClientMetadata) and rotates the registration access token. Errors as read and as
  // register_client.
  [[nodiscard]] Result<RegisteredClient> update(std::string_view client_id,
                                                std::string_view registration_token,
                                                const boost::json::object& metadata);
  // RFC 7592 §2.3: deletes the application with its grants and tokens. Errors as read.
  [[nodiscard]] Result<void> remove(std::string_view client_id,
                                    std::string_view registration_token);

  // InvalidRequest for an out-of-range expiry or use count.
  [[nodiscard]] Result<CreatedInitialToken> create_initial_token(const NewInitialToken& request);
  [[nodiscard]] Result<std::vector<model::InitialAccessToken>> list_initial_tokens();
  // NotFound when absent.
  [[nodiscard]] Result<void> revoke_initial_token(const std::string& id);

 private:
  Result<std::string> spend(storage::Tx& tx, std::string_view initial_token);
  Result<RegisteredClient> authorized(storage::Tx& tx, std::string_view client_id,
                                      std::string_view registration_token);

  RegistrationMode mode_;
  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
};

// The RFC 7591 §3.2.1 response body (without registration_client_uri, which the endpoint adds).
boost::json::object registration_json(const RegisteredClient& client);
// An initial access token for the Management API: id, description, createdAt, expiresAt,
// usesLeft (null = unlimited), and token when just created.
boost::json::object to_json(const model::InitialAccessToken& token,
                            const std::optional<std::string>& value = std::nullopt);

}  // namespace latch::management
