#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto {

// Seals secrets at rest (client secrets, connector secrets, private keys) with the master key:
// AES-256-GCM, a fresh 96-bit nonce per seal, the associated data bound to the row (its id).
// Output text: "v1." + base64url(nonce || ciphertext || tag). Thread-safe.
class SecretBox {
 public:
  // REQUIRES: key.size() == 32.
  explicit SecretBox(std::string key);
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;
  // InvalidRequest when `sealed` is malformed; Forbidden when authentication fails (wrong master
  // key or tampered data).
  [[nodiscard]] Result<std::string> open(std::string_view sealed,
                                         std::string_view associated_data) const;

 private:
  std::string key_;
};

}  // namespace latch::crypto
