#include "console/console_site.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "console/assets.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "management/application_service.hpp"
#include "management/user_service.hpp"
#include "management_api/api_kit.hpp"
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

http::Response ConsoleSite::status_response() const {
  auto admins = has_operator();
  if (!admins) return json_error(admins.error());
  const auto& endpoint = deps_.config.endpoint;
  boost::json::object body{{"needsSetup", !*admins},
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
  boost::system::error_code ec;
  auto parsed = boost::json::parse(req.body(), ec);
  if (ec || !parsed.is_object()) {
    return json_error(make_error(Errc::InvalidRequest, "the body must be a JSON object"));
  }
  const auto& body = parsed.as_object();
  if (auto only = management_api::only_fields(body, {"username", "password"}); !only) {
    return json_error(only.error());
  }
  auto username = management_api::string_field(body, "username");
  auto password = management_api::string_field(body, "password");
  if (!username) return json_error(username.error());
  if (!password) return json_error(password.error());
  if (!*username || !*password) {
    return json_error(make_error(Errc::InvalidRequest, "username and password are required"));
  }
  std::lock_guard lock(setup_mutex_);
  auto admins = has_operator();
  if (!admins) return json_error(admins.error());
  if (*admins) {
    return json_error(make_error(Errc::Forbidden, "console.setup_done",
                                 "an operator exists already; sign in instead"));
  }
  management::UserService users(deps_.store, deps_.clock);
  auto user = users.create({.username = **username, .password = **password});
  if (!user) return json_error(user.error());
  // The mutex orders this node's requests; the lock, other nodes'. Whoever makes an operator
  // first wins; a later one removes the user it just created.
  bool first = false;
  auto claimed = deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto locked = tx.lock("console-setup"); !locked) return locked;
    auto ids = tx.users().admin_ids();
    if (!ids) return ids.error();
    first = ids->empty();
    if (!first) return tx.users().remove(user->id);
    return tx.users().set_admin(user->id, true, deps_.clock.now_millis());
  });
  if (!claimed) return json_error(claimed.error());
  if (!first) {
    return json_error(make_error(Errc::Forbidden, "console.setup_done",
                                 "an operator exists already; sign in instead"));
  }
  boost::json::object payload{{"key", "Console.Setup"},
                              {"result", "Success"},
                              {"userId", user->id},
                              {"ip", req.remote_address}};
  storage::AuditLog log{crypto::random_id(21),
                        "Console.Setup",
                        "Success",
                        user->id,
                        {},
                        req.remote_address,
                        boost::json::serialize(payload),
                        deps_.clock.now_millis()};
  if (auto done = deps_.store.transact([&](storage::Tx& tx) { return tx.logs().insert(log); });
      !done) {
    spdlog::error("cannot write audit log Console.Setup: {}", done.error().description);
  }
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
  g.get("/api/status", [this](http::Request&) -> http::asio::awaitable<http::Response> {
    auto job = [this] { return status_response(); };
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
