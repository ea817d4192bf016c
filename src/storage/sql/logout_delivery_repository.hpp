#pragma once

#include "storage/logout_delivery_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlLogoutDeliveryRepository final : public LogoutDeliveryRepository {
 public:
  explicit SqlLogoutDeliveryRepository(Connection& conn) : conn_(conn) {}
  Result<std::int64_t> enqueue_for_session(std::string_view session_id_hash,
                                           std::int64_t now) override;
  Result<std::int64_t> enqueue_for_user(std::string_view user_id, std::int64_t now) override;
  Result<std::vector<LogoutDelivery>> claim_due(std::int64_t now, std::int64_t lease_until,
                                                int limit) override;
  Result<void> retry_at(const LogoutDelivery& delivery, std::int64_t at) override;
  Result<void> remove(const LogoutDelivery& delivery) override;
  Result<std::vector<LogoutDelivery>> list_all() override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
