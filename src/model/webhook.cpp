#include "model/webhook.hpp"

#include <algorithm>
#include <array>

namespace latch::model {
namespace {

// Logto's TrustedDevice.* events are a dev feature there: not offered.
constexpr std::array<std::string_view, 29> kEvents = {
    "PostRegister",
    "PostSignIn",
    "PostSignInAdaptiveMfaTriggered",
    "PostResetPassword",
    "User.Created",
    "User.Deleted",
    "User.Data.Updated",
    "User.SuspensionStatus.Updated",
    "Role.Created",
    "Role.Deleted",
    "Role.Data.Updated",
    "Role.Scopes.Updated",
    "Scope.Created",
    "Scope.Deleted",
    "Scope.Data.Updated",
    "Organization.Created",
    "Organization.Deleted",
    "Organization.Data.Updated",
    "Organization.Membership.Updated",
    "OrganizationRole.Created",
    "OrganizationRole.Deleted",
    "OrganizationRole.Data.Updated",
    "OrganizationRole.Scopes.Updated",
    "OrganizationScope.Created",
    "OrganizationScope.Deleted",
    "OrganizationScope.Data.Updated",
    "Identifier.Lockout",
    "Message.RateLimited",
    "Grant.LimitExceeded",
};

}  // namespace

bool Hook::wants(std::string_view name) const {
  if (!enabled) return false;
  if (events.empty()) return event && *event == name;
  return std::find(events.begin(), events.end(), name) != events.end();
}

std::span<const std::string_view> hook_events() { return kEvents; }

std::optional<HookEventKind> hook_event_kind(std::string_view name) {
  auto at = std::find(kEvents.begin(), kEvents.end(), name);
  if (at == kEvents.end()) return std::nullopt;
  if (at - kEvents.begin() < 4) return HookEventKind::Interaction;  // the Post* events
  if (name == "Identifier.Lockout" || name == "Message.RateLimited" ||
      name == "Grant.LimitExceeded") {
    return HookEventKind::Exception;
  }
  return HookEventKind::Data;
}

}  // namespace latch::model
