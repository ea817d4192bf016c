#include "experience/pages/page_lanes.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "experience/flow/flow_types.hpp"
#include "experience/pages.hpp"

namespace latch::experience::page_lanes {
namespace {

using http::Lane;

// The form's value of `name`; nullopt when the body is not a form.
std::optional<std::string> field(const http::Request& req, std::string_view name) {
  auto form = form_of(req);
  if (!form) return std::nullopt;
  return std::string(form->value(name));
}

}  // namespace

Lane database(const http::Request&) { return Lane::Database; }
Lane hashing(const http::Request&) { return Lane::Hashing; }
Lane outbound(const http::Request&) { return Lane::Outbound; }

Lane sign_in(const http::Request& req) {
  auto action = field(req, "action");
  if (!action) return Lane::Database;
  return *action == "code" ? Lane::Outbound : Lane::Hashing;
}

Lane sign_up(const http::Request& req) {
  auto password = field(req, "password");
  if (!password) return Lane::Database;
  return password->empty() ? Lane::Outbound : Lane::Hashing;
}

Lane code(const http::Request& req) {
  auto action = field(req, "action");
  return action && *action == "resend" ? Lane::Outbound : Lane::Database;
}

Lane continue_step(const http::Request& req) {
  auto form_field = field(req, "field");
  auto missing = form_field ? parse_profile_field(*form_field) : std::nullopt;
  if (missing == ProfileField::Password) return Lane::Hashing;
  if (missing == ProfileField::Email || missing == ProfileField::Phone) return Lane::Outbound;
  return Lane::Database;
}

Lane social_link(const http::Request& req) {
  auto action = field(req, "action");
  if (!action || *action == "register") return Lane::Database;
  return *action == "code" ? Lane::Outbound : Lane::Hashing;
}

Lane mfa(const http::Request& req) {
  auto action = field(req, "action");
  return action && *action == "send" ? Lane::Outbound : Lane::Database;
}

}  // namespace latch::experience::page_lanes
