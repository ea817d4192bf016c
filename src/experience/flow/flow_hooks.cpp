#include "experience/flow/flow_rules.hpp"
#include "management/user_service.hpp"
#include "management/webhook_events.hpp"

// Webhook events of the sign-in flow (docs/webhooks.md), queued in submit's transaction.
namespace latch::experience {
namespace {

// Logto's interaction hook application: {id, type, name, description}; empty when the app is
// gone.
Result<boost::json::object> application_of(storage::Tx& tx, const std::string& client_id) {
  auto app = tx.applications().find(client_id);
  if (!app) return app.error();
  if (!*app) return boost::json::object{};
  return boost::json::object{{"id", (*app)->id},
                             {"type", model::app_type_name((*app)->type)},
                             {"name", (*app)->name},
                             {"description", (*app)->description}};
}

Result<boost::json::object> user_of(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return boost::json::object{};
  return management::hook_user(management::to_json(**user));
}

}  // namespace

Result<void> FlowService::raise_interaction_hook(storage::Tx& tx, const FlowContext& ctx,
                                                 const model::Interaction& interaction,
                                                 InteractionEvent event,
                                                 const std::string& user_id) const {
  std::string_view hook_event = event == InteractionEvent::Register         ? "PostRegister"
                                : event == InteractionEvent::ForgotPassword ? "PostResetPassword"
                                                                            : "PostSignIn";
  management::InteractionHookFacts facts{
      .interaction_event = std::string(interaction_event_name(event)),
      .session_id = ctx.uid,
      .user_agent = ctx.user_agent,
      .user_ip = ctx.ip,
      .user_id = user_id};
  auto user = user_of(tx, user_id);
  if (!user) return user.error();
  facts.user = std::move(*user);
  auto app = application_of(tx, interaction.client_id);
  if (!app) return app.error();
  facts.application = std::move(*app);
  std::int64_t now = clock_.now_millis();
  return management::queue_hook_event(
      tx, hook_event, management::interaction_hook_payload(hook_event, facts, now), now);
}

namespace {

Result<void> raise_user_event(storage::Tx& tx, const FlowContext& ctx, std::string_view event,
                              const std::string& user_id, std::int64_t now_millis) {
  auto user = user_of(tx, user_id);
  if (!user) return user.error();
  management::HookOrigin origin{.ip = ctx.ip, .user_agent = ctx.user_agent};
  return management::queue_data_hook(tx, event, &origin, std::move(*user), now_millis);
}

}  // namespace

Result<void> FlowService::raise_user_created(storage::Tx& tx, const FlowContext& ctx,
                                             const std::string& user_id) const {
  return raise_user_event(tx, ctx, "User.Created", user_id, clock_.now_millis());
}

Result<void> FlowService::raise_user_updated(storage::Tx& tx, const FlowContext& ctx,
                                             const std::string& user_id) const {
  return raise_user_event(tx, ctx, "User.Data.Updated", user_id, clock_.now_millis());
}

}  // namespace latch::experience
