#include "management/client_registration_service.hpp"

#include "management/application_secret_service.hpp"

#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "management/client_metadata.hpp"

namespace latch::management {
namespace {

constexpr std::int64_t kMaxInitialTokenLifetime = 365 * 86400;

Error invalid_token(std::string description) {
  return make_error(Errc::InvalidToken, std::move(description));
}

boost::json::object stored_extra(const model::ClientRegistration& r) {
  auto parsed = parse_json(r.metadata_json);
  if (!parsed || !parsed->is_object()) return {};
  return parsed->as_object();
}

// The registration row for `app`, with a fresh registration access token (RFC 7591 §3.2.1).
void issue_registration_token(RegisteredClient& client, std::int64_t now) {
  client.registration_token = crypto::random_token(32);
  client.registration.client_id = client.app.id;
  client.registration.access_token_hash = crypto::token_hash(*client.registration_token);
  client.registration.updated_at = now;
}

}  // namespace

RegistrationMode parse_registration_mode(std::string_view text) {
  if (text == "open") return RegistrationMode::Open;
  if (text == "initial_access_token") return RegistrationMode::InitialAccessToken;
  return RegistrationMode::Off;
}

// RFC 7591 §3: the initial access token, when the deployment asks for one. Returns its id.
Result<std::string> ClientRegistrationService::spend(storage::Tx& tx,
                                                     std::string_view initial_token) {
  if (mode_ == RegistrationMode::Open) return std::string();
  if (initial_token.empty()) return invalid_token("an initial access token is required");
  auto token = tx.client_registrations().spend_initial_token(crypto::token_hash(initial_token),
                                                             clock_.now_seconds());
  if (!token) return token.error();
  if (!*token) return invalid_token("the initial access token is unknown, expired or used up");
  return (*token)->id;
}

Result<RegisteredClient> ClientRegistrationService::register_client(
    const boost::json::object& metadata, std::string_view initial_token) {
  if (mode_ == RegistrationMode::Off) {
    return make_error(Errc::NotFound, "dynamic client registration is off");
  }
  auto parsed = parse_client_metadata(metadata);
  RegisteredClient client;
  const std::int64_t now = clock_.now_seconds();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto token_id = spend(tx, initial_token);  // before the metadata: RFC 6750 §3.1 order
    if (!token_id) return token_id.error();
    if (!parsed) return parsed.error();
    client.app = to_application(*parsed);
    client.app.id = crypto::random_id(21);
    client.app.created_at = clock_.now_millis();
    issue_registration_token(client, now);
    client.registration.metadata_json = boost::json::serialize(parsed->extra);
    client.registration.initial_token_id = *token_id;
    client.registration.created_at = now;
    if (auto r = tx.applications().insert(client.app); !r) return r.error();
    if (model::holds_secrets(client.app.type)) {
      SecretView secret = make_secret(
          secrets_, client.app.id, std::string(model::kDefaultSecretName), client.app.created_at);
      if (auto r = tx.application_secrets().insert(secret.secret); !r) return r.error();
      client.secret = std::move(secret.value);
    }
    return tx.client_registrations().insert(client.registration);
  });
  if (!done) return done.error();
  return client;
}

Result<RegisteredClient> ClientRegistrationService::authorized(
    storage::Tx& tx, std::string_view client_id, std::string_view registration_token) {
  if (registration_token.empty()) return invalid_token("a registration access token is required");
  auto registration = tx.client_registrations().find(client_id);
  if (!registration) return registration.error();
  if (!*registration || !crypto::constant_time_equal((*registration)->access_token_hash,
                                                     crypto::token_hash(registration_token))) {
    return invalid_token("the registration access token is not valid for this client");
  }
  auto app = tx.applications().find(client_id);
  if (!app) return app.error();
  if (!*app) return invalid_token("the registration access token is not valid for this client");
  RegisteredClient client{std::move(**app), std::move(**registration), std::nullopt, std::nullopt};
  // RFC 7591 §3.2.1: the client's secret, as the app's operators would find it now.
  auto secret = active_secret(tx, secrets_, client.app.id, clock_.now_millis());
  if (!secret) return secret.error();
  client.secret = std::move(*secret);
  return client;
}

Result<RegisteredClient> ClientRegistrationService::read(std::string_view client_id,
                                                         std::string_view registration_token) {
  std::optional<RegisteredClient> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto client = authorized(tx, client_id, registration_token);
    if (!client) return client.error();
    found = std::move(*client);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*found);
}

Result<RegisteredClient> ClientRegistrationService::update(std::string_view client_id,
                                                           std::string_view registration_token,
                                                           const boost::json::object& metadata) {
  std::optional<RegisteredClient> updated;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto client = authorized(tx, client_id, registration_token);
    if (!client) return client.error();
    // RFC 7592 §2.2: the body names the client it replaces.
    if (json_text(metadata, "client_id") != client_id) {
      return with_field(make_error(Errc::InvalidRequest, "client_id must be the client's own id"),
                        "client_id");
    }
    auto parsed = parse_client_metadata(metadata);
    if (!parsed) return parsed.error();
    model::Application next = to_application(*parsed);
    if (next.type != client->app.type) {
      return with_field(with_key(make_error(Errc::InvalidRequest,
                                            "token_endpoint_auth_method cannot change between a "
                                            "public and a confidential client: register a new "
                                            "client"),
                                 kInvalidClientMetadata),
                        "token_endpoint_auth_method");
    }
    next.id = client->app.id;
    next.description = client->app.description;  // the operator's, if they changed it
    next.created_at = client->app.created_at;
    client->app = std::move(next);
    issue_registration_token(*client, clock_.now_seconds());
    client->registration.metadata_json = boost::json::serialize(parsed->extra);
    if (auto r = tx.applications().update(client->app); !r) return r.error();
    if (auto r = tx.client_registrations().update(client->registration); !r) return r.error();
    updated = std::move(*client);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*updated);
}

Result<void> ClientRegistrationService::remove(std::string_view client_id,
                                               std::string_view registration_token) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto client = authorized(tx, client_id, registration_token);
    if (!client) return client.error();
    return tx.applications().remove(client_id);
  });
}

Result<CreatedInitialToken> ClientRegistrationService::create_initial_token(
    const NewInitialToken& request) {
  if (request.expires_in < 60 || request.expires_in > kMaxInitialTokenLifetime) {
    return with_field(make_error(Errc::InvalidRequest, "expiresIn must be 60 to 31536000 seconds"),
                      "expiresIn");
  }
  if (request.uses == 0 || request.uses < -1) {
    return with_field(make_error(Errc::InvalidRequest, "uses must be positive, or -1 (unlimited)"),
                      "uses");
  }
  if (request.description.size() > 256) {
    return with_field(make_error(Errc::InvalidRequest, "description is over 256 characters"),
                      "description");
  }
  CreatedInitialToken out;
  out.value = crypto::random_token(32);
  const std::int64_t now = clock_.now_seconds();
  out.token = {.id = crypto::random_id(21),
               .token_hash = crypto::token_hash(out.value),
               .description = request.description,
               .created_at = now,
               .expires_at = now + request.expires_in,
               .uses_left = request.uses};
  auto done = store_.transact(
      [&](storage::Tx& tx) { return tx.client_registrations().insert_initial_token(out.token); });
  if (!done) return done.error();
  return out;
}

Result<std::vector<model::InitialAccessToken>> ClientRegistrationService::list_initial_tokens() {
  std::vector<model::InitialAccessToken> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto tokens = tx.client_registrations().list_initial_tokens();
    if (!tokens) return tokens.error();
    out = std::move(*tokens);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> ClientRegistrationService::revoke_initial_token(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.client_registrations().remove_initial_token(id);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no initial access token " + id);
    }
    return removed;
  });
}

boost::json::object registration_json(const RegisteredClient& client) {
  boost::json::object out = metadata_json(client.app, stored_extra(client.registration));
  out["client_id"] = client.app.id;
  out["client_id_issued_at"] = client.app.created_at / 1000;
  if (client.secret) {
    out["client_secret"] = *client.secret;
    out["client_secret_expires_at"] = 0;  // RFC 7591 §3.2.1: does not expire
  }
  if (client.registration_token) out["registration_access_token"] = *client.registration_token;
  return out;
}

boost::json::object to_json(const model::InitialAccessToken& token,
                            const std::optional<std::string>& value) {
  boost::json::object out{{"id", token.id},
                          {"description", token.description},
                          {"createdAt", token.created_at * 1000},
                          {"expiresAt", token.expires_at * 1000}};
  if (token.uses_left < 0) {
    out["usesLeft"] = nullptr;
  } else {
    out["usesLeft"] = token.uses_left;
  }
  if (value) out["token"] = *value;
  return out;
}

}  // namespace latch::management
