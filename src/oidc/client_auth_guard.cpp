#include "oidc/client_auth_guard.hpp"

#include <algorithm>

#include "http/blocking.hpp"
#include "http/client_address.hpp"
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

}  // namespace

boost::asio::awaitable<Result<AuthenticatedClient>> authenticate_limited(
    const Provider& op, const http::Request& request, const http::Params& body,
    const CatalogSnapshot& catalog) {
  const ClientAuthLimits& limits = op.deps().client_auth_limits;
  // Only registered clients get a counter of their own: made-up ids would only fill the table.
  std::optional<std::string> claimed = claimed_client_id(request, body);
  std::string client_key = claimed && catalog.client(*claimed) ? *claimed : std::string();
  std::string ip_key = http::address_key(request.remote_address);
  std::int64_t wait = limits.per_ip.blocked_for(ip_key);
  if (!client_key.empty()) wait = std::max(wait, limits.per_client.blocked_for(client_key));
  if (wait > 0) co_return too_many_failures(wait);
  auto client = authenticate_client(request, body, catalog);
  if (client || client.error().code != Errc::InvalidClient) co_return client;
  auto count_failure = [&] {
    if (!client_key.empty()) limits.per_client.hit(client_key);
    limits.per_ip.hit(ip_key);
    return true;
  };
  co_await http::run_blocking(op.deps().pool, count_failure);
  co_return client;
}

}  // namespace latch::oidc
