#include "oidc/client_auth_guard.hpp"

#include <algorithm>

#include "http/blocking.hpp"
#include "http/client_address.hpp"
#include "oidc/audit_log.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

Error too_many_failures(std::int64_t retry_after) {
  Error error =
      make_error(Errc::TooManyRequests, "too many failed client authentications; retry after " +
                                            std::to_string(retry_after) + " seconds");
  error.retry_after = retry_after;
  return error;
}

// The claimed client_id when `catalog` knows it, else "".
std::string known_client(const http::Request& request, const http::Params& body,
                         const CatalogSnapshot& catalog) {
  std::optional<std::string> claimed = claimed_client_id(request, body);
  return claimed && catalog.client(*claimed) ? *claimed : std::string();
}

}  // namespace

std::optional<Error> client_auth_blocked(const Provider& op, const http::Request& request,
                                         const http::Params& body, const CatalogSnapshot& catalog) {
  const ClientAuthLimits& limits = op.deps().client_auth_limits;
  std::string client_key = known_client(request, body, catalog);
  std::int64_t wait = limits.per_ip.blocked_for(http::address_key(request.remote_address));
  if (!client_key.empty()) wait = std::max(wait, limits.per_client.blocked_for(client_key));
  if (wait > 0) return too_many_failures(wait);
  return std::nullopt;
}

boost::asio::awaitable<Error> client_auth_failed(const Provider& op, const http::Request& request,
                                                 const http::Params& body,
                                                 const CatalogSnapshot& catalog, Error error) {
  const ClientAuthLimits& limits = op.deps().client_auth_limits;
  std::string client_key = known_client(request, body, catalog);
  std::string claimed = claimed_client_id(request, body).value_or("").substr(0, 128);
  AuditEvent event{
      .key = "Client.Authenticate",
      .success = false,
      .application_id = client_key,
      .ip = request.remote_address,
      .payload = {{"endpoint", request.path}, {"clientId", claimed}, {"error", error.description}}};
  auto record_and_count = [&] {
    record_audit(op.deps().store, std::move(event), op.deps().clock.now_millis());
    std::int64_t over = client_key.empty() ? 0 : limits.per_client.hit(client_key);
    return std::max(over, limits.per_ip.hit(http::address_key(request.remote_address)));
  };
  std::int64_t over = co_await http::run_blocking(op.deps().pool, record_and_count);
  if (over > 0) co_return too_many_failures(over);
  co_return error;
}

}  // namespace latch::oidc
