#pragma once

#include <string>

#include "core/result.hpp"

namespace latch::connectors {

// A short text message to one recipient: a code by email or SMS.
struct OutgoingMessage {
  std::string to;       // email address or phone number
  std::string subject;  // email only
  std::string text;     // UTF-8 plain text
};

// Sends messages through one provider. Blocking with bounded timeouts: call it from the blocking
// pool, never an I/O thread. Thread-safe.
class MessageSender {
 public:
  virtual ~MessageSender() = default;
  // Unavailable when the provider cannot be reached or refuses the message (the detail says
  // why); InvalidRequest for a recipient or subject that cannot be sent safely.
  [[nodiscard]] virtual Result<void> send(const OutgoingMessage& message) const = 0;
};

}  // namespace latch::connectors
