#include "experience/messaging/message_factories.hpp"

#include <algorithm>

namespace latch::experience {
namespace {

using connectors::ConfigField;

MessageFactory smtp() {
  return {.id = "simple-mail-transfer-protocol",
          .kind = "email",
          .type = "Email",
          .target = "smtp",
          .name = "SMTP",
          .description = "Send verification codes by email through an SMTP server.",
          .secret_key = "password",
          .fields = {
              {.key = "host", .label = "Host", .type = "string", .required = true},
              {.key = "port",
               .label = "Port",
               .type = "number",
               .default_value = "587",
               .description = "587 for STARTTLS, 465 for implicit TLS"},
              {.key = "security",
               .label = "Security",
               .type = "select",
               .default_value = "starttls",
               .choices = {"starttls", "tls", "none"},
               .description = "starttls (required), tls (implicit) or none"},
              {.key = "username",
               .label = "Username",
               .type = "string",
               .description = "AUTH user; empty: no AUTH"},
              {.key = "password", .label = "Password", .type = "string", .secret = true},
              {.key = "from",
               .label = "From",
               .type = "string",
               .required = true,
               .description = "The sender, e.g. Latch <no-reply@example.com>"},
              {.key = "verifyCertificate",
               .label = "Verify the TLS certificate",
               .type = "boolean",
               .default_value = "true"},
              {.key = "caFile",
               .label = "CA file",
               .type = "string",
               .description = "An extra trusted CA certificate (PEM path on the server)"},
              {.key = "templates",
               .label = "Templates",
               .type = "json",
               .description = "{en|ja: {SignIn|Register|ForgotPassword: {subject, body}}}; {code} "
                              "and {app} are replaced"},
          }};
}

MessageFactory http_sms() {
  return {.id = "http-sms",
          .kind = "sms",
          .type = "Sms",
          .target = "http-sms",
          .name = "HTTP SMS",
          .description = "Send verification codes by SMS: POST {to, from, text} JSON to a URL.",
          .secret_key = "authorization",
          .fields = {
              {.key = "url", .label = "Endpoint", .type = "url", .required = true},
              {.key = "authorization",
               .label = "Authorization header",
               .type = "string",
               .secret = true,
               .description = "Sent as the Authorization header, e.g. Bearer <token>"},
              {.key = "from", .label = "Sender id", .type = "string"},
          }};
}

}  // namespace

const std::vector<MessageFactory>& message_factories() {
  static const std::vector<MessageFactory> all{smtp(), http_sms()};
  return all;
}

const MessageFactory* find_message_factory(std::string_view id) {
  const auto& all = message_factories();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.id == id; });
  return it == all.end() ? nullptr : &*it;
}

const MessageFactory* message_factory_of_kind(std::string_view kind) {
  const auto& all = message_factories();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.kind == kind; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace latch::experience
