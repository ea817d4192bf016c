#include "model/application.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <string>

namespace latch::model {

std::string_view app_type_name(AppType type) {
  switch (type) {
    case AppType::Traditional:
      return "Traditional";
    case AppType::Spa:
      return "SPA";
    case AppType::Native:
      return "Native";
    case AppType::MachineToMachine:
      return "MachineToMachine";
    case AppType::Saml:
      return "SAML";
  }
  return "Traditional";
}

std::optional<AppType> parse_app_type(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "traditional") return AppType::Traditional;
  if (lower == "spa") return AppType::Spa;
  if (lower == "native") return AppType::Native;
  if (lower == "m2m" || lower == "machinetomachine" || lower == "machine-to-machine") {
    return AppType::MachineToMachine;
  }
  if (lower == "saml") return AppType::Saml;
  return std::nullopt;
}

bool is_confidential(AppType type) {
  return type == AppType::Traditional || type == AppType::MachineToMachine || type == AppType::Saml;
}

bool holds_secrets(AppType type) {
  return type == AppType::Traditional || type == AppType::MachineToMachine;
}

std::int64_t id_token_ttl(const Application& app, std::int64_t fallback) {
  const auto& ttl = app.token_settings.id_token_ttl;
  return ttl && *ttl > 0 ? static_cast<std::int64_t>(*ttl) : fallback;
}

std::int64_t refresh_token_ttl(const Application& app, std::int64_t fallback) {
  const ClientTokenSettings& s = app.token_settings;
  if (s.refresh_token_ttl_in_days) return *s.refresh_token_ttl_in_days * 86400;
  if (s.refresh_token_ttl && *s.refresh_token_ttl > 0) {
    return static_cast<std::int64_t>(*s.refresh_token_ttl);
  }
  return fallback;
}

bool issues_refresh_token(const Application& app, bool offline) {
  // Logto's clients hold the refresh_token grant type unless they are machine-to-machine.
  if (app.type == AppType::MachineToMachine) return false;
  if (offline) return true;
  // oidc-provider's application_type "web" is every Logto app type but Native.
  return app.type != AppType::Native &&
         app.token_settings.always_issue_refresh_token.value_or(false);
}

bool rotates_refresh_token(const Application& app) {
  return app.token_settings.rotate_refresh_token.value_or(true);
}

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error bad_uri(std::string_view field, std::string_view uri, std::string_view why) {
  return make_error(Errc::InvalidRequest,
                    std::string(field) + " '" + std::string(uri) + "' " + std::string(why));
}

bool is_web_scheme(const std::string& scheme) { return scheme == "http" || scheme == "https"; }

// Schemes that run code or read local data in a browser: never a place to send a code.
bool is_dangerous_scheme(const std::string& scheme) {
  for (std::string_view s : {"javascript", "data", "vbscript", "file", "blob", "about"}) {
    if (scheme == s) return true;
  }
  return false;
}

}  // namespace

Result<void> check_redirect_uri(AppType type, std::string_view uri, std::string_view field) {
  if (type == AppType::MachineToMachine) {
    return make_error(Errc::InvalidRequest,
                      "machine-to-machine applications take no redirect URIs");
  }
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed || uri.find('#') != std::string_view::npos || uri.size() > 2048) {
    return bad_uri(field, uri, "must be an absolute URI without a fragment");
  }
  std::string scheme = lower(parsed->scheme());
  if (is_dangerous_scheme(scheme)) return bad_uri(field, uri, "uses a scheme that is not allowed");
  if (is_web_scheme(scheme)) {
    if (!parsed->has_authority() || parsed->encoded_host().empty()) {
      return bad_uri(field, uri, "must name a host");
    }
    return ok();
  }
  if (type != AppType::Native) {
    return bad_uri(field, uri, "must be an http:// or https:// URL for a web application");
  }
  return ok();  // RFC 8252 §7.1: a private-use scheme of a native app
}

Result<void> check_cors_origin(std::string_view origin) {
  auto parsed = boost::urls::parse_absolute_uri(origin);
  if (!parsed || !is_web_scheme(lower(parsed->scheme())) || parsed->encoded_host().empty() ||
      !parsed->encoded_path().empty() || parsed->has_query() || parsed->has_fragment()) {
    return bad_uri("CORS allowed origin", origin, "must be http(s)://host[:port]");
  }
  return ok();
}

}  // namespace latch::model
