#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/aead.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/experience_service.hpp"
#include "experience/flow/flow_service.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "experience/social/social_connectors.hpp"
#include "experience/sso/sso_connectors.hpp"
#include "http/rate_limiter.hpp"
#include "management/mfa_service.hpp"
#include "oidc/catalog.hpp"
#include "storage/experience_repositories.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

// A FlowService over a real, migrated SQLite database (a temp dir in memory), with a FakeClock,
// the real settings, experience and connector services, and a message sender that records
// instead of sending. The one place the FlowService tests spell the flow's event and
// verification names, read its error keys and details, and make interactions, users and Social
// records: when those change shape (enum classes, Error::key), adapt them here.
namespace latch::test {

// The interaction events (Logto's InteractionEvent).
using experience::IdentifierType;
using experience::InteractionEvent;
using experience::ProfileField;

// An identifier from its API name ("email"); a failure of the calling test for an unknown one.
experience::Identifier identifier(const std::string& type, std::string value);

enum class Event { SignIn, Register, ForgotPassword };
std::string event_name(Event event);
// The name of the event a flow is at ("" before start).
std::string event_of(const experience::FlowState& state);

// The verification record types (Logto's VerificationType) as FlowState stores them.
enum class Verification { Password, VerificationCode, Social, NewPasswordIdentity };
bool is(const experience::VerificationRecord& record, Verification type);

// The phrase key a flow error carries (i18n.hpp), "" for success.
std::string key_of(const Error& error);
template <class T>
std::string key_of(const Result<T>& result) {
  return result ? std::string() : key_of(result.error());
}
// What a user.missing_profile error says is missing (comma-separated: username, email, ...).
std::string missing_of(const Error& error);
template <class T>
Errc code_of(const Result<T>& result) {
  return result ? Errc::Ok : result.error().code;
}

// A message the flow sent, as its provider would have received it.
struct SentMessage {
  std::string kind;  // email or sms
  std::string to, subject, text;
  // The first run of six digits in the text.
  std::string code() const;
};

// An account to seed. Its password is hashed with cheap Argon2id parameters, so verifying it is
// fast; the flow's own hashes use the production parameters.
struct UserSpec {
  std::optional<std::string> username, email, phone;
  std::string password;  // "" = no password
  bool suspended = false;
  std::string identities_json = "{}";
};

// What a social provider returned, for a Social record seeded as verified.
struct SocialProfile {
  std::string id;
  std::string email, name;
};

struct HarnessOptions {
  std::int64_t code_sends_per_minute = 100;  // the per-address limit of FlowService
};

class FlowHarness {
 public:
  explicit FlowHarness(HarnessOptions options = {});
  ~FlowHarness();
  FlowHarness(const FlowHarness&) = delete;
  FlowHarness& operator=(const FlowHarness&) = delete;

  experience::FlowService& flow() { return *flow_; }
  storage::Store& store() { return *store_; }
  FakeClock& clock() { return clock_; }
  experience::SocialConnectors& social() { return social_; }
  experience::SsoConnectors& sso() { return sso_; }
  experience::MessageConnectors& messages() { return messages_; }

  // Applies a sign-in experience patch (Logto's JSON shape) as the admin API would, and loads it.
  void configure(const boost::json::object& patch);
  // A fresh interaction of client "web", as /oidc/auth leaves it for the sign-in UI.
  experience::FlowContext new_interaction(const std::string& ip = "203.0.113.7");
  Result<void> start(const experience::FlowContext& ctx, Event event);
  Result<void> set_event(const experience::FlowContext& ctx, Event event);
  // The flow's stored progress (fails the test when the interaction is gone).
  experience::FlowState state(const experience::FlowContext& ctx);

  // Returns the new user's id.
  std::string add_user(const UserSpec& spec);
  std::optional<model::User> find_user(const std::string& id);
  std::optional<model::User> find_by_username(const std::string& username);
  // The user an interaction was completed for (ExperienceService::complete), if any.
  std::optional<std::string> completed_user(const experience::FlowContext& ctx);

  // Messages sent so far, oldest first.
  std::vector<SentMessage> sent() const;
  // The code of the latest message (fails the test when none was sent).
  std::string last_code() const;
  // From now on, sending fails as an unreachable provider does.
  void fail_sending(bool fail);

  // send_code + verify_code with the code from the message. Returns the verification id.
  std::string verify_by_code(const experience::FlowContext& ctx, const std::string& type,
                             const std::string& value);
  // Writes a verified Social record for connector `connector_id` (target github) onto the flow,
  // as verify_social leaves it after the provider returned `profile`. Returns its id.
  std::string seed_social(const experience::FlowContext& ctx, const SocialProfile& profile,
                          const std::string& connector_id = "github-test");
  // Writes a verified EnterpriseSso record for SSO connector `connector_id` onto the flow, as
  // verify_sso leaves it after the IdP `issuer` vouched for `profile`. Returns its id.
  std::string seed_sso(const experience::FlowContext& ctx, const SocialProfile& profile,
                       const std::string& connector_id, const std::string& issuer);
  // A GitHub connector in the database, enabled in the sign-in experience unless `enabled` is
  // false. Returns its id.
  std::string add_github(bool enabled = true);

  // Audit log entries with `key`, newest first.
  std::vector<storage::AuditLog> logs(const std::string& key);

 private:
  class RecordingSender;
  struct Outbox {
    mutable std::mutex mutex;
    std::vector<SentMessage> messages;
    bool fail = false;
  };

  TempDir dir_ = TempDir::in_memory();
  FakeClock clock_;
  crypto::SecretBox secrets_{std::string(32, 'm')};
  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<Outbox> outbox_ = std::make_shared<Outbox>();
  experience::SettingsStore settings_;
  oidc::Catalog catalog_{secrets_};
  experience::ExperienceService experience_;
  experience::MessageConnectors messages_;
  experience::SocialConnectors social_;
  experience::SsoConnectors sso_;
  http::InMemoryRateCounters counters_;
  http::RateLimiter code_sends_;
  management::MfaService mfa_{secrets_, "test-mfa-key", clock_};
  std::unique_ptr<experience::FlowService> flow_;
};

}  // namespace latch::test
