#include "oidc/management_token.hpp"

#include "oidc/scope.hpp"

#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "crypto/jws.hpp"
#include "oidc/audit_log.hpp"
#include "storage/experience_repositories.hpp"

namespace latch::oidc {
namespace {

namespace json = boost::json;

bool is_management(const json::value& v) {
  return v.is_string() && is_management_resource(v.as_string());
}

bool audience_ok(const json::object& payload) {
  const auto* aud = payload.if_contains("aud");
  if (!aud) return false;
  if (!aud->is_array()) return is_management(*aud);
  for (const auto& v : aud->as_array()) {
    if (is_management(v)) return true;
  }
  return false;
}

bool has_scope_all(const json::object& payload) {
  const auto* scope = payload.if_contains("scope");
  if (!scope || !scope->is_string()) return false;
  std::string_view s = scope->as_string();
  while (!s.empty()) {
    auto sp = s.find(' ');
    if (s.substr(0, sp) == "all") return true;
    s = sp == std::string_view::npos ? "" : s.substr(sp + 1);
  }
  return false;
}

Error unauthorized(std::string why) {
  return keyed_error(Errc::Unauthorized, "auth.unauthorized", std::move(why));
}

}  // namespace

namespace {

// True when the roles of the user (or, for an app's own token, the app) grant `all` on either
// management resource.
Result<bool> holds_all(storage::Tx& tx, const ManagementCaller& caller, bool app) {
  for (std::string_view resource : {"management-api", "logto-management-api"}) {
    auto scopes = app ? tx.roles().application_scopes(caller.client_id, resource)
                      : tx.roles().user_scopes(caller.subject, resource);
    if (!scopes) return scopes.error();
    if (has_scope(*scopes, "all")) return true;
  }
  return false;
}

}  // namespace

Result<void> check_management_caller(storage::Store& store, const ManagementCaller& caller) {
  return store.read([&](storage::Tx& tx) -> Result<void> {
    bool app = caller.subject == caller.client_id;  // an application's own token
    if (app) {
      auto found = tx.applications().find(caller.client_id);
      if (!found) return found.error();
      if (!*found) return unauthorized("the application no longer exists");
    } else {
      auto user = tx.users().find(caller.subject);
      if (!user) return user.error();
      if (!*user) return unauthorized("the user no longer exists");
      if ((*user)->is_suspended) {
        return keyed_error(Errc::Forbidden, "auth.forbidden", "the user is suspended");
      }
    }
    auto allowed = holds_all(tx, caller, app);
    if (!allowed) return allowed.error();
    if (!*allowed) {
      return keyed_error(Errc::Forbidden, "auth.forbidden",
                         app ? "the application's roles no longer grant the management API"
                             : "the user's roles no longer grant the management API");
    }
    return ok();
  });
}

Result<ManagementCaller> authorize_management(std::string_view authorization, const KeyStore& keys,
                                              std::string_view issuer, std::int64_t now) {
  if (authorization.size() < 8 || authorization.substr(0, 7) != "Bearer ") {
    return unauthorized("Authorization: Bearer <management access token> is required");
  }
  auto snapshot = keys.snapshot();
  auto jwt = crypto::verify_jwt(authorization.substr(7),
                                [&](std::string_view kid) { return snapshot->verifier(kid); });
  if (!jwt) return unauthorized("the access token is not a valid JWT from this issuer");
  const auto& p = jwt->payload;
  const auto* exp = p.if_contains("exp");
  if (json_text(p, "iss") != issuer) return unauthorized("the access token has another issuer");
  if (!exp || !exp->is_int64() || exp->as_int64() <= now) {
    return unauthorized("the access token has expired");
  }
  if (!audience_ok(p)) return unauthorized("the access token is not for the management API");
  // RFC 9449 §7.1: a DPoP-bound token (cnf) is no bearer token; this API takes no proofs.
  if (p.contains("cnf")) return unauthorized("the access token is DPoP-bound");
  if (!has_scope_all(p)) {
    return keyed_error(Errc::Forbidden, "auth.forbidden", "the access token lacks scope all");
  }
  return ManagementCaller{json_text(p, "sub"), json_text(p, "client_id")};
}

void record_management_change(storage::Store& store, const ManagementCaller& caller,
                              std::string_view method, std::string_view path, std::string_view ip,
                              unsigned status, std::int64_t now_millis) {
  record_audit(store,
               {.key = "Management." + std::string(method),
                .application_id = caller.client_id,
                .ip = std::string(ip),
                .payload = {{"method", method}, {"path", path}, {"status", status}}},
               now_millis);
}

void record_management_failure(storage::Store& store, const ManagementCaller& caller,
                               std::string_view method, std::string_view path, std::string_view ip,
                               unsigned status, std::string_view code, std::int64_t now_millis) {
  record_audit(
      store,
      {.key = "Management." + std::string(method),
       .success = false,
       .application_id = caller.client_id,
       .ip = std::string(ip),
       .payload = {{"method", method}, {"path", path}, {"status", status}, {"code", code}}},
      now_millis);
}

}  // namespace latch::oidc
