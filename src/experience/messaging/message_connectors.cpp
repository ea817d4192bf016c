#include "experience/messaging/message_connectors.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "connectors/email/smtp_client.hpp"
#include "connectors/sms/http_sms_sender.hpp"
#include "core/error_keys.hpp"
#include "core/json.hpp"

namespace latch::experience {
namespace {

namespace json = boost::json;

std::string aad(const std::string& kind) { return "message_connector:" + kind; }

Result<void> validate(const std::string& kind, const json::object& c) {
  if (kind == "email") {
    if (json_text(c, "host").empty()) return make_error(Errc::InvalidRequest, "host is required");
    if (json_text(c, "from").find('@') == std::string::npos) {
      return make_error(Errc::InvalidRequest, "from must be an email address");
    }
    auto security = json_text(c, "security", "starttls");
    if (security != "starttls" && security != "tls" && security != "none") {
      return make_error(Errc::InvalidRequest, "security must be starttls, tls or none");
    }
    const auto* port = c.if_contains("port");
    if (port && (!port->is_int64() || port->as_int64() < 1 || port->as_int64() > 65535)) {
      return make_error(Errc::InvalidRequest, "port must be from 1 to 65535");
    }
    return ok();
  }
  if (kind == "sms") {
    auto url = json_text(c, "url");
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return make_error(Errc::InvalidRequest, "url must be an http(s) URL");
    }
    return ok();
  }
  return make_error(Errc::InvalidRequest, "kind must be email or sms");
}

// The connector's own template for (lang, purpose) field `field`, if any.
std::string template_text(const json::object& config, Lang lang, std::string_view purpose,
                          std::string_view field) {
  const auto* templates = config.if_contains("templates");
  if (!templates || !templates->is_object()) return {};
  const auto* by_lang = templates->as_object().if_contains(tag(lang));
  if (!by_lang || !by_lang->is_object()) return {};
  const auto* entry = by_lang->as_object().if_contains(purpose);
  if (!entry || !entry->is_object()) return {};
  return json_text(entry->as_object(), field);
}

std::string template_text(const json::object& config, const CodeMessage& m,
                          std::string_view field) {
  return template_text(config, m.lang, m.purpose, field);
}

// `pattern` with each {name} of `vars` replaced (once, left to right: a value is never re-read).
std::string render(std::string_view pattern, const Vars& vars) {
  std::string out(pattern);
  for (const auto& [name, value] : vars) {
    std::string key = "{" + name + "}";
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
      out.replace(at, key.size(), value);
    }
  }
  return out;
}

std::string render(std::string_view pattern, const CodeMessage& m) {
  return render(pattern, Vars{{"code", m.code}, {"app", m.app_name}});
}

}  // namespace

std::unique_ptr<connectors::MessageSender> provider_sender(const std::string& kind,
                                                           const json::object& config,
                                                           const std::string& secret,
                                                           const Clock& clock) {
  if (kind == "sms") {
    return std::make_unique<connectors::HttpSmsSender>(
        connectors::HttpSmsSettings{json_text(config, "url"), secret, json_text(config, "from")});
  }
  connectors::SmtpSettings s;
  s.host = json_text(config, "host");
  if (const auto* p = config.if_contains("port"); p && p->is_int64()) {
    s.port = static_cast<unsigned short>(p->as_int64());
  }
  s.security = json_text(config, "security", "starttls");
  s.username = json_text(config, "username");
  s.password = secret;
  s.from = json_text(config, "from");
  const auto* verify = config.if_contains("verifyCertificate");
  s.verify_certificate = !verify || !verify->is_bool() || verify->as_bool();
  s.ca_file = json_text(config, "caFile");
  return std::make_unique<connectors::SmtpSender>(std::move(s), clock);
}

Result<std::unique_ptr<connectors::MessageSender>> MessageConnectors::sender(
    const std::string& kind, json::object& config) {
  std::optional<storage::MessageConnectorRecord> record;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.message_connectors().find(kind);
    if (!found) return found.error();
    record = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!record) return keyed_error(Errc::NotFound, keys::kConnectorNotFound);
  boost::system::error_code ec;
  auto parsed = json::parse(record->config_json, ec);
  if (ec || !parsed.is_object()) return make_error(Errc::Internal, "bad connector config");
  config = parsed.as_object();
  std::string secret;
  if (!record->sealed_secret.empty()) {
    auto opened = secrets_.open(record->sealed_secret, aad(kind));
    if (!opened) return opened.error();
    secret = std::move(*opened);
  }
  return make_sender_(kind, config, secret, clock_);
}

Result<bool> MessageConnectors::configured(const std::string& kind) {
  bool found = false;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto record = tx.message_connectors().find(kind);
    if (!record) return record.error();
    found = record->has_value();
    return ok();
  });
  if (!done) return done.error();
  return found;
}

Result<void> MessageConnectors::send_code(const CodeMessage& m) {
  json::object config;
  auto sender = this->sender(m.kind, config);
  if (!sender) return sender.error();
  Vars vars{{"code", m.code}, {"app", m.app_name}};
  connectors::OutgoingMessage out{m.to, {}, {}};
  if (m.kind == "email") {
    auto subject = template_text(config, m, "subject");
    auto body = template_text(config, m, "body");
    out.subject =
        subject.empty() ? tr(m.lang, "email.subject." + m.purpose, vars) : render(subject, m);
    std::string body_key =
        has_phrase(m.lang, "email.body." + m.purpose) ? "email.body." + m.purpose : "email.body";
    out.text = body.empty() ? tr(m.lang, body_key, vars) : render(body, m);
  } else {
    auto body = template_text(config, m, "body");
    std::string body_key =
        has_phrase(m.lang, "sms.body." + m.purpose) ? "sms.body." + m.purpose : "sms.body";
    out.text = body.empty() ? tr(m.lang, body_key, vars) : render(body, m);
  }
  return deliver(**sender, out);
}

Result<void> MessageConnectors::deliver(const connectors::MessageSender& sender,
                                        const connectors::OutgoingMessage& message) {
  auto sent = sender.send(message);
  if (!sent) {
    return keyed_error(Errc::Unavailable, "connector.send_failed",
                       sent.error().description + ": " + sent.error().detail);
  }
  return ok();
}

Result<void> MessageConnectors::send_invitation(const InvitationMessage& m) {
  constexpr std::string_view kPurpose = "OrganizationInvitation";
  json::object config;
  auto sender = this->sender("email", config);
  if (!sender) return sender.error();
  Vars vars{{"link", m.link}, {"organization", m.organization}, {"inviter", m.inviter}};
  auto subject = template_text(config, m.lang, kPurpose, "subject");
  auto body = template_text(config, m.lang, kPurpose, "body");
  // Without an inviter, the catalog's wording that names nobody.
  std::string body_key = m.inviter.empty() ? "email.body.OrganizationInvitation.anonymous"
                                           : "email.body.OrganizationInvitation";
  connectors::OutgoingMessage out{m.to, {}, {}};
  out.subject = subject.empty() ? tr(m.lang, "email.subject.OrganizationInvitation", vars)
                                : render(subject, vars);
  out.text = body.empty() ? tr(m.lang, body_key, vars) : render(body, vars);
  return deliver(**sender, out);
}

Result<void> MessageConnectors::save(const MessageConnectorChange& change) {
  if (auto valid = validate(change.kind, change.config); !valid) return valid;
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto old = tx.message_connectors().find(change.kind);
    if (!old) return old.error();
    using Mode = MessageConnectorChange::Mode;
    if (*old && change.mode == Mode::Create) {
      return keyed_error(Errc::Conflict, "connector.multiple_instances_not_supported",
                         "an " + change.kind + " connector is already configured");
    }
    if (!*old && change.mode == Mode::Update) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no " + change.kind + " connector");
    }
    storage::MessageConnectorRecord record{
        change.kind, json::serialize(change.config), {}, clock_.now_millis()};
    if (change.secret && !change.secret->empty()) {
      record.sealed_secret = secrets_.seal(*change.secret, aad(change.kind));
    }
    if (!change.secret && *old) record.sealed_secret = (*old)->sealed_secret;
    return tx.message_connectors().put(record);
  });
}

Result<std::optional<StoredMessageConnector>> MessageConnectors::find(const std::string& kind) {
  std::optional<StoredMessageConnector> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto record = tx.message_connectors().find(kind);
    if (!record) return record.error();
    if (!*record) return ok();
    boost::system::error_code ec;
    auto config = json::parse((*record)->config_json, ec);
    if (ec || !config.is_object()) return make_error(Errc::Internal, "bad connector config");
    out = StoredMessageConnector{std::move(config.as_object()), !(*record)->sealed_secret.empty(),
                                 (*record)->updated_at};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<json::value> MessageConnectors::describe(const std::string& kind) {
  auto found = find(kind);
  if (!found) return found.error();
  if (!*found) return json::value(nullptr);
  json::object out = std::move((*found)->config);
  out["hasSecret"] = (*found)->has_secret;
  return json::value(std::move(out));
}

Result<void> MessageConnectors::remove(const std::string& kind) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto old = tx.message_connectors().find(kind);
    if (!old) return old.error();
    if (!*old) return keyed_error(Errc::NotFound, "entity.not_found", "no " + kind + " connector");
    return tx.message_connectors().remove(kind);
  });
}

}  // namespace latch::experience
