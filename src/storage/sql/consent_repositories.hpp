#pragma once

#include "storage/app_sign_in_experience_repository.hpp"
#include "storage/consent_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlConsentScopeRepository final : public ConsentScopeRepository {
 public:
  explicit SqlConsentScopeRepository(Connection& conn) : conn_(conn) {}
  Result<void> add(std::string_view app_id, ConsentScopeType type,
                   const std::vector<std::string>& ids, std::int64_t at) override;
  Result<std::vector<std::string>> list(std::string_view app_id, ConsentScopeType type) override;
  Result<void> remove(std::string_view app_id, ConsentScopeType type, std::string_view id) override;

 private:
  Connection& conn_;
};

class SqlAppSignInExperienceRepository final : public AppSignInExperienceRepository {
 public:
  explicit SqlAppSignInExperienceRepository(Connection& conn) : conn_(conn) {}
  Result<std::optional<std::string>> find(std::string_view app_id) override;
  Result<bool> put(std::string_view app_id, const std::string& document) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
