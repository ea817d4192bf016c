#pragma once

#include "storage/postgres/access_token_repository.hpp"
#include "storage/postgres/application_repository.hpp"
#include "storage/postgres/code_repository.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/experience_repositories.hpp"
#include "storage/postgres/grant_repository.hpp"
#include "storage/postgres/interaction_repository.hpp"
#include "storage/postgres/key_repository.hpp"
#include "storage/postgres/refresh_token_repository.hpp"
#include "storage/postgres/resource_repository.hpp"
#include "storage/postgres/session_repository.hpp"
#include "storage/postgres/user_repository.hpp"
#include "storage/store.hpp"

namespace latch::storage::postgres {

// The repositories of one transaction, all bound to the connection that runs it. Made by
// PostgresStore after BEGIN and destroyed before COMMIT or ROLLBACK. One thread only.
class PostgresTx final : public Tx {
 public:
  explicit PostgresTx(Connection& conn);

  ApplicationRepository& applications() override { return applications_; }
  ResourceRepository& resources() override { return resources_; }
  KeyRepository& keys() override { return keys_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  InteractionRepository& interactions() override { return interactions_; }
  GrantRepository& grants() override { return grants_; }
  CodeRepository& codes() override { return codes_; }
  RefreshTokenRepository& refresh_tokens() override { return refresh_tokens_; }
  AccessTokenRepository& access_tokens() override { return access_tokens_; }
  SignInExperienceRepository& sign_in_experience() override { return sign_in_experience_; }
  MessageConnectorRepository& message_connectors() override { return message_connectors_; }
  VerificationCodeRepository& verification_codes() override { return verification_codes_; }
  SignInFailureRepository& sign_in_failures() override { return sign_in_failures_; }
  ConnectorRepository& connectors() override { return connectors_; }
  LogRepository& logs() override { return logs_; }
  Result<void> bump_epoch(std::string_view cache) override;

 private:
  Connection& conn_;
  PostgresApplicationRepository applications_;
  PostgresResourceRepository resources_;
  PostgresKeyRepository keys_;
  PostgresUserRepository users_;
  PostgresSessionRepository sessions_;
  PostgresInteractionRepository interactions_;
  PostgresGrantRepository grants_;
  PostgresCodeRepository codes_;
  PostgresRefreshTokenRepository refresh_tokens_;
  PostgresAccessTokenRepository access_tokens_;
  PostgresSignInExperienceRepository sign_in_experience_;
  PostgresMessageConnectorRepository message_connectors_;
  PostgresVerificationCodeRepository verification_codes_;
  PostgresSignInFailureRepository sign_in_failures_;
  PostgresConnectorRepository connectors_;
  PostgresLogRepository logs_;
};

}  // namespace latch::storage::postgres
