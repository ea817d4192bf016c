#pragma once

#include "storage/sqlite/access_token_repository.hpp"
#include "storage/sqlite/application_repository.hpp"
#include "storage/sqlite/code_repository.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/experience_repositories.hpp"
#include "storage/sqlite/grant_repository.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "storage/sqlite/key_repository.hpp"
#include "storage/sqlite/refresh_token_repository.hpp"
#include "storage/sqlite/resource_repository.hpp"
#include "storage/sqlite/session_repository.hpp"
#include "storage/sqlite/user_repository.hpp"
#include "storage/store.hpp"

namespace latch::storage::sqlite {

// The repositories of one transaction, all bound to the connection that runs it. Made by
// SqliteStore after BEGIN and destroyed before COMMIT or ROLLBACK. One thread only.
class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn);

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
  SqliteApplicationRepository applications_;
  SqliteResourceRepository resources_;
  SqliteKeyRepository keys_;
  SqliteUserRepository users_;
  SqliteSessionRepository sessions_;
  SqliteInteractionRepository interactions_;
  SqliteGrantRepository grants_;
  SqliteCodeRepository codes_;
  SqliteRefreshTokenRepository refresh_tokens_;
  SqliteAccessTokenRepository access_tokens_;
  SqliteSignInExperienceRepository sign_in_experience_;
  SqliteMessageConnectorRepository message_connectors_;
  SqliteVerificationCodeRepository verification_codes_;
  SqliteSignInFailureRepository sign_in_failures_;
  SqliteConnectorRepository connectors_;
  SqliteLogRepository logs_;
};

}  // namespace latch::storage::sqlite
