#include "experience/api/experience_api.hpp"

#include "core/json.hpp"

// Logto's experience API (RFC 0004 "interaction v2") on top of FlowService.
namespace latch::experience {
namespace {

using http::bhttp::status;
namespace json = boost::json;

Result<Identifier> identifier_of(const json::object& body) {
  const auto* v = body.if_contains("identifier");
  if (!v || !v->is_object()) return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  Identifier id{json_text(v->as_object(), "type"), json_text(v->as_object(), "value")};
  if (id.value.empty() || (id.type != "username" && id.type != "email" && id.type != "phone")) {
    return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  }
  return id;
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
  return json_text(body, "type") == "password" ? http::Lane::Hashing : http::Lane::Database;
}

}  // namespace

void ExperienceApi::mount(http::Router& router) {
  auto& flow = deps_.flow;
  // A step on the pool `lane` picks: a password check on the hashing pool, a call to a provider
  // on the outbound pool; `route` for database-only steps. A `counted` step (identification and
  // verification submissions: what a guesser repeats) first passes the sign_in_attempts limit.
  auto route_on = [this](LaneOf lane, Job job, bool counted = false) {
    return [this, lane, job = std::move(job), counted](http::Request& req) {
      return run(req, job, lane, counted);
    };
  };
  auto route = [route_on](Job job) { return route_on(database, std::move(job)); };
  auto submission = [route_on](LaneOf lane, Job job) {
    return route_on(lane, std::move(job), true);
  };
  auto g = router.group("/api/experience");
  g.put("", route([&flow](const FlowContext& c, const Body& b) {
          return no_content(flow.start(c, json_text(b, "interactionEvent")));
        }));
  g.put("/interaction-event", route([&flow](const FlowContext& c, const Body& b) {
          return no_content(flow.set_event(c, json_text(b, "interactionEvent")));
        }));
  g.get("/interaction", route([&flow](const FlowContext& c, const Body&) -> Result<http::Response> {
          auto s = flow.state(c);
          if (!s) return s.error();
          json::array records;
          for (const auto& v : s->verifications) {
            records.push_back(json::object{
                {"id", v.id},
                {"type", v.type},
                {"verified", v.verified},
                {"identifier", {{"type", v.identifier_type}, {"value", v.identifier}}}});
          }
          return http::json_response(status::ok, json::object{{"interactionEvent", s->event},
                                                              {"userId", s->user_id},
                                                              {"verificationRecords", records}});
        }));
  g.post(
      "/verification/password",
      submission(hashing, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
        auto id = identifier_of(b);
        if (!id) return id.error();
        return verification(flow.verify_password(c, *id, json_text(b, "password")));
      }));
  g.post("/verification/verification-code",
         route_on(outbound, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
           auto id = identifier_of(b);
           if (!id) return id.error();
           return verification(flow.send_code(c, *id));
         }));
  g.post("/verification/verification-code/verify",
         submission(database, [&flow](const FlowContext& c, const Body& b) {
           return verification(
               flow.verify_code(c, json_text(b, "verificationId"), json_text(b, "code")));
         }));
  g.post(
      "/verification/new-password-identity",
      submission(hashing, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
        auto id = identifier_of(b);
        if (!id) return id.error();
        return verification(flow.new_password_identity(c, *id, json_text(b, "password")));
      }));
  g.post("/verification/social/:connectorId/authorization-uri",
         route_on(outbound, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
           auto started = flow.start_social(c, json_text(b, "connectorId"), json_text(b, "state"),
                                            json_text(b, "redirectUri"));
           if (!started) return started.error();
           return http::json_response(status::ok,
                                      json::object{{"authorizationUri", started->authorization_uri},
                                                   {"verificationId", started->verification_id}});
         }));
  g.post("/verification/social/:connectorId/verify",
         route_on(outbound, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
           // connectorData: the provider's callback parameters as the client received them.
           connectors::CallbackParams data;
           if (const auto* d = b.if_contains("connectorData"); d && d->is_object()) {
             for (const auto& [key, value] : d->as_object()) {
               if (value.is_string())
                 data.emplace(std::string(key), std::string(value.as_string()));
             }
           }
           std::string vid = json_text(b, "verificationId");
           if (vid.empty()) return flow_error(Errc::InvalidRequest, "guard.invalid_input");
           return verification(flow.verify_social(c, json_text(b, "connectorId"), data, vid));
         }));
  g.post(
      "/identification",
      submission(database, [&flow](const FlowContext& c, const Body& b) -> Result<http::Response> {
        auto state = flow.state(c);
        if (!state) return state.error();
        const auto* link = b.if_contains("linkSocialIdentity");
        bool link_social = link && link->is_bool() && link->as_bool();
        if (auto done = flow.identify(c, json_text(b, "verificationId"), link_social); !done) {
          return done.error();
        }
        bool created = state->event == "Register";
        return http::empty_response(created ? status::created : status::no_content);
      }));
  g.post("/profile", route_on(profile_lane, [&flow](const FlowContext& c, const Body& b) {
           std::string type = json_text(b, "type");
           std::string value = type == "email" || type == "phone" ? json_text(b, "verificationId")
                                                                  : json_text(b, "value");
           return no_content(flow.add_profile(c, type, value));
         }));
  g.put("/profile/password", route_on(hashing, [&flow](const FlowContext& c, const Body& b) {
          return no_content(flow.reset_password(c, json_text(b, "password")));
        }));
  g.post("/submit", route([&flow, endpoint = deps_.config.endpoint](
                              const FlowContext& c, const Body&) -> Result<http::Response> {
           auto done = flow.submit(c);
           if (!done) return done.error();
           if (done->password_reset) return http::empty_response(status::no_content);
           return http::json_response(status::ok,
                                      json::object{{"redirectTo", endpoint + done->redirect_to}});
         }));
  mount_settings(router);
}

}  // namespace latch::experience
