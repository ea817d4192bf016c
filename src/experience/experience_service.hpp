#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/user_service.hpp"
#include "model/oidc_artifacts.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/catalog.hpp"
#include "storage/store.hpp"

namespace latch::experience {

// A pending sign-in as the pages show it.
struct InteractionView {
  model::Interaction interaction;
  oidc::AuthorizationRequest request;
  std::string app_name;
  bool third_party = false;
};

// The hosted sign-in's decisions: who the user is (password), new accounts, consent. Each call
// works on the interaction bound to the browser and ends by recording the result on it; the OP
// resumes from there. Blocks (database, Argon2id); thread-safe.
class ExperienceService {
 public:
  ExperienceService(storage::Store& store, const oidc::Catalog& catalog, const Clock& clock)
      : store_(store), catalog_(catalog), clock_(clock) {}

  // NotFound when `uid` names no live interaction.
  [[nodiscard]] Result<InteractionView> load(const std::string& uid);
  // Records the user's consent (third-party apps).
  [[nodiscard]] Result<void> consent(const std::string& uid);
  // Drops the interaction (the user declined); returns its request for the error redirect.
  [[nodiscard]] Result<oidc::AuthorizationRequest> abort(const std::string& uid);

  // Records that `user_id` signed in to interaction `uid` (the OP resumes from there).
  [[nodiscard]] Result<void> complete(const std::string& uid, const std::string& user_id);

 private:
  storage::Store& store_;
  const oidc::Catalog& catalog_;
  const Clock& clock_;
};

}  // namespace latch::experience
