#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "account/account_service.hpp"
#include "account/verification_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "experience/i18n/i18n.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"

// Logto's Account API under /api: /api/my-account... (the user's own account) and
// /api/verifications... (the verification records its sensitive routes require). Every route
// takes the user's own opaque access token from Latch's sign-in (account_caller.hpp); a
// verification record id goes in the logto-verification-id header. JSON in and out, errors as
// {code, message} with Logto's codes and statuses. Handlers run on the database pool, or the
// pool their route names.
namespace latch::account {

struct AccountApiDeps {
  const Config& config;
  storage::Store& store;
  AccountService& account;
  VerificationService& verifications;
  const experience::SettingsStore& settings;
  const Clock& clock;
  const http::Pools& pools;
};

// One authenticated call.
struct AccountCall {
  const http::Request& request;
  boost::json::object body;
  AccountCaller caller;
  experience::Lang lang = experience::Lang::En;

  std::string_view param(std::string_view name) const { return request.param(name); }
};

class AccountApi {
 public:
  explicit AccountApi(AccountApiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  using RouteFn = Result<http::Response> (*)(const AccountApiDeps& deps, const AccountCall& call);
  struct Route {
    http::bhttp::verb method;
    std::string_view path;  // under /api
    RouteFn handler;
    http::Lane lane = http::Lane::Database;
  };

 private:
  http::asio::awaitable<http::Response> run(http::Request& req, const Route& route);
  void add(http::Router::Group& group, std::initializer_list<Route> table);
  // The tables, one per file: account_routes.cpp (profile, password, email, phone, identities),
  // mfa_routes.cpp, session_routes.cpp, verification_routes.cpp.
  void mount_account(http::Router::Group& g);
  void mount_mfa(http::Router::Group& g);
  void mount_sessions(http::Router::Group& g);
  void mount_verifications(http::Router::Group& g);

  AccountApiDeps deps_;
};

// {code, message[, field][, data]} with Logto's status for `error` (api_status). A password
// the policy refuses is Logto's 422 password.rejected, its message the rule broken.
http::Response api_error(const Error& error, experience::Lang lang,
                         const experience::Vars& vars = {});
http::bhttp::status api_status(const Error& error);

// Who WebAuthn credentials made through this Latch are for: the endpoint's host and origin.
management::RelyingParty relying_party(const Config& config, std::string_view name);

// An empty answer with `status` (204), no-store.
http::Response no_content();

}  // namespace latch::account
