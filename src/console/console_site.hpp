#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "experience/config/settings_store.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "storage/store.hpp"

namespace latch::console {

// The admin console: a single-page app (web/console) served under /console, an OIDC client of
// this Latch (management::kConsoleAppId) that calls the management API with an operator's
// token. Also answers the two requests the app makes before anyone is signed in:
// GET /console/api/status (what the app needs to start its sign-in) and POST /console/api/setup
// (the first operator account, accepted only while there is no operator, and only with the
// one-time setup token the server printed at start, or from this machine when the endpoint is a
// loopback URL: whoever reaches the port first must not claim the deployment).
class ConsoleSite {
 public:
  struct Deps {
    const Config& config;
    storage::Store& store;
    const Clock& clock;
    const http::Pools& pools;  // setup hashes the operator's password: the hashing pool
    const experience::SettingsStore& settings;  // the password policy applies to the first operator
  };
  explicit ConsoleSite(Deps deps);

  void mount(http::Router& router);
  // While no operator exists: a new one-time setup token (good for a day, until the first
  // operator is created), stored by hash; the caller prints `${endpoint}/console?setup=TOKEN`.
  // nullopt once an operator exists. Blocking.
  [[nodiscard]] Result<std::optional<std::string>> issue_setup_token();

 private:
  struct Asset {
    std::string_view body;
    std::string content_type;
    std::string etag;
  };
  http::Response asset_response(const http::Request& req, const Asset& asset) const;
  // The file at `path` under web/console: embedded, or read from console_dir when set.
  http::Response file_response(const http::Request& req, const std::string& path) const;
  Result<bool> has_operator() const;
  http::Response status_response(const http::Request& req) const;
  http::Response setup(const http::Request& req);
  // Setup without a token: the endpoint is a loopback URL and the request comes from this host.
  bool setup_from_this_machine(const http::Request& req) const;

  Deps deps_;
  std::unordered_map<std::string, Asset> assets_;  // by path under web/console
  std::mutex setup_mutex_;                         // one first-admin creation at a time
};

}  // namespace latch::console
