#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "experience/config/settings_store.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "server/cli_commands.hpp"

// `latch experience show | set KEY=VALUE... | sign-up MODE` and
// `latch email set-smtp ... | show`, `latch sms set-http ... | show`.
namespace latch::server {
namespace {

namespace json = boost::json;

// "signUp.verify=true" → {"signUp": {"verify": true}}; the value is JSON when it parses as JSON,
// else a string.
Result<void> add_assignment(json::object& patch, const std::string& assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    return make_error(Errc::InvalidRequest, "expected KEY=VALUE, got " + assignment);
  }
  std::string path = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) value = json::string(text);
  json::object* node = &patch;
  for (std::size_t dot; (dot = path.find('.')) != std::string::npos; path.erase(0, dot + 1)) {
    auto& child = (*node)[path.substr(0, dot)];
    if (!child.is_object()) child = json::object{};
    node = &child.as_object();
  }
  (*node)[path] = std::move(value);
  return ok();
}

int print_settings(const experience::SignInExperience& c) {
  std::printf("%s\n", json::serialize(experience::to_json(c)).c_str());
  return 0;
}

int apply(Runtime& rt, const json::object& patch) {
  auto updated = experience::update_settings(*rt.store, patch, rt.clock);
  if (!updated) return fail(updated.error());
  return print_settings(*updated);
}

int show(Runtime& rt) {
  experience::SettingsStore settings;
  if (auto r = settings.reload(*rt.store); !r) return fail(r.error());
  return print_settings(*settings.get());
}

struct SmtpArgs {
  std::string host, security = "starttls", username, password, from, ca_file, templates;
  int port = 587;
  bool insecure = false;
};

int set_smtp(Runtime& rt, const SmtpArgs& a) {
  json::object config{{"host", a.host},         {"port", a.port},
                      {"security", a.security}, {"username", a.username},
                      {"from", a.from},         {"verifyCertificate", !a.insecure},
                      {"caFile", a.ca_file}};
  if (!a.templates.empty()) {
    boost::system::error_code ec;
    auto t = json::parse(a.templates, ec);
    if (ec || !t.is_object()) {
      return fail(make_error(Errc::InvalidRequest, "--templates must be a JSON object"));
    }
    config["templates"] = t;
  }
  experience::MessageConnectors connectors(*rt.store, *rt.secrets, rt.clock);
  if (auto r = connectors.save({"email", config, a.password}); !r) {
    return fail(r.error());
  }
  std::printf("email connector saved (SMTP %s:%d, %s)\n", a.host.c_str(), a.port,
              a.security.c_str());
  return 0;
}

int show_connector(Runtime& rt, const std::string& kind) {
  experience::MessageConnectors connectors(*rt.store, *rt.secrets, rt.clock);
  auto described = connectors.describe(kind);
  if (!described) return fail(described.error());
  std::printf("%s\n", json::serialize(*described).c_str());
  return 0;
}

void add_email_commands(CLI::App& app, Action& action) {
  auto* email = app.add_subcommand("email", "Configure the email connector (SMTP)");
  email->require_subcommand(1);
  auto a = std::make_shared<SmtpArgs>();
  auto* set = email->add_subcommand("set-smtp", "Send codes through an SMTP server");
  set->add_option("--host", a->host, "SMTP host")->required();
  set->add_option("--port", a->port, "SMTP port (587 STARTTLS, 465 TLS)");
  set->add_option("--security", a->security, "starttls (default), tls or none");
  set->add_option("--username", a->username, "AUTH user (empty: no AUTH)");
  set->add_option("--password", a->password, "AUTH password (stored sealed)");
  set->add_option("--from", a->from, "Sender, e.g. 'Latch <no-reply@example.com>'")->required();
  set->add_option("--ca-file", a->ca_file, "Extra trusted CA certificate (PEM)");
  set->add_flag("--insecure-skip-verify", a->insecure, "Do not verify the TLS certificate");
  set->add_option("--templates", a->templates,
                  "JSON {en|ja: {SignIn|Register|ForgotPassword: {subject, body}}}");
  set->callback([&action, a] { action = [a](Runtime& rt) { return set_smtp(rt, *a); }; });
  email->add_subcommand("show", "Print the email connector settings")->callback([&action] {
    action = [](Runtime& rt) { return show_connector(rt, "email"); };
  });
  auto sms = std::make_shared<std::array<std::string, 3>>();
  auto* sms_cmd = app.add_subcommand("sms", "Configure the SMS connector (generic HTTP)");
  sms_cmd->require_subcommand(1);
  auto* set_http = sms_cmd->add_subcommand("set-http", "POST {to, from, text} JSON to a URL");
  set_http->add_option("--url", (*sms)[0], "Endpoint URL")->required();
  set_http->add_option("--authorization", (*sms)[1], "Authorization header (stored sealed)");
  set_http->add_option("--from", (*sms)[2], "Sender id");
  set_http->callback([&action, sms] {
    action = [sms](Runtime& rt) {
      experience::MessageConnectors connectors(*rt.store, *rt.secrets, rt.clock);
      json::object config{{"url", (*sms)[0]}, {"from", (*sms)[2]}};
      if (auto r = connectors.save({"sms", config, (*sms)[1]}); !r) return fail(r.error());
      std::printf("sms connector saved\n");
      return 0;
    };
  });
  for (auto* cmd : {email, sms_cmd}) {
    for (auto* sub : cmd->get_subcommands({})) sub->fallthrough();
  }
}

}  // namespace

void add_experience_commands(CLI::App& app, Action& action) {
  auto* exp = app.add_subcommand("experience", "Configure the sign-in experience");
  exp->require_subcommand(1);
  exp->add_subcommand("show", "Print the configuration (JSON)")->callback([&action] {
    action = [](Runtime& rt) { return show(rt); };
  });
  auto assignments = std::make_shared<std::vector<std::string>>();
  auto* set = exp->add_subcommand("set", "Set keys, e.g. color.primaryColor=#0B6E4F");
  set->add_option("assignments", *assignments, "KEY=VALUE (dotted keys; JSON values)")->required();
  set->callback([&action, assignments] {
    action = [assignments](Runtime& rt) {
      json::object patch;
      for (const auto& a : *assignments) {
        if (auto r = add_assignment(patch, a); !r) return fail(r.error());
      }
      return apply(rt, patch);
    };
  });
  auto mode = std::make_shared<std::string>();
  auto* sign_up = exp->add_subcommand("sign-up", "Switch sign-up and sign-in mode");
  sign_up->add_option("mode", *mode, "password | passwordless | social-only")->required();
  sign_up->callback([&action, mode] {
    action = [mode](Runtime& rt) {
      auto patch = experience::sign_up_preset(*mode);
      if (!patch) return fail(patch.error());
      return apply(rt, *patch);
    };
  });
  for (auto* sub : exp->get_subcommands({})) sub->fallthrough();
  add_email_commands(app, action);
}

}  // namespace latch::server
