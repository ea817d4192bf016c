#include "experience/messaging/message_connector_admin.hpp"
#include "management_api/management_api.hpp"

// /api/connectors and /api/connector-factories (Logto's shapes): the social connectors, and the
// email and SMS connectors, whose id is their factory's id.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

json::object factory_json(const connectors::ConnectorFactory& f) {
  const auto& m = f.metadata();
  return {{"id", m.factory_id},     {"type", "Social"},
          {"target", m.target},     {"name", {{"en", m.name}}},
          {"platform", m.platform}, {"isStandard", m.is_standard},
          {"readme", m.readme},     {"formItems", connectors::form_items_json(f.fields())}};
}

// The kind a test message goes through: Logto's factory ids and Latch's earlier short names.
std::string message_kind(std::string_view factory) {
  if (const auto* f = experience::find_message_factory(factory)) return f->kind;
  if (factory == "smtp" || factory == "email") return "email";
  if (factory == "sms") return "sms";
  return {};
}

}  // namespace

void ManagementApi::mount_connectors(Routes& r) {
  auto& social = deps_.social;
  const std::string endpoint = deps_.config.endpoint;
  auto one = [endpoint](Result<experience::SocialConnectorInfo> info) -> Result<http::Response> {
    if (!info) return info.error();
    return http::json_response(status::ok, experience::connector_json(*info, endpoint));
  };
  auto change_of = [](const json::object& body) -> Result<experience::ConnectorChange> {
    experience::ConnectorChange change;
    auto config = object_field(body, "config");
    auto sync = bool_field(body, "syncProfile");
    if (!config) return config.error();
    if (!sync) return sync.error();
    if (*config) change.config = std::move(**config);
    change.sync_profile = *sync;
    return change;
  };

  auto messages = [this] {
    return experience::MessageConnectorAdmin(deps_.store, deps_.secrets, deps_.clock);
  };
  auto answer = [](Result<json::object> connector) -> Result<http::Response> {
    if (!connector) return connector.error();
    return http::json_response(status::ok, *connector);
  };

  r.get("/connector-factories", "List connector factories",
        ([](const Call&) -> Result<http::Response> {
          json::array out;
          for (const auto* f : connectors::social_factories()) out.push_back(factory_json(*f));
          for (const auto& f : experience::message_factories()) {
            out.push_back(experience::message_factory_json(f));
          }
          return http::json_response(status::ok, out);
        }));
  r.get("/connector-factories/:id", "Get a connector factory",
        ([](const Call& c) -> Result<http::Response> {
          if (const auto* m = experience::find_message_factory(c.param("id"))) {
            return http::json_response(status::ok, experience::message_factory_json(*m));
          }
          const auto* f = connectors::find_factory(c.param("id"));
          if (!f || f->metadata().factory_id != c.param("id")) {
            return make_error(Errc::NotFound, "entity.not_found", "no connector factory");
          }
          return http::json_response(status::ok, factory_json(*f));
        }));
  r.get("/connectors", "List connectors",
        ([&social, endpoint, messages](const Call&) -> Result<http::Response> {
          auto all = social.list();
          if (!all) return all.error();
          json::array out;
          for (const auto& info : *all) out.push_back(experience::connector_json(info, endpoint));
          auto configured = messages().list();
          if (!configured) return configured.error();
          for (auto& m : *configured) out.push_back(std::move(m));
          return http::json_response(status::ok, out);
        }));
  r.post("/connectors", "Create a connector",
         ([&social, one, change_of, messages, answer](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"connectorId", "config", "syncProfile"}); !r)
             return r.error();
           auto factory = string_field(c.body, "connectorId");
           if (!factory) return factory.error();
           if (!*factory) return make_error(Errc::InvalidRequest, "connectorId is required");
           auto change = change_of(c.body);
           if (!change) return change.error();
           const auto* message = experience::find_message_factory(**factory);
           if (!message) return one(social.create(**factory, *change));
           if (change->sync_profile.value_or(false)) {
             return make_error(Errc::InvalidRequest, "syncProfile is for social connectors only");
           }
           return answer(messages().create(*message, change->config));
         }));
  r.get("/connectors/:id", "Get a connector",
        ([&social, one, messages, answer](const Call& c) -> Result<http::Response> {
          if (const auto* message = experience::find_message_factory(c.param("id"))) {
            return answer(messages().find(*message));
          }
          return one(social.find(c.param("id")));
        }));
  r.patch("/connectors/:id", "Update a connector",
          ([&social, one, change_of, messages, answer](const Call& c) -> Result<http::Response> {
            if (auto r = only_fields(c.body, {"config", "syncProfile"}); !r) return r.error();
            auto change = change_of(c.body);
            if (!change) return change.error();
            const auto* message = experience::find_message_factory(c.param("id"));
            if (!message) return one(social.update(c.param("id"), *change));
            if (change->sync_profile.value_or(false)) {
              return make_error(Errc::InvalidRequest, "syncProfile is for social connectors only");
            }
            return answer(messages().update(*message, change->config));
          }));
  // Logto's test route for the email and SMS connectors: a test message through the stored
  // configuration.
  auto o = r.on(http::Lane::Outbound);  // it waits on the SMTP server or SMS gateway
  o.post("/connectors/:factoryId/test", "Send a test message through the email or SMS connector",
         ([this](const Call& c) -> Result<http::Response> {
           std::string kind = message_kind(c.param("factoryId"));
           if (kind.empty()) {
             return make_error(Errc::NotFound, "entity.not_found",
                               "test messages go through simple-mail-transfer-protocol or "
                               "http-sms");
           }
           auto to = sole_string(c.body, kind == "email" ? "email" : "phone");
           if (!to) return to.error();
           experience::MessageConnectors messages(deps_.store, deps_.secrets, deps_.clock);
           auto sent = messages.send_code(
               {kind, *to, "Test", "000000", experience::Lang::En, deps_.settings.get()->app_name});
           if (!sent) return sent.error();
           return http::empty_response(status::no_content);
         }));
  r.del("/connectors/:id", "Delete a connector",
        ([&social, messages](const Call& c) -> Result<http::Response> {
          const auto* message = experience::find_message_factory(c.param("id"));
          auto removed = message ? messages().remove(*message) : social.remove(c.param("id"));
          if (!removed) return removed.error();
          return http::empty_response(status::no_content);
        }));
}

}  // namespace latch::management_api
