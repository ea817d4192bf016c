#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// The columns read_application() reads, in its order, unqualified.
inline constexpr std::string_view kApplicationColumns =
    "id, name, description, type, redirect_uris, post_logout_redirect_uris, "
    "cors_allowed_origins, is_third_party, id_token_signed_response_alg, custom_data, created_at, "
    "token_endpoint_auth_method, jwks, jwks_uri, is_device_flow, "
    "require_pushed_authorization_requests, allow_token_exchange, backchannel_logout_uri, "
    "backchannel_logout_session_required, custom_client_metadata";
model::Application read_application(const Row& row);

// Applications. Every write bumps the "applications" epoch. remove() relies on ON DELETE CASCADE
// for role assignments, grants, interactions, codes and tokens.
class SqlApplicationRepository final : public ApplicationRepository {
 public:
  explicit SqlApplicationRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::Application& app) override;
  Result<void> update(const model::Application& app) override;  // NotFound when absent
  Result<std::optional<model::Application>> find(std::string_view id) override;
  Result<std::vector<model::Application>> list(Page page) override;
  Result<std::vector<model::Application>> list_all() override;
  Result<std::int64_t> count() override;
  Result<void> remove(std::string_view id) override;

  Result<std::vector<model::Application>> find_many(const std::vector<std::string>& ids) override;

 private:
  Result<void> bumped(Result<void> written);

  Connection& conn_;
};

}  // namespace latch::storage::sql
