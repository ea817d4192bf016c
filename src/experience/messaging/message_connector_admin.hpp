#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "experience/messaging/message_factories.hpp"

namespace latch::experience {

// Logto's connector factory shape of `factory`: id, type (Email, Sms), target, name,
// description, platform, isStandard, readme, formItems.
boost::json::object message_factory_json(const MessageFactory& factory);

// The email and SMS connectors as Logto's /api/connectors shows them. A connector's id is its
// factory's id (one instance per kind, as Logto allows). `config` carries every field of the
// factory, the secret among them: answers show a stored secret as "********", and "********"
// sent back keeps it. Blocking; thread-safe.
class MessageConnectorAdmin {
 public:
  MessageConnectorAdmin(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock)
      : connectors_(store, secrets, clock) {}

  // Stores a new connector of the factory's kind; missing fields take their defaults.
  // InvalidRequest naming the field ("unknown field X", "port must be an integer",
  // "host is required"); Conflict "connector.multiple_instances_not_supported" when the kind
  // already has one.
  [[nodiscard]] Result<boost::json::object> create(const MessageFactory& factory,
                                                   const boost::json::object& config);
  // Merges `config` into the stored configuration (null resets a field to its default).
  // NotFound "entity.not_found" when none is configured; InvalidRequest as for create.
  [[nodiscard]] Result<boost::json::object> update(const MessageFactory& factory,
                                                   const boost::json::object& config);
  // NotFound "entity.not_found" when none is configured.
  [[nodiscard]] Result<boost::json::object> find(const MessageFactory& factory);
  [[nodiscard]] Result<void> remove(const MessageFactory& factory);
  // The configured connectors, email first.
  [[nodiscard]] Result<boost::json::array> list();

 private:
  Result<boost::json::object> save(const MessageFactory& factory, const boost::json::object& config,
                                   bool create);
  MessageConnectors connectors_;
};

}  // namespace latch::experience
