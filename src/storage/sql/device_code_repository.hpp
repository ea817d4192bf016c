#pragma once

#include "storage/device_code_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Device authorizations (RFC 8628), stored by device code hash.
class SqlDeviceCodeRepository final : public DeviceCodeRepository {
 public:
  explicit SqlDeviceCodeRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::DeviceCode& code) override;
  Result<std::optional<model::DeviceCode>> find(std::string_view device_code_hash) override;
  Result<std::optional<model::DeviceCode>> find_by_user_code(std::string_view user_code) override;
  Result<void> record_poll(std::string_view device_code_hash, std::int64_t polled_at,
                           std::int64_t interval) override;
  Result<bool> decide(std::string_view user_code, const DeviceDecision& decision,
                      std::int64_t now) override;
  // See consume_once() in storage/sql/consume.hpp; only an approved code is consumed.
  Result<model::Consumed<model::DeviceCode>> consume(std::string_view device_code_hash,
                                                     std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
