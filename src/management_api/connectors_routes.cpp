#include "experience/messaging/message_connectors.hpp"
#include "management_api/management_api.hpp"

// /api/connectors and /api/connector-factories (social connectors; Logto's shapes).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

json::object factory_json(const connectors::ConnectorFactory& f) {
  const auto& m = f.metadata();
  json::array items;
  for (const auto& field : f.fields()) {
    json::object item{{"key", field.key},         {"label", field.label},
                      {"type", field.type},       {"required", field.required},
                      {"isSecret", field.secret}, {"description", field.description}};
    if (!field.default_value.empty()) item["defaultValue"] = field.default_value;
    if (!field.choices.empty()) {
      json::array choices;
      for (const auto& c : field.choices) choices.emplace_back(c);
      item["selectItems"] = std::move(choices);
    }
    items.push_back(std::move(item));
  }
  return {{"id", m.factory_id},     {"type", "Social"},
          {"target", m.target},     {"name", {{"en", m.name}}},
          {"platform", m.platform}, {"isStandard", m.is_standard},
          {"readme", m.readme},     {"formItems", std::move(items)}};
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

  r.get("/connector-factories", "List connector factories",
        ([](const Call&) -> Result<http::Response> {
          json::array out;
          for (const auto* f : connectors::social_factories()) out.push_back(factory_json(*f));
          return http::json_response(status::ok, out);
        }));
  r.get("/connector-factories/:id", "Get a connector factory",
        ([](const Call& c) -> Result<http::Response> {
          const auto* f = connectors::find_factory(c.param("id"));
          if (!f || f->metadata().factory_id != c.param("id")) {
            return make_error(Errc::NotFound, "entity.not_found", "no connector factory");
          }
          return http::json_response(status::ok, factory_json(*f));
        }));
  r.get("/connectors", "List connectors",
        ([&social, endpoint](const Call&) -> Result<http::Response> {
          auto all = social.list();
          if (!all) return all.error();
          json::array out;
          for (const auto& info : *all) out.push_back(experience::connector_json(info, endpoint));
          return http::json_response(status::ok, out);
        }));
  r.post("/connectors", "Create a connector",
         ([&social, one, change_of](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"connectorId", "config", "syncProfile"}); !r)
             return r.error();
           auto factory = string_field(c.body, "connectorId");
           if (!factory) return factory.error();
           if (!*factory) return make_error(Errc::InvalidRequest, "connectorId is required");
           auto change = change_of(c.body);
           if (!change) return change.error();
           return one(social.create(**factory, *change));
         }));
  r.get("/connectors/:id", "Get a connector",
        ([&social, one](const Call& c) { return one(social.find(c.param("id"))); }));
  r.patch("/connectors/:id", "Update a connector",
          ([&social, one, change_of](const Call& c) -> Result<http::Response> {
            if (auto r = only_fields(c.body, {"config", "syncProfile"}); !r) return r.error();
            auto change = change_of(c.body);
            if (!change) return change.error();
            return one(social.update(c.param("id"), *change));
          }));
  // Logto's test route, for the email and SMS connectors: a test message through the stored
  // configuration (`latch email set-smtp`, `latch sms set-http`).
  r.post("/connectors/:factoryId/test", "Send a test message through the email or SMS connector",
         ([this](const Call& c) -> Result<http::Response> {
           std::string_view factory = c.param("factoryId");
           bool email = factory == "smtp" || factory == "email";
           bool sms = factory == "http-sms" || factory == "sms";
           if (!email && !sms) {
             return make_error(Errc::NotFound, "entity.not_found",
                               "test messages go through smtp or http-sms");
           }
           auto to = sole_string(c.body, email ? "email" : "phone");
           if (!to) return to.error();
           experience::MessageConnectors messages(deps_.store, deps_.secrets);
           auto sent = messages.send_code({email ? "email" : "sms", *to, "Test", "000000",
                                           experience::Lang::En, deps_.settings.get()->app_name});
           if (!sent) return sent.error();
           return http::empty_response(status::no_content);
         }));
  r.del("/connectors/:id", "Delete a connector",
        ([&social](const Call& c) -> Result<http::Response> {
          if (auto r = social.remove(c.param("id")); !r) return r.error();
          return http::empty_response(status::no_content);
        }));
}

}  // namespace latch::management_api
