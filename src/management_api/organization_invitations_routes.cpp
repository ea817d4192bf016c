#include <cmath>

#include "core/error_keys.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "management/organization_invitation_service.hpp"
#include "management_api/management_api.hpp"

// /api/organization-invitations (Logto's routes/organization-invitation/index.ts; rules in
// management/organization_invitation_service.hpp). The invitation email goes through the
// configured email connector with template usage "OrganizationInvitation"; without a link in
// messagePayload, the email links to Latch's own invitation page (<endpoint>/invitation/<id>).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::OrganizationInvitationService service(const Deps& d) { return {d.store, d.clock}; }
std::string invitation_id(const Call& c) { return std::string(c.param("id")); }

Error invalid(std::string_view field, std::string detail) {
  return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input", std::move(detail)),
                    std::string(field));
}

Result<http::Response> view_response(Result<management::InvitationView> view, status code) {
  if (!view) return view.error();
  return http::json_response(code, management::to_json(*view));
}

// Logto answers 501 connector.not_found when no email connector is configured.
Result<http::Response> send_failure(const Error& error) {
  if (error.key != keys::kConnectorNotFound) return error;
  http::Response res = error_response(error);
  res.result(status::not_implemented);
  return res;
}

// Logto's SendMessagePayload: an object whose link, code, locale and uiLocales are strings when
// present (other members are allowed and ignored).
Result<json::object> message_payload(const json::value& value) {
  if (!value.is_object()) return invalid("messagePayload", "messagePayload must be an object");
  for (auto key : {"code", "link", "locale", "uiLocales"}) {
    const auto* member = value.as_object().if_contains(key);
    if (member && !member->is_string()) {
      return invalid("messagePayload", std::string("messagePayload.") + key + " must be a string");
    }
  }
  return value.as_object();
}

// Sends the invitation email for `id` as `payload` asks (its link, else Latch's page).
Result<void> send_email(const Deps& d, const std::string& id, const json::object& payload) {
  auto context = service(d).context(id);
  if (!context) return context.error();
  auto invitation = service(d).get(id);
  if (!invitation) return invitation.error();
  auto text = [&](std::string_view key) {
    const auto* v = payload.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  std::string locale = text("locale").empty() ? text("uiLocales") : text("locale");
  std::string link = text("link");
  if (link.empty()) link = d.config.endpoint + "/invitation/" + id;
  experience::MessageConnectors messages(d.store, d.secrets, d.clock);
  return messages.send_invitation(
      {.to = invitation->invitation.invitee,
       .lang = experience::choose_language(*d.settings.get(), locale, ""),
       .link = std::move(link),
       .organization = context->organization_name,
       .inviter = context->inviter_name});
}

Result<http::Response> list_invitations(const Deps& d, const Call& c) {
  const auto& q = c.request.query;
  storage::InvitationFilter filter;
  if (auto v = q.get("organizationId")) filter.organization_id = std::string(*v);
  if (auto v = q.get("inviterId")) filter.inviter_id = std::string(*v);
  if (auto v = q.get("invitee")) filter.invitee = std::string(*v);
  auto found = service(d).list(filter);
  if (!found) return found.error();
  json::array items;
  for (const auto& view : *found) items.push_back(management::to_json(view));
  http::Response res = http::json_response(status::ok, items);
  http::set_no_store(res);
  return res;
}

Result<std::int64_t> epoch_ms(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  if (!v) return invalid(key, std::string(key) + " is required");
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() < (1ull << 62)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double() && std::isfinite(v->as_double()) && std::abs(v->as_double()) < 1e17) {
    return static_cast<std::int64_t>(v->as_double());
  }
  return invalid(key, std::string(key) + " must be a number (epoch milliseconds)");
}

Result<management::NewInvitation> new_invitation(const json::object& body) {
  if (auto r = only_fields(body, {"inviterId", "invitee", "organizationId", "expiresAt",
                                  "organizationRoleIds", "messagePayload"});
      !r) {
    return r.error();
  }
  auto inviter = nullable_string(body, "inviterId");
  auto invitee = string_field(body, "invitee");
  auto organization = string_field(body, "organizationId");
  auto roles = strings_field(body, "organizationRoleIds");
  if (!inviter) return inviter.error();
  if (!invitee) return invitee.error();
  if (!organization) return organization.error();
  if (!roles) return roles.error();
  if (!*invitee) return invalid("invitee", "invitee is required");
  if (!*organization) return invalid("organizationId", "organizationId is required");
  auto expires = epoch_ms(body, "expiresAt");
  if (!expires) return expires.error();
  return management::NewInvitation{.inviter_id = inviter->value_or(std::nullopt),
                                   .invitee = **invitee,
                                   .organization_id = **organization,
                                   .expires_at = *expires,
                                   .role_ids = roles->value_or(std::vector<std::string>{})};
}

Result<http::Response> create_invitation(const Deps& d, const Call& c) {
  auto request = new_invitation(c.body);
  if (!request) return request.error();
  std::optional<json::object> payload;
  if (const auto* v = c.body.if_contains("messagePayload"); v && !(v->is_bool() && !v->as_bool())) {
    auto parsed = message_payload(*v);
    if (!parsed) return parsed.error();
    payload = std::move(*parsed);
  }
  if (payload) {
    // Refuse before creating anything when the email cannot be sent at all.
    experience::MessageConnectors messages(d.store, d.secrets, d.clock);
    auto configured = messages.configured("email");
    if (!configured) return configured.error();
    if (!*configured) return send_failure(keyed_error(Errc::NotFound, keys::kConnectorNotFound));
  }
  auto created = service(d).create(*request);
  if (!created || !payload) return view_response(std::move(created), status::created);
  if (auto sent = send_email(d, created->invitation.id, *payload); !sent) {
    // As Logto's transaction: an invitation whose email could not be sent is not kept.
    (void)service(d).remove(created->invitation.id);
    return send_failure(sent.error());
  }
  return view_response(std::move(created), status::created);
}

Result<http::Response> get_invitation(const Deps& d, const Call& c) {
  return view_response(service(d).get(invitation_id(c)), status::ok);
}

Result<http::Response> delete_invitation(const Deps& d, const Call& c) {
  auto removed = service(d).remove(invitation_id(c));
  if (!removed) return removed.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> set_invitation_status(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"status", "acceptedUserId"}); !r) return r.error();
  auto status_text = string_field(c.body, "status");
  auto accepted_by = nullable_string(c.body, "acceptedUserId");
  if (!status_text) return status_text.error();
  if (!accepted_by) return accepted_by.error();
  auto wanted = model::parse_invitation_status(status_text->value_or(""));
  if (!wanted || (*wanted != model::InvitationStatus::Accepted &&
                  *wanted != model::InvitationStatus::Revoked)) {
    return invalid("status", "status must be Accepted or Revoked");
  }
  if (*wanted == model::InvitationStatus::Revoked) {
    return view_response(service(d).revoke(invitation_id(c)), status::ok);
  }
  auto user_id = accepted_by->value_or(std::nullopt);
  if (!user_id || user_id->empty()) {
    return with_field(keyed_error(Errc::Conflict, "request.invalid_input",
                                  "acceptedUserId is required to accept an invitation"),
                      "acceptedUserId");
  }
  return view_response(service(d).accept(invitation_id(c), *user_id), status::ok);
}

Result<http::Response> resend_invitation(const Deps& d, const Call& c) {
  auto payload = message_payload(c.body);
  if (!payload) return payload.error();
  auto invitation = service(d).get(invitation_id(c));
  if (!invitation) return invitation.error();
  if (auto sent = send_email(d, invitation->invitation.id, *payload); !sent) {
    return send_failure(sent.error());
  }
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_organization_invitations(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/organization-invitations", "List organization invitations", list_invitations},
      // Both POSTs may wait on the SMTP server.
      {post, "/organization-invitations", "Create an organization invitation", create_invitation,
       http::Lane::Outbound},
      {get, "/organization-invitations/:id", "Get an organization invitation", get_invitation},
      {delete_, "/organization-invitations/:id", "Delete an organization invitation",
       delete_invitation},
      {put, "/organization-invitations/:id/status", "Accept or revoke an organization invitation",
       set_invitation_status},
      {post, "/organization-invitations/:id/message", "Resend the invitation email",
       resend_invitation, http::Lane::Outbound},
  });
}

}  // namespace latch::management_api
