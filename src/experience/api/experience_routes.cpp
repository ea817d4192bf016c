#include "experience/api/experience_api.hpp"

#include "core/json.hpp"
#include "experience/pages.hpp"

// Logto's experience API (RFC 0004 "interaction v2") on top of FlowService.
namespace latch::experience {
namespace {

using http::bhttp::status;
namespace json = boost::json;

Error invalid_input() { return flow_error(Errc::InvalidRequest, "guard.invalid_input"); }

Result<Identifier> identifier_of(const json::object& body) {
  const auto* v = body.if_contains("identifier");
  if (!v || !v->is_object()) return invalid_input();
  auto type = parse_identifier_type(json_text(v->as_object(), "type"));
  std::string value = json_text(v->as_object(), "value");
  if (!type || value.empty()) return invalid_input();
  return Identifier{*type, std::move(value)};
}

// PUT /api/experience and /interaction-event: {"interactionEvent": "SignIn" | ...}.
Result<InteractionEvent> event_of(const json::object& body) {
  auto event = parse_interaction_event(json_text(body, "interactionEvent"));
  if (!event) return invalid_input();
  return *event;
}

std::string_view name_or_empty(const std::optional<InteractionEvent>& event) {
  return event ? interaction_event_name(*event) : "";
}

std::string_view name_or_empty(const std::optional<IdentifierType>& type) {
  return type ? identifier_type_name(*type) : "";
}

Result<http::Response> verification(Result<std::string> id) {
  if (!id) return id.error();
  return http::json_response(status::ok, json::object{{"verificationId", *id}});
}

Result<http::Response> no_content(Result<void> done) {
  if (!done) return done.error();
  return http::empty_response(status::no_content);
}

// Which pool a step runs on (http::Lane).
http::Lane database(const json::object&) { return http::Lane::Database; }
http::Lane hashing(const json::object&) { return http::Lane::Hashing; }
http::Lane outbound(const json::object&) { return http::Lane::Outbound; }
http::Lane profile_lane(const json::object& body) {
  bool password = parse_profile_field(json_text(body, "type")) == ProfileField::Password;
  return password ? http::Lane::Hashing : http::Lane::Database;
}

using Deps = ExperienceApiDeps;
using Body = ExperienceApi::Body;

Result<http::Response> start(const Deps& d, const FlowContext& c, const Body& b) {
  auto event = event_of(b);
  if (!event) return event.error();
  return no_content(d.flow.start(c, *event));
}

Result<http::Response> set_event(const Deps& d, const FlowContext& c, const Body& b) {
  auto event = event_of(b);
  if (!event) return event.error();
  return no_content(d.flow.set_event(c, *event));
}

Result<http::Response> interaction(const Deps& d, const FlowContext& c, const Body&) {
  auto s = d.flow.state(c);
  if (!s) return s.error();
  json::array records;
  for (const auto& v : s->verifications) {
    records.push_back(json::object{
        {"id", v.id},
        {"type", verification_type_name(v.type)},
        {"verified", v.verified},
        {"identifier", {{"type", name_or_empty(v.identifier_type)}, {"value", v.identifier}}}});
  }
  return http::json_response(status::ok, json::object{{"interactionEvent", name_or_empty(s->event)},
                                                      {"userId", s->user_id},
                                                      {"verificationRecords", records}});
}

Result<http::Response> verify_password(const Deps& d, const FlowContext& c, const Body& b) {
  auto id = identifier_of(b);
  if (!id) return id.error();
  return verification(d.flow.verify_password(c, *id, json_text(b, "password")));
}

Result<http::Response> send_code(const Deps& d, const FlowContext& c, const Body& b) {
  auto id = identifier_of(b);
  if (!id) return id.error();
  return verification(d.flow.send_code(c, *id));
}

Result<http::Response> verify_code(const Deps& d, const FlowContext& c, const Body& b) {
  return verification(d.flow.verify_code(c, json_text(b, "verificationId"), json_text(b, "code")));
}

Result<http::Response> new_password_identity(const Deps& d, const FlowContext& c, const Body& b) {
  auto id = identifier_of(b);
  if (!id) return id.error();
  return verification(d.flow.new_password_identity(c, *id, json_text(b, "password")));
}

Result<http::Response> social_authorization_uri(const Deps& d, const FlowContext& c,
                                                const Body& b) {
  auto started = d.flow.start_social(c, json_text(b, "connectorId"), json_text(b, "state"),
                                     json_text(b, "redirectUri"));
  if (!started) return started.error();
  return http::json_response(status::ok,
                             json::object{{"authorizationUri", started->authorization_uri},
                                          {"verificationId", started->verification_id}});
}

// connectorData: the provider's callback parameters as the client received them.
Result<http::Response> verify_social(const Deps& d, const FlowContext& c, const Body& b) {
  connectors::CallbackParams data;
  if (const auto* given = b.if_contains("connectorData"); given && given->is_object()) {
    for (const auto& [key, value] : given->as_object()) {
      if (value.is_string()) data.emplace(std::string(key), std::string(value.as_string()));
    }
  }
  std::string vid = json_text(b, "verificationId");
  if (vid.empty()) return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  return verification(d.flow.verify_social(c, json_text(b, "connectorId"), data, vid));
}

Result<http::Response> sso_authorization_uri(const Deps& d, const FlowContext& c, const Body& b) {
  auto started = d.flow.start_sso(c, json_text(b, "connectorId"), json_text(b, "state"),
                                  json_text(b, "redirectUri"));
  if (!started) return started.error();
  return http::json_response(status::ok,
                             json::object{{"authorizationUri", started->authorization_uri},
                                          {"verificationId", started->verification_id}});
}

// connectorData: the IdP's answer as the client received it (OIDC: the callback's query).
Result<http::Response> verify_sso(const Deps& d, const FlowContext& c, const Body& b) {
  connectors::CallbackParams data;
  if (const auto* given = b.if_contains("connectorData"); given && given->is_object()) {
    for (const auto& [key, value] : given->as_object()) {
      if (value.is_string()) data.emplace(std::string(key), std::string(value.as_string()));
    }
  }
  std::string vid = json_text(b, "verificationId");
  if (vid.empty()) return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  return verification(d.flow.verify_sso(c, json_text(b, "connectorId"), data, vid));
}

// 201 when the identification registered a new user, 204 otherwise.
Result<http::Response> identify(const Deps& d, const FlowContext& c, const Body& b) {
  auto state = d.flow.state(c);
  if (!state) return state.error();
  const auto* link = b.if_contains("linkSocialIdentity");
  bool link_social = link && link->is_bool() && link->as_bool();
  if (auto done = d.flow.identify(c, json_text(b, "verificationId"), link_social); !done) {
    return done.error();
  }
  bool created = state->event == InteractionEvent::Register;
  return http::empty_response(created ? status::created : status::no_content);
}

// An email or phone comes as the verification that proved it; other fields with their value.
Result<http::Response> add_profile(const Deps& d, const FlowContext& c, const Body& b) {
  auto field = parse_profile_field(json_text(b, "type"));
  if (!field) return invalid_input();
  bool verified = field == ProfileField::Email || field == ProfileField::Phone;
  std::string value = json_text(b, verified ? "verificationId" : "value");
  return no_content(d.flow.add_profile(c, *field, value));
}

Result<http::Response> reset_password(const Deps& d, const FlowContext& c, const Body& b) {
  return no_content(d.flow.reset_password(c, json_text(b, "password")));
}

Result<http::Response> submit(const Deps& d, const FlowContext& c, const Body&) {
  auto done = d.flow.submit(c);
  if (!done) return done.error();
  if (done->password_reset) return http::empty_response(status::no_content);
  auto res = http::json_response(
      status::ok, json::object{{"redirectTo", d.config.endpoint + done->redirect_to}});
  set_trusted_device_cookie(res, d.config, *done);
  return res;
}

}  // namespace

// A step's pool: a password check on the hashing pool, a call to a provider on the outbound
// pool, the rest on the database pool. Counted steps (identification and verification
// submissions: what a guesser repeats) first pass the sign_in_attempts limit.
void ExperienceApi::mount(http::Router& router) {
  using enum http::bhttp::verb;
  constexpr bool counted = true;
  const Route table[] = {
      {put, "", start},
      {put, "/interaction-event", set_event},
      {get, "/interaction", interaction},
      {post, "/verification/password", verify_password, hashing, counted},
      {post, "/verification/verification-code", send_code, outbound},
      {post, "/verification/verification-code/verify", verify_code, database, counted},
      {post, "/verification/new-password-identity", new_password_identity, hashing, counted},
      {post, "/verification/social/:connectorId/authorization-uri", social_authorization_uri,
       outbound},
      {post, "/verification/social/:connectorId/verify", verify_social, outbound},
      {post, "/verification/sso/:connectorId/authorization-uri", sso_authorization_uri, outbound},
      {post, "/verification/sso/:connectorId/verify", verify_sso, outbound},
      {post, "/identification", identify, database, counted},
      {post, "/profile", add_profile, profile_lane},
      {put, "/profile/password", reset_password, hashing},
      {post, "/submit", submit},
  };
  auto g = router.group("/api/experience");
  auto add = [&](const Route& route) {
    g.route(route.method, route.path,
            [this, route](http::Request& req) { return run(req, route); });
  };
  for (const Route& route : table) add(route);
  for (const Route& route : mfa_routes()) add(route);
  // Logto's anonymous GET /api/experience/sso-connectors?email=: no interaction needed.
  g.get("/sso-connectors", [this](http::Request& req) { return sso_connectors(req); });
  mount_settings(router);
  mount_saml(router);
}

}  // namespace latch::experience
