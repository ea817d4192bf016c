#pragma once

#include "storage/sql/connection.hpp"
#include "storage/webhook_repository.hpp"

namespace latch::storage::sql {

class SqlHookRepository final : public HookRepository {
 public:
  explicit SqlHookRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const model::Hook& hook) override;
  Result<void> update(const model::Hook& hook) override;
  Result<std::optional<model::Hook>> find(std::string_view id) override;
  Result<std::vector<model::Hook>> list(std::optional<Page> page) override;
  Result<std::int64_t> count() override;
  Result<void> remove(std::string_view id) override;
  Result<HookExecutionStats> execution_stats(std::string_view hook_id, std::int64_t since) override;

 private:
  Connection& conn_;
};

class SqlHookDeliveryRepository final : public HookDeliveryRepository {
 public:
  explicit SqlHookDeliveryRepository(Connection& conn) : conn_(conn) {}
  Result<std::int64_t> enqueue(std::string_view event_id, std::string_view event,
                               std::string_view payload_json, std::int64_t now) override;
  Result<std::vector<HookDelivery>> claim_due(std::int64_t now, std::int64_t lease_until,
                                              int limit) override;
  Result<void> retry_at(const HookDelivery& delivery, std::int64_t at) override;
  Result<void> remove(const HookDelivery& delivery) override;
  Result<std::vector<HookDelivery>> list_all() override;
  Result<void> log(const AuditLog& entry, std::string_view hook_id) override;
  Result<std::vector<AuditLog>> logs(const HookLogFilter& filter, Page page) override;
  Result<std::int64_t> count_logs(const HookLogFilter& filter) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
