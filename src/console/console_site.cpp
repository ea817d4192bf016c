#include "console/console_site.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <boost/url/parse.hpp>

#include "console/assets.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/pages/page_kit.hpp"
#include "experience/security/password_policy.hpp"
#include "http/blocking.hpp"
#include "http/json_body.hpp"
#include "management/application_service.hpp"
#include "management/user_service.hpp"
#include "management_api/api_kit.hpp"
#include "oidc/audit_log.hpp"
#include "oidc/management_token.hpp"

namespace latch::console {
namespace {

using http::bhttp::field;
using http::bhttp::status;

std::string content_type_of(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

// Scripts and styles only from this origin, no inline code anywhere; the API on this origin;
// frames only for the sign-in preview (same origin).
constexpr std::string_view kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
    "connect-src 'self'; frame-src 'self'; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

void secure(http::Response& res) {
  res.set("Content-Security-Policy", kPolicy);
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
}

http::Response json_error(const Error& error) {
  auto res = management_api::error_response(error);
  http::set_no_store(res);
  return res;
}

// An error about one form field: the body names it in "field", so the page can show the message
// next to it without reading the message.
http::Response field_error(Error error, std::string_view field,
                           const experience::SignInExperience& config) {
  if (!field.empty()) error.field = std::string(field);
  return management_api::error_response(error, experience::error_vars(config));
}

}  // namespace

ConsoleSite::ConsoleSite(Deps deps) : deps_(deps) {
  for (const auto& asset : embedded_assets()) {
    std::string etag =
        "\"" + crypto::base64url_encode(crypto::sha256(asset.body)).substr(0, 16) + "\"";
    assets_.emplace(std::string(asset.path),
                    Asset{asset.body, content_type_of(asset.path), std::move(etag)});
  }
}

http::Response ConsoleSite::asset_response(const http::Request& req, const Asset& asset) const {
  // Revalidated on every load (the ETag makes that a 304): a new binary never runs old scripts.
  http::Response res;
  if (req.header(field::if_none_match) == asset.etag) {
    res = http::empty_response(status::not_modified);
  } else {
    res = http::text_response(status::ok, std::string(asset.body));
    res.set(field::content_type, asset.content_type);
  }
  res.set(field::etag, asset.etag);
  res.set(field::cache_control, "no-cache");
  secure(res);
  return res;
}

Result<bool> ConsoleSite::has_operator() const {
  bool found = false;
  auto done = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
    auto ids = tx.users().admin_ids();
    if (!ids) return ids.error();
    found = !ids->empty();
    return ok();
  });
  if (!done) return done.error();
  return found;
}

// RFC 6761 §6.3 and RFC 5735: names and addresses that never leave the machine.
bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") ||
         host == "[::1]" || host == "::1";
}

bool ConsoleSite::setup_from_this_machine(const http::Request& req) const {
  auto url = boost::urls::parse_absolute_uri(deps_.config.endpoint);
  if (!url || !is_loopback_host(url->encoded_host())) return false;
  const std::string& peer = req.remote_address;
  return peer.starts_with("127.") || peer == "::1" || peer == "::ffff:127.0.0.1";
}

Result<std::optional<std::string>> ConsoleSite::issue_setup_token() {
  auto admins = has_operator();
  if (!admins) return admins.error();
  if (*admins) return std::optional<std::string>();
  std::string token = crypto::random_token(24);
  auto stored = deps_.store.transact([&](storage::Tx& tx) {
    return tx.setup_tokens().add(crypto::token_hash(token), deps_.clock.now_seconds() + 86400);
  });
  if (!stored) return stored.error();
  return std::optional<std::string>(std::move(token));
}

http::Response ConsoleSite::status_response(const http::Request& req) const {
  auto admins = has_operator();
  if (!admins) return json_error(admins.error());
  const auto& endpoint = deps_.config.endpoint;
  boost::json::object body{{"needsSetup", !*admins},
                           {"setupNeedsToken", !*admins && !setup_from_this_machine(req)},
                           {"endpoint", endpoint},
                           {"issuer", deps_.config.issuer()},
                           {"clientId", management::kConsoleAppId},
                           {"redirectUri", endpoint + "/console/callback"},
                           {"postSignOutRedirectUri", endpoint + "/console"},
                           {"resource", oidc::kManagementResource}};
  auto res = http::json_response(status::ok, body);
  http::set_no_store(res);
  return res;
}

// The first operator: only while there is none, only from a page of this origin (a JSON body
// cannot be sent across origins without a CORS preflight, which Latch never grants here).
http::Response ConsoleSite::setup(const http::Request& req) {
  if (req.media_type() != "application/json") {
    return json_error(make_error(Errc::InvalidRequest, "the body must be JSON"));
  }
  auto parsed = http::parse_json_object(req.body());
  if (!parsed) return json_error(parsed.error());
  const auto& body = *parsed;
  if (auto only = management_api::only_fields(body, {"username", "password", "token"}); !only) {
    return json_error(only.error());
  }
  auto username = management_api::string_field(body, "username");
  auto password = management_api::string_field(body, "password");
  auto token = management_api::string_field(body, "token");
  if (!username) return json_error(username.error());
  if (!password) return json_error(password.error());
  if (!token) return json_error(token.error());
  if (!*username || !*password) {
    return json_error(make_error(Errc::InvalidRequest, "username and password are required"));
  }
  std::lock_guard lock(setup_mutex_);
  auto admins = has_operator();
  if (!admins) return json_error(admins.error());
  if (*admins) {
    return json_error(keyed_error(Errc::Forbidden, "console.setup_done",
                                  "an operator exists already; sign in instead"));
  }
  if (!setup_from_this_machine(req)) {
    auto valid = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
      auto found = tx.setup_tokens().valid(crypto::token_hash(token->value_or("")),
                                           deps_.clock.now_seconds());
      if (!found) return found.error();
      if (!*found) {
        return keyed_error(Errc::Forbidden, "console.setup_token_required",
                           "open the setup link Latch printed when it started");
      }
      return ok();
    });
    if (!valid) return json_error(valid.error());
  }
  if (auto valid = management::validate_username(**username); !valid) {
    return field_error(valid.error(), "username", *deps_.settings.get());
  }
  // The first operator's password meets the policy every other password meets.
  if (auto allowed = experience::check_password(deps_.settings.get()->password_policy, **password,
                                                {**username});
      !allowed) {
    return field_error(allowed.error(), "password", *deps_.settings.get());
  }
  // The mutex orders this node's requests; the service's lock, other nodes'. The user, the
  // operator role and the end of the setup tokens are one transaction: a crash leaves none of
  // them, so the name is free to retry.
  management::UserService users(deps_.store, deps_.clock);
  auto user = users.create_first_operator({.username = **username, .password = **password});
  if (!user) {
    // What validation left: the name is taken (a user made by the CLI), another operator came
    // first, or the database failed.
    bool taken = user.error().code == Errc::Conflict;
    return field_error(user.error(), taken ? "username" : "", *deps_.settings.get());
  }
  oidc::record_audit(deps_.store,
                     {.key = "Console.Setup", .user_id = user->id, .ip = req.remote_address},
                     deps_.clock.now_millis());
  spdlog::warn("console: first operator '{}' created from {}", user->username.value_or(""),
               req.remote_address);
  auto res = http::json_response(status::created,
                                 boost::json::object{{"id", user->id}, {"username", **username}});
  http::set_no_store(res);
  return res;
}

http::Response ConsoleSite::file_response(const http::Request& req, const std::string& path) const {
  if (!deps_.config.console_dir.empty()) {
    // Development: the file as it is on disk now (no "..": the path is a route's segments).
    std::ifstream in(std::filesystem::path(deps_.config.console_dir) / path, std::ios::binary);
    if (!in) return http::text_response(status::not_found, "not found");
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Asset asset{body, content_type_of(path),
                "\"" + crypto::base64url_encode(crypto::sha256(body)).substr(0, 16) + "\""};
    return asset_response(req, asset);
  }
  auto found = assets_.find(path);
  if (found == assets_.end()) return http::text_response(status::not_found, "not found");
  return asset_response(req, found->second);
}

void ConsoleSite::mount(http::Router& router) {
  auto g = router.group("/console");
  auto asset = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    std::string path;
    for (const char* name : {"a", "b", "c", "d"}) {
      auto segment = req.param(name);
      if (segment.empty()) break;
      if (segment == ".." || segment == "." || segment.find('%') != std::string_view::npos) {
        co_return http::text_response(status::not_found, "not found");
      }
      path += (path.empty() ? "" : "/") + std::string(segment);
    }
    co_return file_response(req, path);
  };
  for (const char* path :
       {"/assets/:a", "/assets/:a/:b", "/assets/:a/:b/:c", "/assets/:a/:b/:c/:d"}) {
    g.get(path, asset);
  }
  // Every other path under /console is a page of the app: the same document, which routes on
  // the client.
  auto index = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    co_return file_response(req, "index.html");
  };
  for (const char* path : {"", "/:a", "/:a/:b", "/:a/:b/:c", "/:a/:b/:c/:d", "/:a/:b/:c/:d/:e"}) {
    g.get(path, index);
  }
  g.get("/", [](http::Request&) -> http::asio::awaitable<http::Response> {
    co_return http::redirect_response("/console", status::moved_permanently);
  });
  g.get("/api/status", [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    auto job = [this, &req] { return status_response(req); };
    co_return co_await http::run_blocking(deps_.pools.database, job);
  });
  g.post("/api/setup", [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    auto job = [this, &req] { return setup(req); };
    auto done = co_await http::run_on(deps_.pools, http::Lane::Hashing, job);
    if (done) co_return std::move(*done);
    co_return json_error(http::lane_busy(http::Lane::Hashing));
  });
}

}  // namespace latch::console
