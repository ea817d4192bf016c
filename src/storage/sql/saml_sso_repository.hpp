#pragma once

#include "storage/saml_sso_repository.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

class SqlSamlSsoRepository final : public SamlSsoRepository {
 public:
  explicit SqlSamlSsoRepository(Connection& conn) : conn_(conn) {}
  Result<void> insert_relay(const SamlRelay& relay) override;
  Result<std::optional<SamlRelay>> attach_response(std::string_view relay_state,
                                                   std::string_view connector_id,
                                                   std::string_view response,
                                                   std::int64_t now) override;
  Result<std::optional<SamlRelay>> take_relay(std::string_view relay_state,
                                              std::string_view connector_id,
                                              std::int64_t now) override;
  Result<bool> record_assertion(std::string_view connector_id, std::string_view assertion_id,
                                std::int64_t expires_at) override;
  Result<void> purge_expired(std::int64_t now) override;
  Result<std::vector<SamlSigningKeyRecord>> signing_keys(std::string_view connector_id) override;
  Result<void> insert_signing_key(const SamlSigningKeyRecord& key) override;
  Result<void> set_signing_key_active(std::string_view connector_id, std::string_view id,
                                      bool active) override;
  Result<void> remove_signing_key(std::string_view connector_id, std::string_view id) override;
  Result<std::optional<IdpInitiatedAuthConfig>> idp_initiated_config(
      std::string_view connector_id) override;
  Result<void> put_idp_initiated_config(const IdpInitiatedAuthConfig& config) override;
  Result<void> remove_idp_initiated_config(std::string_view connector_id) override;
  Result<void> insert_idp_initiated_session(const IdpInitiatedSession& session) override;
  Result<std::optional<IdpInitiatedSession>> take_idp_initiated_session(std::string_view id,
                                                                        std::int64_t now) override;

 private:
  Result<std::optional<SamlRelay>> find_relay(std::string_view relay_state,
                                              std::string_view connector_id, std::int64_t now);
  Connection& conn_;
};

}  // namespace latch::storage::sql
