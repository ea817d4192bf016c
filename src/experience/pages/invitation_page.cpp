#include <algorithm>
#include <cctype>

#include "experience/hosted_ui.hpp"
#include "experience/pages.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "oidc/provider.hpp"

// Latch's invitation page: the link of an invitation email sent without one of the app's own.
// It explains the invitation in the organization's branding and leads the invitee into the
// hosted sign-in or registration; the flow's submit accepts the invitation when the user proved
// the invited email (flow_organizations.cpp), and /done reads the outcome back from the
// invitation's status. Every state an invitation can be in gets a page that says what happened,
// never an error status for a link that merely went stale.
namespace latch::experience {
namespace {

using http::Element;
using http::Html;
using http::bhttp::status;
using model::InvitationStatus;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Vars vars_of(const InvitationLanding& l) {
  return {{"organization", l.context.organization_name},
          {"inviter", l.context.inviter_name},
          {"invitee", l.view.invitation.invitee},
          {"email", l.user_email}};
}

Html button_link(std::string_view href, const std::string& label, bool secondary) {
  return Element("p").add(
      Element("a", {{"class", secondary ? "button secondary" : "button"}, {"href", href}})
          .text(label));
}

// The page of an invitation that can no longer be accepted (or was not found).
http::Response ended(const PageRequest& p, const std::string& which, const Vars& vars) {
  return render(p, which == "not_found" ? status::not_found : status::ok,
                p.t("page.invitation." + which + ".title", vars),
                paragraph(p.t("page.invitation." + which + ".body", vars)));
}

std::string ended_phrase(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::Expired:
      return "expired";
    case InvitationStatus::Revoked:
      return "revoked";
    case InvitationStatus::Accepted:
      return "accepted";
    case InvitationStatus::Pending:
      break;
  }
  return "";
}

// The explanation and the two ways in.
http::Response pending(const PageRequest& p, const InvitationLanding& l) {
  auto vars = vars_of(l);
  std::string base = "/invitation/" + http::percent_encode(l.view.invitation.id) + "/start";
  Html body = paragraph(p.t(
      l.context.inviter_name.empty() ? "page.invitation.body_anonymous" : "page.invitation.body",
      vars));
  if (!l.view.roles.empty()) {
    std::string roles;
    for (const auto& role : l.view.roles) roles += (roles.empty() ? "" : ", ") + role.name;
    body += paragraph(p.t("page.invitation.roles", {{"roles", roles}}));
  }
  body += paragraph(p.t("page.invitation.for", vars));
  body += button_link(base + "?screen=register", p.t("action.invitation.register"), false);
  body += button_link(base + "?screen=sign_in", p.t("action.invitation.sign_in"), true);
  return render(p, status::ok, p.t("page.invitation.title", vars), body);
}

// The flow ended but the invitation is still Pending: the user is not the invitee, or did not
// prove the invited address while signing in.
http::Response not_accepted(const PageRequest& p, const InvitationLanding& l) {
  auto vars = vars_of(l);
  bool same = !l.user_email.empty() && lower(l.user_email) == lower(l.view.invitation.invitee);
  std::string which = same ? "unverified" : "wrong_email";
  Html body = paragraph(p.t("page.invitation." + which + ".body", vars));
  body += button_link("/invitation/" + http::percent_encode(l.view.invitation.id),
                      p.t("action.invitation.back"), true);
  return render(p, status::ok, p.t("page.invitation." + which + ".title", vars), body);
}

}  // namespace

http::Response HostedUi::invitation(PageRequest& p) {
  auto landing = deps_.service.invitation(std::string(p.http.param("id")), "");
  if (!landing) return error_response(p, landing.error());
  if (!*landing) return ended(p, "not_found", {});
  brand_for(p, (*landing)->view.invitation.organization_id);
  auto which = ended_phrase((*landing)->view.invitation.status);
  if (!which.empty()) return ended(p, which, vars_of(**landing));
  return pending(p, **landing);
}

http::Response HostedUi::invitation_start(PageRequest& p) {
  auto landing = deps_.service.invitation(std::string(p.http.param("id")), "");
  if (!landing) return error_response(p, landing.error());
  if (!*landing) return ended(p, "not_found", {});
  const auto& invitation = (*landing)->view.invitation;
  brand_for(p, invitation.organization_id);
  auto which = ended_phrase(invitation.status);
  if (!which.empty()) return ended(p, which, vars_of(**landing));
  bool registering = p.http.query.value("screen") == "register";
  oidc::AuthorizationRequest request;
  request.scopes = {"openid"};
  request.prompt = {"login"};
  request.login_hint = invitation.invitee;
  request.ui_locales = std::string(tag(p.lang));
  request.first_screen = registering ? "register" : "sign_in";
  request.organization_id = invitation.organization_id;
  request.invitation_id = invitation.id;
  auto uid = deps_.service.start_invitation(request, p.view ? p.view->interaction.uid : "",
                                            deps_.config.interaction_ttl);
  if (!uid) return error_response(p, uid.error());
  http::CookieOptions cookie;
  cookie.secure = deps_.config.secure_cookies();
  cookie.max_age = std::chrono::seconds(deps_.config.interaction_ttl);
  http::Response res = http::redirect_response(registering ? "/register" : "/sign-in");
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(oidc::kInteractionCookie, *uid, cookie));
  return res;
}

http::Response HostedUi::invitation_done(PageRequest& p) {
  std::string id(p.http.param("id"));
  // Only the sign-in this invitation started, once it has a user, has an outcome to tell.
  bool ours = p.view && p.view->request.invitation_id == id && p.view->interaction.user_id;
  auto landing = deps_.service.invitation(id, ours ? *p.view->interaction.user_id : "");
  if (!landing) return error_response(p, landing.error());
  if (!*landing) return ended(p, "not_found", {});
  if (!ours) return invitation(p);
  brand_for(p, (*landing)->view.invitation.organization_id);
  const auto& l = **landing;
  auto vars = vars_of(l);
  if (auto finished = deps_.service.finish(p.view->interaction.uid); !finished) {
    return error_response(p, finished.error());
  }
  const auto& i = l.view.invitation;
  if (i.status == InvitationStatus::Accepted && i.accepted_user_id == p.view->interaction.user_id) {
    return render(p, status::ok, p.t("page.invitation.joined.title", vars),
                  paragraph(p.t("page.invitation.joined.body", vars)));
  }
  if (i.status == InvitationStatus::Pending) return not_accepted(p, l);
  return ended(p, ended_phrase(i.status), vars);
}

}  // namespace latch::experience
