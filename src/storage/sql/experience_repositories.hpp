#pragma once

#include "storage/experience_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlSignInExperienceRepository final : public SignInExperienceRepository {
 public:
  explicit SqlSignInExperienceRepository(Connection& conn) : conn_(conn) {}
  Result<std::optional<VersionedDocument>> find() override;
  Result<std::int64_t> put(std::string_view json, std::int64_t expected_version,
                           std::int64_t now_ms) override;

 private:
  Connection& conn_;
};

class SqlMessageConnectorRepository final : public MessageConnectorRepository {
 public:
  explicit SqlMessageConnectorRepository(Connection& conn) : conn_(conn) {}
  Result<std::optional<MessageConnectorRecord>> find(std::string_view kind) override;
  Result<void> put(const MessageConnectorRecord& record) override;
  Result<void> remove(std::string_view kind) override;

 private:
  Connection& conn_;
};

class SqlVerificationCodeRepository final : public VerificationCodeRepository {
 public:
  explicit SqlVerificationCodeRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const VerificationCode& code) override;
  Result<std::optional<VerificationCode>> find(std::string_view id) override;
  Result<void> add_attempt(std::string_view id) override;
  Result<bool> consume(std::string_view id, std::int64_t now) override;
  Result<std::int64_t> count_sent(std::string_view identifier, std::int64_t since) override;

 private:
  Connection& conn_;
};

class SqlSignInFailureRepository final : public SignInFailureRepository {
 public:
  explicit SqlSignInFailureRepository(Connection& conn) : conn_(conn) {}
  Result<void> record(std::string_view subject, std::int64_t at) override;
  Result<std::int64_t> count_since(std::string_view subject, std::int64_t since) override;
  Result<std::int64_t> latest(std::string_view subject) override;
  Result<void> clear(std::string_view subject) override;
  Result<void> purge_before(std::int64_t at) override;

 private:
  Connection& conn_;
};

class SqlLogRepository final : public LogRepository {
 public:
  explicit SqlLogRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const AuditLog& log) override;
  Result<std::optional<AuditLog>> find(std::string_view id) override;
  Result<std::vector<AuditLog>> list(const LogFilter& filter, Page page) override;
  Result<std::int64_t> count(const LogFilter& filter) override;
  Result<std::int64_t> count_capped(const LogFilter& filter, std::int64_t cap) override;
  Result<std::int64_t> purge_before(std::int64_t created_before, std::int64_t batch) override;

 private:
  Connection& conn_;
};

class SqlConnectorRepository final : public ConnectorRepository {
 public:
  explicit SqlConnectorRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert(const ConnectorRecord& record) override;
  Result<void> update(const ConnectorRecord& record) override;
  Result<std::optional<ConnectorRecord>> find(std::string_view id) override;
  Result<std::vector<ConnectorRecord>> list_all() override;
  Result<void> remove(std::string_view id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
