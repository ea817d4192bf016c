#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

// Social sign-in connectors: a factory per provider kind (GitHub, generic OAuth 2.0, generic
// OpenID Connect, ...) that declares its configuration and builds a connector from a stored,
// validated configuration. Shapes follow Logto's connector kit (factory id, target, config
// fields), so the console and the management API can describe any connector the same way.
namespace latch::connectors {

// One configuration field as the console shows it and validation checks it.
struct ConfigField {
  std::string key;    // clientId
  std::string label;  // Client ID
  std::string type;   // string, multiline, url, select, json, boolean, number (an integer)
  bool required = false;
  bool secret = false;               // sealed at rest, masked in listings
  std::string default_value;         // for strings; "" = none
  std::vector<std::string> choices;  // select
  std::string description;
};

// `fields` as Logto's connector kit describes them to the console ("formItems": key, label, type,
// required, isSecret, description, defaultValue, selectItems).
boost::json::array form_items_json(const std::vector<ConfigField>& fields);

// The user as the provider knows them. `email` and `phone` are set only when the provider
// vouches that they are verified.
struct SocialUserInfo {
  std::string id;  // stable subject at the provider (never a renameable login)
  std::string email, phone, name, avatar;
  boost::json::object raw;  // what the provider returned, kept as the identity's details
};

// What one sign-in attempt remembers between the redirect and the callback. Stored on the
// interaction (server side), never in the browser.
struct SocialSession {
  std::string state;
  std::string redirect_uri;
  std::string nonce;          // OpenID Connect
  std::string code_verifier;  // PKCE
};

// The callback's parameters (query or form_post body).
using CallbackParams = std::map<std::string, std::string, std::less<>>;

// Errors carry a phrase key as description, so every surface can explain them:
//   AccessDenied    connector.authorization_failed   the user said no at the provider
//   InvalidRequest  connector.redirect_uri_mismatch  the provider's app has another callback URL
//   InvalidGrant    connector.social_auth_code_invalid
//   Unavailable     connector.invalid_config         the provider refused our credentials
//   Unavailable     connector.invalid_response       the provider answered garbage
//   Unavailable     connector.unavailable            unreachable, timed out, 5xx
//   InvalidToken    connector.social_invalid_id_token
//   InvalidRequest  connector.general                any other error the provider reported
// The detail says what the provider sent (for the log; never a secret).
class SocialConnector {
 public:
  virtual ~SocialConnector() = default;
  // Where the browser goes to sign in at the provider. May fill `session` (nonce, PKCE).
  [[nodiscard]] virtual Result<std::string> authorization_uri(SocialSession& session) const = 0;
  // Exchanges the callback for the user's profile. Blocking (HTTP to the provider).
  [[nodiscard]] virtual Result<SocialUserInfo> user_info(const CallbackParams& callback,
                                                         const SocialSession& session) const = 0;
};

struct ConnectorMetadata {
  std::string factory_id;  // github-universal
  std::string target;      // github: the identity key; one identity per target per user
  std::string name;        // GitHub
  std::string platform = "Universal";
  bool is_standard = false;  // generic protocol: several instances, target set by config
  std::string logo_svg;      // inline SVG, drawn with currentColor where possible
  std::string readme;        // setup guide (Markdown)
};

// What a connector gets from its host. The clock outlives every connector built with it.
struct ConnectorEnv {
  const Clock& clock;                        // ID token times, the age of cached documents
  std::chrono::milliseconds timeout{10000};  // bounds every request to the provider
};

class ConnectorFactory {
 public:
  virtual ~ConnectorFactory() = default;
  virtual const ConnectorMetadata& metadata() const = 0;
  virtual const std::vector<ConfigField>& fields() const = 0;
  // The configuration with defaults filled in. InvalidRequest naming the field for a missing,
  // unknown or malformed field.
  [[nodiscard]] virtual Result<boost::json::object> validate(
      const boost::json::object& config) const;
  // REQUIRES: `config` passed validate().
  virtual std::unique_ptr<SocialConnector> create(const boost::json::object& config,
                                                  const ConnectorEnv& env) const = 0;
};

// Every social connector factory Latch ships, in the order the console lists them.
const std::vector<const ConnectorFactory*>& social_factories();
// By factory id ("github-universal") or by the short name the CLI accepts ("github").
const ConnectorFactory* find_factory(std::string_view id);

// True for an absolute http:// or https:// URL with a host: what a `url` field accepts.
bool is_http_url(std::string_view text);

// InvalidRequest naming the field when `value` does not fit its type (a string field: a string of
// at most 4096 characters; url: http(s); select: one of the choices).
[[nodiscard]] Result<void> check_config_field(const ConfigField& field,
                                              const boost::json::value& value);

}  // namespace latch::connectors
