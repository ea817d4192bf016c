#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "connectors/social/social_connector.hpp"

namespace latch::experience {

// The connector factory behind the email or the SMS connector, as Logto's management API
// describes it: one instance at most, its configuration a set of fields of which one is the
// secret (sealed by MessageConnectors, masked in answers).
struct MessageFactory {
  std::string id;      // simple-mail-transfer-protocol (Logto's SMTP connector), http-sms
  std::string kind;    // MessageConnectors' kind: email, sms
  std::string type;    // Logto's ConnectorType: Email, Sms
  std::string target;  // smtp, http-sms
  std::string name;
  std::string description;
  std::string secret_key;  // the field holding the secret: password, authorization
  std::vector<connectors::ConfigField> fields;
};

// Both message factories, email first. Immutable; safe from any thread.
const std::vector<MessageFactory>& message_factories();
// By factory id; nullptr for any other id.
const MessageFactory* find_message_factory(std::string_view id);
// The factory of MessageConnectors' `kind` (email, sms); nullptr for any other kind.
const MessageFactory* message_factory_of_kind(std::string_view kind);

}  // namespace latch::experience
