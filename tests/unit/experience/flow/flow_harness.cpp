#include "unit/experience/flow/flow_harness.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "support/test_store.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().description);
  return std::move(*result);
}

void must(Result<void> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().description);
}

// The client every interaction belongs to (interactions reference their application).
model::Application web_app() {
  model::Application app;
  app.id = "web";
  app.name = "Web";
  app.redirect_uris = {"https://app.example/callback"};
  return app;
}

}  // namespace

std::string event_name(Event event) {
  switch (event) {
    case Event::SignIn:
      return "SignIn";
    case Event::Register:
      return "Register";
    case Event::ForgotPassword:
      return "ForgotPassword";
  }
  return {};
}

experience::Identifier identifier(const std::string& type, std::string value) {
  auto parsed = experience::parse_identifier_type(type);
  EXPECT_TRUE(parsed) << "unknown identifier type " << type;
  return {parsed.value_or(IdentifierType::Username), std::move(value)};
}

std::string event_of(const experience::FlowState& state) {
  return state.event ? std::string(experience::interaction_event_name(*state.event)) : "";
}

experience::InteractionEvent interaction_event(Event event) {
  switch (event) {
    case Event::SignIn:
      return experience::InteractionEvent::SignIn;
    case Event::Register:
      return experience::InteractionEvent::Register;
    case Event::ForgotPassword:
      return experience::InteractionEvent::ForgotPassword;
  }
  return experience::InteractionEvent::SignIn;
}

bool is(const experience::VerificationRecord& record, Verification type) {
  switch (type) {
    case Verification::Password:
      return record.type == experience::VerificationType::Password;
    case Verification::VerificationCode:
      return record.type == experience::VerificationType::VerificationCode;
    case Verification::Social:
      return record.type == experience::VerificationType::Social;
    case Verification::NewPasswordIdentity:
      return record.type == experience::VerificationType::NewPasswordIdentity;
  }
  return false;
}

std::string key_of(const Error& error) { return error.key; }

std::string missing_of(const Error& error) { return error.detail; }

std::string SentMessage::code() const {
  for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
    if (text.find_first_not_of("0123456789", i) >= i + 6) return text.substr(i, 6);
  }
  return {};
}

// Records what the flow asks a provider to send, into the harness's outbox.
class FlowHarness::RecordingSender final : public connectors::MessageSender {
 public:
  RecordingSender(std::shared_ptr<Outbox> outbox, std::string kind)
      : outbox_(std::move(outbox)), kind_(std::move(kind)) {}
  Result<void> send(const connectors::OutgoingMessage& m) const override {
    std::lock_guard lock(outbox_->mutex);
    if (outbox_->fail) return make_error(Errc::Unavailable, "connection refused");
    outbox_->messages.push_back({kind_, m.to, m.subject, m.text});
    return ok();
  }

 private:
  std::shared_ptr<Outbox> outbox_;
  std::string kind_;
};

FlowHarness::FlowHarness(HarnessOptions options)
    : store_(open_test_store(dir_.path())),
      experience_(*store_, catalog_, clock_),
      messages_(*store_, secrets_, clock_,
                [outbox = outbox_](const std::string& kind, const json::object&, const std::string&,
                                   const Clock&) {
                  return std::make_unique<RecordingSender>(outbox, kind);
                }),
      social_(*store_, secrets_, clock_, std::chrono::seconds(10)),
      sso_(*store_, secrets_, clock_, std::chrono::seconds(10)),
      code_sends_({"code-sends", options.code_sends_per_minute, std::chrono::seconds(60)},
                  counters_, clock_),
      flow_(std::make_unique<experience::FlowService>(*store_, settings_, experience_, messages_,
                                                      social_, sso_, clock_, code_sends_, mfa_,
                                                      "http://localhost:3001")) {
  must(store_->transact([](storage::Tx& tx) { return tx.applications().insert(web_app()); }),
       "insert the app");
  must(messages_.save({"email", {{"host", "smtp.example"}, {"from", "no-reply@example.test"}}, {}}),
       "configure email");
  must(messages_.save({"sms", {{"url", "https://sms.example/send"}}, {}}), "configure sms");
  must(settings_.reload(*store_), "load the sign-in experience");
}

FlowHarness::~FlowHarness() = default;

void FlowHarness::configure(const json::object& patch) {
  must(experience::update_settings(*store_, patch, clock_), "update the sign-in experience");
  must(settings_.reload(*store_), "load the sign-in experience");
}

experience::FlowContext FlowHarness::new_interaction(const std::string& ip) {
  model::Interaction interaction;
  interaction.uid = crypto::random_id(21);
  interaction.client_id = "web";
  interaction.params_json = "{}";
  interaction.created_at = clock_.now_seconds();
  interaction.expires_at = clock_.now_seconds() + 3600;
  must(store_->transact([&](storage::Tx& tx) { return tx.interactions().insert(interaction); }),
       "insert the interaction");
  return experience::FlowContext{interaction.uid, ip, experience::Lang::En, "Test/1.0", ""};
}

Result<void> FlowHarness::start(const experience::FlowContext& ctx, Event event) {
  return flow_->start(ctx, interaction_event(event));
}

Result<void> FlowHarness::set_event(const experience::FlowContext& ctx, Event event) {
  return flow_->set_event(ctx, interaction_event(event));
}

experience::FlowState FlowHarness::state(const experience::FlowContext& ctx) {
  auto s = flow_->state(ctx);
  EXPECT_TRUE(s) << key_of(s);
  return s ? *s : experience::FlowState{};
}

std::string FlowHarness::add_user(const UserSpec& spec) {
  model::User user;
  user.id = crypto::random_id(12);
  user.username = spec.username;
  user.primary_email = spec.email;
  user.primary_phone = spec.phone;
  if (!spec.password.empty()) {
    user.password_hash =
        must(crypto::hash_password(spec.password, {.memory_kib = 64, .iterations = 1}), "hash");
  }
  user.is_suspended = spec.suspended;
  user.identities_json = spec.identities_json;
  user.created_at = user.updated_at = clock_.now_millis();
  must(store_->transact([&](storage::Tx& tx) { return tx.users().insert(user); }), "insert user");
  return user.id;
}

std::optional<model::User> FlowHarness::find_user(const std::string& id) {
  std::optional<model::User> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.users().find(id), "find user");
    return ok();
  }),
       "read");
  return out;
}

std::optional<model::User> FlowHarness::find_by_username(const std::string& username) {
  std::optional<model::User> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.users().find_by_username(username), "find user");
    return ok();
  }),
       "read");
  return out;
}

std::optional<std::string> FlowHarness::completed_user(const experience::FlowContext& ctx) {
  std::optional<std::string> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    auto interaction = must(tx.interactions().find(ctx.uid), "find interaction");
    if (interaction) out = interaction->user_id;
    return ok();
  }),
       "read");
  return out;
}

std::vector<SentMessage> FlowHarness::sent() const {
  std::lock_guard lock(outbox_->mutex);
  return outbox_->messages;
}

std::string FlowHarness::last_code() const {
  auto messages = sent();
  if (messages.empty()) {
    ADD_FAILURE() << "no message was sent";
    return {};
  }
  return messages.back().code();
}

void FlowHarness::fail_sending(bool fail) {
  std::lock_guard lock(outbox_->mutex);
  outbox_->fail = fail;
}

std::string FlowHarness::verify_by_code(const experience::FlowContext& ctx, const std::string& type,
                                        const std::string& value) {
  auto parsed = experience::parse_identifier_type(type);
  EXPECT_TRUE(parsed) << type;
  if (!parsed) return {};
  auto vid = flow_->send_code(ctx, {*parsed, value});
  EXPECT_TRUE(vid) << key_of(vid);
  if (!vid) return {};
  auto verified = flow_->verify_code(ctx, *vid, last_code());
  EXPECT_TRUE(verified) << key_of(verified);
  return *vid;
}

std::string FlowHarness::seed_social(const experience::FlowContext& ctx,
                                     const SocialProfile& profile,
                                     const std::string& connector_id) {
  experience::VerificationRecord record;
  record.id = crypto::random_id(21);
  record.type = experience::VerificationType::Social;
  record.connector_id = connector_id;
  record.target = "github";
  record.verified = true;
  record.social_user = json::serialize(json::object{{"id", profile.id},
                                                    {"email", profile.email},
                                                    {"phone", ""},
                                                    {"name", profile.name},
                                                    {"avatar", ""},
                                                    {"rawData", json::object{}}});
  must(store_->transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = must(tx.interactions().find(ctx.uid), "find interaction");
    if (!interaction) return make_error(Errc::NotFound, "no interaction");
    experience::FlowState s = experience::read_flow_state(interaction->state_json, secrets_);
    s.verifications.push_back(record);
    interaction->state_json = experience::write_flow_state(interaction->state_json, s, secrets_);
    return tx.interactions().update(*interaction);
  }),
       "seed the social verification");
  return record.id;
}

std::string FlowHarness::seed_sso(const experience::FlowContext& ctx, const SocialProfile& profile,
                                  const std::string& connector_id, const std::string& issuer) {
  experience::VerificationRecord record;
  record.id = crypto::random_id(21);
  record.type = experience::VerificationType::EnterpriseSso;
  record.connector_id = connector_id;
  record.target = issuer;
  record.verified = true;
  record.social_user = json::serialize(json::object{{"id", profile.id},
                                                    {"issuer", issuer},
                                                    {"email", profile.email},
                                                    {"name", profile.name},
                                                    {"avatar", ""},
                                                    {"rawData", json::object{}}});
  must(store_->transact([&](storage::Tx& tx) -> Result<void> {
    auto interaction = must(tx.interactions().find(ctx.uid), "find interaction");
    if (!interaction) return make_error(Errc::NotFound, "no interaction");
    experience::FlowState s = experience::read_flow_state(interaction->state_json, secrets_);
    s.verifications.push_back(record);
    interaction->state_json = experience::write_flow_state(interaction->state_json, s, secrets_);
    return tx.interactions().update(*interaction);
  }),
       "seed the SSO verification");
  return record.id;
}

std::string FlowHarness::add_github(bool enabled) {
  auto info = must(social_.create("github", {{{"clientId", "gh-client"},
                                              {"clientSecret", "gh-secret"},
                                              {"oauthBaseUrl", "https://github.example"},
                                              {"apiBaseUrl", "https://api.github.example"}},
                                             std::nullopt}),
                   "create the GitHub connector");
  if (enabled) must(social_.set_enabled(info.record.id, true), "enable the GitHub connector");
  must(settings_.reload(*store_), "load the sign-in experience");
  return info.record.id;
}

std::vector<storage::AuditLog> FlowHarness::logs(const std::string& key) {
  std::vector<storage::AuditLog> out;
  must(store_->read([&](storage::Tx& tx) -> Result<void> {
    out = must(tx.logs().list({.key = key}, {.page = 1, .page_size = 100}), "list logs");
    return ok();
  }),
       "read");
  return out;
}

}  // namespace latch::test
