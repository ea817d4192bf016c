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
  // The failure over a limit is refused as such: with several nodes, it may be this node's first
  // news of a count that the others pushed over.
  auto count_failure = [&] {
    std::int64_t over = client_key.empty() ? 0 : limits.per_client.hit(client_key);
    return std::max(over, limits.per_ip.hit(ip_key));
  };
  std::int64_t over = co_await http::run_blocking(op.deps().pool, count_failure);
  if (over > 0) co_return too_many_failures(over);
  co_return client;
}

}  // namespace latch::oidc
