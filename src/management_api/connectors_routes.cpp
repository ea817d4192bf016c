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

using Deps = ManagementApiDeps;

experience::MessageConnectorAdmin message_admin(const Deps& d) {
  return {d.store, d.secrets, d.clock};
}

Result<http::Response> social_answer(const Deps& d, Result<experience::SocialConnectorInfo> info) {
  if (!info) return info.error();
  return http::json_response(status::ok, experience::connector_json(*info, d.config.endpoint));
}

Result<http::Response> message_answer(Result<json::object> connector) {
  if (!connector) return connector.error();
  return http::json_response(status::ok, *connector);
}

// {config, syncProfile}, as create and update take them.
Result<experience::ConnectorChange> change_of(const json::object& body) {
  experience::ConnectorChange change;
  auto config = object_field(body, "config");
  auto sync = bool_field(body, "syncProfile");
  if (!config) return config.error();
  if (!sync) return sync.error();
  if (*config) change.config = std::move(**config);
  change.sync_profile = *sync;
  return change;
}

Result<http::Response> list_factories(const Deps&, const Call&) {
  json::array out;
  for (const auto* f : connectors::social_factories()) out.push_back(factory_json(*f));
  for (const auto& f : experience::message_factories()) {
    out.push_back(experience::message_factory_json(f));
  }
  return http::json_response(status::ok, out);
}

Result<http::Response> get_factory(const Deps&, const Call& c) {
  if (const auto* m = experience::find_message_factory(c.param("id"))) {
    return http::json_response(status::ok, experience::message_factory_json(*m));
  }
  const auto* f = connectors::find_factory(c.param("id"));
  if (!f || f->metadata().factory_id != c.param("id")) {
    return keyed_error(Errc::NotFound, "entity.not_found", "no connector factory");
  }
  return http::json_response(status::ok, factory_json(*f));
}

Result<http::Response> list_connectors(const Deps& d, const Call&) {
  auto all = d.social.list();
  if (!all) return all.error();
  json::array out;
  for (const auto& info : *all) out.push_back(experience::connector_json(info, d.config.endpoint));
  auto configured = message_admin(d).list();
  if (!configured) return configured.error();
  for (auto& m : *configured) out.push_back(std::move(m));
  return http::json_response(status::ok, out);
}

// connectorId names a social factory or an email/SMS one (whose connector then has its id).
Result<http::Response> create_connector(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"connectorId", "config", "syncProfile"}); !r) {
    return r.error();
  }
  auto factory = string_field(c.body, "connectorId");
  if (!factory) return factory.error();
  if (!*factory) return make_error(Errc::InvalidRequest, "connectorId is required");
  auto change = change_of(c.body);
  if (!change) return change.error();
  const auto* message = experience::find_message_factory(**factory);
  if (!message) return social_answer(d, d.social.create(**factory, *change));
  if (change->sync_profile.value_or(false)) {
    return make_error(Errc::InvalidRequest, "syncProfile is for social connectors only");
  }
  return message_answer(message_admin(d).create(*message, change->config));
}

Result<http::Response> get_connector(const Deps& d, const Call& c) {
  if (const auto* message = experience::find_message_factory(c.param("id"))) {
    return message_answer(message_admin(d).find(*message));
  }
  return social_answer(d, d.social.find(c.param("id")));
}

Result<http::Response> update_connector(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"config", "syncProfile"}); !r) return r.error();
  auto change = change_of(c.body);
  if (!change) return change.error();
  const auto* message = experience::find_message_factory(c.param("id"));
  if (!message) return social_answer(d, d.social.update(c.param("id"), *change));
  if (change->sync_profile.value_or(false)) {
    return make_error(Errc::InvalidRequest, "syncProfile is for social connectors only");
  }
  return message_answer(message_admin(d).update(*message, change->config));
}

// Logto's test route for the email and SMS connectors: a test message through the stored
// configuration.
Result<http::Response> send_test_message(const Deps& d, const Call& c) {
  std::string kind = message_kind(c.param("factoryId"));
  if (kind.empty()) {
    return keyed_error(Errc::NotFound, "entity.not_found",
                       "test messages go through simple-mail-transfer-protocol or http-sms");
  }
  auto to = sole_string(c.body, kind == "email" ? "email" : "phone");
  if (!to) return to.error();
  experience::MessageConnectors messages(d.store, d.secrets, d.clock);
  auto sent = messages.send_code(
      {kind, *to, "Test", "000000", experience::Lang::En, d.settings.get()->app_name});
  if (!sent) return sent.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> delete_connector(const Deps& d, const Call& c) {
  const auto* message = experience::find_message_factory(c.param("id"));
  auto removed = message ? message_admin(d).remove(*message) : d.social.remove(c.param("id"));
  if (!removed) return removed.error();
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_connectors(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/connector-factories", "List connector factories", list_factories},
      {get, "/connector-factories/:id", "Get a connector factory", get_factory},
      {get, "/connectors", "List connectors", list_connectors},
      {post, "/connectors", "Create a connector", create_connector},
      {get, "/connectors/:id", "Get a connector", get_connector},
      {patch, "/connectors/:id", "Update a connector", update_connector},
      // It waits on the SMTP server or SMS gateway.
      {post, "/connectors/:factoryId/test",
       "Send a test message through the email or SMS connector", send_test_message,
       http::Lane::Outbound},
      {delete_, "/connectors/:id", "Delete a connector", delete_connector},
  });
}

}  // namespace latch::management_api
