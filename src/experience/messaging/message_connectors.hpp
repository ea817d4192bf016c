#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string>

#include "connectors/message.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "experience/i18n/i18n.hpp"
#include "storage/store.hpp"

namespace latch::experience {

// What a verification-code message says.
struct CodeMessage {
  std::string kind;  // "email" or "sms"
  std::string to;
  std::string purpose;  // SignIn, Register, ForgotPassword
  std::string code;
  Lang lang = Lang::En;
  std::string app_name;
};

// The email (SMTP) and SMS connectors as configured in the database. The secret (SMTP password,
// SMS Authorization header) is sealed with the master key. Blocking; thread-safe.
class MessageConnectors {
 public:
  MessageConnectors(storage::Store& store, const crypto::SecretBox& secrets)
      : store_(store), secrets_(secrets) {}

  // True when a connector of `kind` is configured.
  [[nodiscard]] Result<bool> configured(const std::string& kind);
  // Renders the message (the connector's template for the language, else the catalog) and
  // sends it. NotFound("connector.not_found") when none is configured; Unavailable
  // ("connector.send_failed") when sending fails (the detail says why).
  [[nodiscard]] Result<void> send_code(const CodeMessage& message);

  // Stores the configuration of `kind`: `config` holds every non-secret setting, `secret` is
  // sealed ("" keeps the stored secret when `keep_secret`). InvalidRequest for a bad setting.
  [[nodiscard]] Result<void> save(const std::string& kind, const boost::json::object& config,
                                  const std::string& secret, bool keep_secret, const Clock& clock);
  // The stored settings without the secret (null when none).
  [[nodiscard]] Result<boost::json::value> describe(const std::string& kind);

 private:
  Result<std::unique_ptr<connectors::MessageSender>> sender(const std::string& kind,
                                                            boost::json::object& config);
  storage::Store& store_;
  const crypto::SecretBox& secrets_;
};

}  // namespace latch::experience
