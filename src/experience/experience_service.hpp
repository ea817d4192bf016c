#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/organization_invitation_service.hpp"
#include "management/user_service.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/organization.hpp"
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

// What Latch's invitation page (/invitation/:id) shows: the invitation as of now and the names
// it mentions.
struct InvitationLanding {
  management::InvitationView view;
  management::InvitationContext context;
  std::string user_email;  // the primary email of the user asked about, "" when none
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

  // Records that `user_id` signed in to interaction `uid` (the OP resumes from there), with the
  // authentication methods used (RFC 8176 `amr` values: "pwd", "otp", "hwk", "swk", "mfa", ...),
  // which the session and the ID tokens it leads to carry.
  [[nodiscard]] Result<void> complete(const std::string& uid, const std::string& user_id,
                                      const std::vector<std::string>& amr = {});

  // The organization `id` names, nullopt when none (its branding dresses the pages).
  [[nodiscard]] Result<std::optional<model::Organization>> organization(const std::string& id);
  // Invitation `id` with its organization's and inviter's names, and the primary email of
  // `user_id` when given; nullopt when there is no such invitation.
  [[nodiscard]] Result<std::optional<InvitationLanding>> invitation(const std::string& id,
                                                                    const std::string& user_id);
  // Starts a sign-in without an app for `request` (its invitation_id set; no client): the flow
  // ends on the invitation's page instead of at /oidc/auth. (The stored interaction names the
  // built-in console client only because every interaction must name a registered client.) Drops
  // the interaction `replaced` the browser had, if any. Returns the new interaction's uid; it lives
  // `ttl` seconds.
  [[nodiscard]] Result<std::string> start_invitation(const oidc::AuthorizationRequest& request,
                                                     const std::string& replaced, std::int64_t ttl);
  // Starts the sign-in of the device page (/device) for `request` (its device_user_code and the
  // device's client set): the flow ends on /device/consent instead of at /oidc/auth. When
  // `session_token` names a live browser session, the interaction is signed in already as its
  // user (single sign-on). Drops the interaction `replaced`, if any. The interaction lives `ttl`
  // seconds.
  struct DeviceStart {
    std::string uid;
    bool signed_in = false;
  };
  [[nodiscard]] Result<DeviceStart> start_device(const oidc::AuthorizationRequest& request,
                                                 const std::string& replaced,
                                                 const std::string& session_token,
                                                 std::int64_t ttl);
  // A browser session for the user a device sign-in just signed in (the interaction's state says
  // login "fresh"), so the next sign-in in this browser is single sign-on, as after /oidc/auth.
  // Returns the session cookie's value; nullopt when the sign-in reused a session already.
  [[nodiscard]] Result<std::optional<std::string>> device_session(const model::Interaction& i,
                                                                  std::int64_t ttl);
  // Forgets interaction `uid` (the invitation page showed its outcome).
  [[nodiscard]] Result<void> finish(const std::string& uid);

 private:
  storage::Store& store_;
  const oidc::Catalog& catalog_;
  const Clock& clock_;
};

}  // namespace latch::experience
