#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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

// An organization invitation email (template usage "OrganizationInvitation").
struct InvitationMessage {
  std::string to;
  Lang lang = Lang::En;
  std::string link;          // where the invitee accepts
  std::string organization;  // the organization's name
  std::string inviter;       // who invites, "" when unknown
};

// A configuration to store for one kind.
struct MessageConnectorChange {
  enum class Mode {
    Upsert,  // create or replace
    Create,  // Conflict "connector.multiple_instances_not_supported" when one is configured
    Update,  // NotFound "entity.not_found" when none is configured
  };
  std::string kind;                   // email or sms
  boost::json::object config;         // every non-secret setting
  std::optional<std::string> secret;  // sealed; nullopt keeps the stored one, "" clears it
  Mode mode = Mode::Upsert;
};

// A stored configuration; the secret stays sealed.
struct StoredMessageConnector {
  boost::json::object config;
  bool has_secret = false;
  std::int64_t updated_at = 0;  // epoch ms
};

// Builds the sender for a stored configuration of `kind` (email or sms), its secret opened.
using MessageSenderFactory = std::function<std::unique_ptr<connectors::MessageSender>(
    const std::string& kind, const boost::json::object& config, const std::string& secret,
    const Clock& clock)>;

// The real senders: SMTP (connectors/email) for email, HTTP (connectors/sms) for sms.
std::unique_ptr<connectors::MessageSender> provider_sender(const std::string& kind,
                                                           const boost::json::object& config,
                                                           const std::string& secret,
                                                           const Clock& clock);

// The email (SMTP) and SMS connectors as configured in the database. The secret (SMTP password,
// SMS Authorization header) is sealed with the master key. `clock` dates saved configurations
// and sent mail. Blocking; thread-safe.
class MessageConnectors {
 public:
  // `make_sender` is the seam for tests, which record messages instead of sending them.
  MessageConnectors(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock,
                    MessageSenderFactory make_sender = provider_sender)
      : store_(store), secrets_(secrets), clock_(clock), make_sender_(std::move(make_sender)) {}

  // True when a connector of `kind` is configured.
  [[nodiscard]] Result<bool> configured(const std::string& kind);
  // Renders the message (the connector's template for the language, else the catalog) and
  // sends it. NotFound keys::kConnectorNotFound when none is configured; Unavailable
  // ("connector.send_failed") when sending fails (the detail says why).
  [[nodiscard]] Result<void> send_code(const CodeMessage& message);
  // Sends the invitation email: the email connector's template for the language and usage
  // "OrganizationInvitation" ({link}, {organization}, {inviter}), else the catalog's. Errors as
  // for send_code.
  [[nodiscard]] Result<void> send_invitation(const InvitationMessage& message);

  // Stores the configuration of `change.kind` in one transaction. InvalidRequest naming the
  // setting for a bad one ("host is required"); Conflict or NotFound as `change.mode` says.
  [[nodiscard]] Result<void> save(const MessageConnectorChange& change);
  // The stored configuration of `kind` (nullopt when none).
  [[nodiscard]] Result<std::optional<StoredMessageConnector>> find(const std::string& kind);
  // The stored settings without the secret, plus hasSecret (null when none).
  [[nodiscard]] Result<boost::json::value> describe(const std::string& kind);
  // Forgets the configuration of `kind`, so codes of that kind cannot be sent until one is
  // saved again. NotFound "entity.not_found" when none is configured.
  [[nodiscard]] Result<void> remove(const std::string& kind);

 private:
  Result<std::unique_ptr<connectors::MessageSender>> sender(const std::string& kind,
                                                            boost::json::object& config);
  Result<void> deliver(const connectors::MessageSender& sender,
                       const connectors::OutgoingMessage& message);
  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
  MessageSenderFactory make_sender_;
};

}  // namespace latch::experience
